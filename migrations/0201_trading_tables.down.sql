-- 0201_trading_tables (down): drops the trading tables (their indexes, triggers and comments go with them) and then
-- the enum types, in reverse order of creation.

drop table trading.bot_sessions;
drop table trading.system_config;
drop table trading.activity_log;
drop table trading.decisions;
drop table trading.stock_analyses;
drop table trading.news_articles;
drop table trading.snapshots;
drop table trading.quotes;
drop table trading.bars;
drop table trading.managed_positions;
drop table trading.positions;
drop table trading.orders;

drop type trading.activity_type;
drop type trading.decision_action;
drop type trading.managed_position_status;
drop type trading.position_side;
drop type trading.asset_class;
drop type trading.order_status;
drop type trading.time_in_force;
drop type trading.order_type;
drop type trading.order_side;
