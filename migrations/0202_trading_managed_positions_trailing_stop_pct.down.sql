-- 0202_trading_managed_positions_trailing_stop_pct (down): drops the partial index and the column.

drop index trading.idx_managed_position_trailing;

alter table trading.managed_positions
    drop column trailing_stop_pct;
