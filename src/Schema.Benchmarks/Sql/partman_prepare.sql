-- measure 8, side B (untimed): for every timeframe and symbol the symbol partition (as market.ensure_partitions
-- creates it, without leaves) handed to pg_partman with monthly range partitioning from the current UTC month,
-- premake 1, no default partition. A commit after each: one parent's locks at a time.
do $$
declare
    r     record;
    v_sym text;
begin
    for r in select t.minutes, s.symbol, pg_catalog.format('ohlcv_%sm', t.minutes) as root
               from market.timeframes t cross join market.symbols s
              order by t.minutes, s.symbol
    loop
        v_sym := pg_catalog.format('%s_%s', r.root, pg_catalog.lower(r.symbol));
        execute pg_catalog.format('create table market.%I (like market.%I including defaults including constraints) '
                                  'partition by range ("timestamp")', v_sym, r.root);
        execute pg_catalog.format('alter table market.%I attach partition market.%I for values in (%L)',
                                  r.root, v_sym, r.symbol);
        perform partman.create_parent(
            p_parent_table => pg_catalog.format('market.%I', v_sym),
            p_control => 'timestamp',
            p_interval => '1 month',
            p_premake => 1,
            p_start_partition => pg_catalog.to_char(pg_catalog.date_trunc('month', pg_catalog.now() at time zone 'UTC'),
                                                    'YYYY-MM-DD'),
            p_default_table => false);
        commit;
    end loop;
end
$$
