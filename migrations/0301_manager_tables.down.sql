-- 0301_manager_tables (down): drops the manager tables (indexes, triggers, comments go with them), dependents
-- first, then the enum types.

drop table manager.signals;
drop table manager.indicators;
drop table manager.watchlist_items;
drop table manager.watchlists;
drop table manager.assets;
drop table manager.users;

drop type manager.signal_type;
drop type manager.indicator_type;
drop type manager.candle_interval;
drop type manager.asset_type;
