-- 0101_market_symbols: symbol metadata (seed 000, Prisma model `Symbol`, table `symbols`).
--
-- Columns and types as in the seed. Added checks (the seed has none):
--   * symbol is upper case and matches ^[A-Z0-9][A-Z0-9._-]{0,19}$ — the same rule market.ensure_partitions
--     applies, because the symbol becomes part of partition names (ohlcv_60m_es) and list-partition bounds;
--   * tick_size / lot_size positive, session times look like HH:MM[:SS] (the seed keeps them as varchar(10)),
--     first_available_date <= last_available_date.
-- is_active is `not null` (Prisma's non-optional Boolean with a default).

create table market.symbols (
    symbol               varchar(20) primary key,
    name                 text,
    exchange             varchar(20),
    asset_class          varchar(20),
    tick_size            double precision,
    lot_size             double precision,
    session_start_time   varchar(10),
    session_end_time     varchar(10),
    timezone             varchar(50),
    first_available_date date,
    last_available_date  date,
    is_active            boolean not null default true,

    constraint symbols_symbol_format check (symbol ~ '^[A-Z0-9][A-Z0-9._-]{0,19}$'),
    constraint symbols_tick_size_positive check (tick_size > 0),
    constraint symbols_lot_size_positive check (lot_size > 0),
    constraint symbols_session_start_time_format check (session_start_time ~ '^[0-2][0-9]:[0-5][0-9](:[0-5][0-9])?$'),
    constraint symbols_session_end_time_format check (session_end_time ~ '^[0-2][0-9]:[0-5][0-9](:[0-5][0-9])?$'),
    constraint symbols_available_range check (first_available_date <= last_available_date)
);

comment on table market.symbols is
    'Instrument metadata (seed 000 model Symbol): exchange, asset class, tick/lot size, session hours, available data range. Symbols are upper case; the OHLCV partitions are named after them.';
comment on column market.symbols.session_start_time is 'Session start as HH:MM[:SS] in the symbol''s timezone (varchar as in the seed)';
comment on column market.symbols.session_end_time is 'Session end as HH:MM[:SS] in the symbol''s timezone (varchar as in the seed)';
