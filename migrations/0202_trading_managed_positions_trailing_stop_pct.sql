-- 0202_trading_managed_positions_trailing_stop_pct: seed 001's second migration ("ajout de colonnes") — the
-- trailing stop distance of a managed position, and a partial index over the positions that use a trailing stop.
--
-- Why: the monitor loop only has to re-price positions with trailing_stop = true; the partial index holds just
-- those rows. The seed's `float` is double precision in PostgreSQL (kept), nullable: positions without a trailing
-- stop have none. The seed wrote `where trailing_stop = true`; PostgreSQL simplifies `x = true` to `x`, so
-- `where trailing_stop` is the same predicate, and queries written either way can use the index.

alter table trading.managed_positions
    add column trailing_stop_pct double precision;

comment on column trading.managed_positions.trailing_stop_pct is
    'Trailing stop distance as a fraction of the high-water price (e.g. 0.05); null when trailing_stop is false';

create index idx_managed_position_trailing on trading.managed_positions (trailing_stop)
    where trailing_stop;
