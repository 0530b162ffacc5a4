-- 0105_market_indicator_columns: registry of the indicator columns every OHLCV timeframe table carries.
--
-- Why: in seed 000 the indicator columns (rsi_14, atr_14, cvd) are repeated in every timeframe model and a new
-- indicator must be added by hand to ALL of them. Here they are data: market.create_timeframe_table (0106) adds one
-- column per row (in `position` order, after the base columns) and market.add_indicator_column (0110) adds a row and
-- the column to every existing timeframe table, so all timeframe tables keep the same shape.
-- Indicator columns are nullable, have no default and are NEVER indexed: they are backfilled with updates that must
-- stay HOT (heap-only tuple) updates, which is impossible when an updated column is part of an index.
--
-- column_name must be a plain lower-case identifier and not one of the base columns of an OHLCV table.
-- data_type is stored normalised (format_type output, e.g. 'double precision'); the procedures resolve it again with
-- to_regtype before using it in DDL.

create table market.indicator_columns (
    column_name name primary key,
    data_type   text not null,
    position    integer generated always as identity,

    constraint indicator_columns_position_key unique (position),
    constraint indicator_columns_name_format check (column_name ~ '^[a-z_][a-z0-9_]{0,62}$'),
    constraint indicator_columns_not_base_column check (column_name not in (
        'timestamp', 'symbol', 'minute_index', 'open', 'high', 'low', 'close', 'volume', 'trade_count', 'vwap',
        'minutes_into_session', 'window_minutes', 'window_spans_sessions', 'is_regular_session',
        'has_gap_from_prior_session'))
);

comment on table market.indicator_columns is
    'Indicator columns carried by every market.ohlcv_{N}m table (nullable, never indexed so that backfills stay HOT updates). Change it only through market.add_indicator_column / market.drop_indicator_column.';

insert into market.indicator_columns (column_name, data_type)
values ('rsi_14', 'double precision'),
       ('atr_14', 'double precision'),
       ('cvd', 'double precision');
