-- 0102_market_trading_sessions: the trading calendar per exchange and day (seed 000, model `TradingSession`).
--
-- Columns and types as in the seed; primary key (exchange, session_date). Added checks (the seed has none):
-- total_minutes >= 0 and session_end >= session_start (a holiday row may have start = end and 0 minutes).

create table market.trading_sessions (
    session_date  date not null,
    exchange      varchar(20) not null,
    session_start timestamptz not null,
    session_end   timestamptz not null,
    total_minutes smallint not null,
    is_half_day   boolean not null default false,
    is_holiday    boolean not null default false,
    notes         text,

    primary key (exchange, session_date),
    constraint trading_sessions_total_minutes_nonnegative check (total_minutes >= 0),
    constraint trading_sessions_end_after_start check (session_end >= session_start)
);

comment on table market.trading_sessions is
    'Trading calendar (seed 000 model TradingSession): one row per exchange and session date with session start/end, trading minutes, half-day and holiday flags.';
