-- 0125_market_leaf_bounds_without_locks: market.leaf_bounds reads the partition tree from pg_inherits.
--
-- Why: 0117's market.leaf_bounds (the retention step of market.maintain) called pg_partition_tree(), which takes
-- ACCESS SHARE on every relation of the tree (find_all_inheritors): at 20 symbols × 156 months one call held ~3,100
-- locks until the step committed, the lock count 0115 and 0122 keep bounded. market.tree_relations (0122) walks
-- pg_inherits without locking; the bounds come from pg_class.relpartbound as before. Same signature and result.
-- Locks: none on the tree's relations (the function only reads catalogs).

create or replace function market.leaf_bounds(p_root regclass)
returns table (leaf regclass, parent regclass, lower_bound timestamptz, upper_bound timestamptz)
language sql
stable
-- the bound text is parsed back, so print it in one fixed style
set "TimeZone" to 'UTC'
set "DateStyle" to 'ISO, YMD'
as $$
    select t.relid::regclass, t.parent::regclass,
           pg_catalog.substring(pg_catalog.pg_get_expr(c.relpartbound, c.oid), 'FROM \(''([^'']+)''\)')::timestamptz,
           pg_catalog.substring(pg_catalog.pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']+)''\)')::timestamptz
      from market.tree_relations(p_root) t
      join pg_catalog.pg_class c on c.oid = t.relid
     where t.level = 2 and not t.has_children
$$;

comment on function market.leaf_bounds(regclass) is
    'Monthly leaves of a market.ohlcv_{N}m tree with their symbol partition and time bounds (read from pg_inherits, no locks taken).';
