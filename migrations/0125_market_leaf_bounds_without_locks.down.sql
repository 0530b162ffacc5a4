-- 0125_market_leaf_bounds_without_locks (down): 0117's definition, which reads the tree with pg_partition_tree().
create or replace function market.leaf_bounds(p_root regclass)
returns table (leaf regclass, parent regclass, lower_bound timestamptz, upper_bound timestamptz)
language sql
stable
-- the bound text is parsed back, so print it in one fixed style
set "TimeZone" to 'UTC'
set "DateStyle" to 'ISO, YMD'
as $$
    select t.relid::regclass, t.parentrelid::regclass,
           pg_catalog.substring(pg_catalog.pg_get_expr(c.relpartbound, c.oid), 'FROM \(''([^'']+)''\)')::timestamptz,
           pg_catalog.substring(pg_catalog.pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']+)''\)')::timestamptz
      from pg_catalog.pg_partition_tree(p_root) t
      join pg_catalog.pg_class c on c.oid = t.relid
     where t.isleaf and t.level = 2
$$;

comment on function market.leaf_bounds(regclass) is
    'Monthly leaves of a market.ohlcv_{N}m tree with their symbol partition and time bounds.';
