-- 0103_market_session_gaps: opening gaps between sessions per symbol (seed 000, model `SessionGap`).
--
-- Columns and types as in the seed; primary key (symbol, session_date). Added (the seed has none):
--   * gap_direction in ('up', 'down', 'none') — the seed's free varchar(10);
--   * a foreign key to market.symbols: a gap is always about a known symbol (a small metadata table, so the
--     check costs nothing on the rare inserts; the OHLCV tables deliberately have no such key, see 0109).

create table market.session_gaps (
    session_date  date not null,
    symbol        varchar(20) not null references market.symbols (symbol) on update cascade,
    prior_close   double precision not null,
    current_open  double precision not null,
    gap_amount    double precision not null,
    gap_percent   double precision not null,
    gap_direction varchar(10) not null,

    primary key (symbol, session_date),
    constraint session_gaps_direction_valid check (gap_direction in ('up', 'down', 'none'))
);

comment on table market.session_gaps is
    'Gap between the prior session close and the current session open per symbol and session date (seed 000 model SessionGap), for gap analysis.';
