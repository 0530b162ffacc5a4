-- 0122_market_bounded_lock_ddl (down)
drop procedure market.drop_timeframe_bounded(integer, integer, interval, integer, integer, jsonb);
drop procedure market.drop_partition_tree_bounded(regclass, integer, interval, integer, text, jsonb);
drop procedure market.drop_indicator_column_bounded(text, interval, integer, integer, jsonb);
drop procedure market.add_indicator_column_bounded(text, text, interval, integer, integer, jsonb);
drop function market.column_type_of(regclass, text);
drop function market.timeframe_trees();
drop function market.tree_relations(regclass);
drop function market.check_indicator_column_name(text, text);
drop function market.is_base_column(text);
drop function market.bounded_ddl_budget(text, interval, integer, integer);
drop procedure market.run_with_lock_retry(text[], interval, integer, text, integer);
drop function market.lock_table_capacity();
