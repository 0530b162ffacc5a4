-- 0124_market_convert_to_partitioned_batched (down)
drop procedure market.convert_to_partitioned_batched(regclass, integer, integer, boolean, interval, integer, bigint);
drop procedure market.convert_apply_delta(regclass, regclass, regclass, boolean, integer, text, text, integer, bigint);
drop procedure market.convert_ensure_partitions_for(regclass, boolean, integer, text);
drop procedure market.convert_ensure_shadow_partition(regclass, integer, text, date);
drop function market.convert_capture_changes();
