-- 0115_market_partitions_by_bound (down): the 0108 bodies of ensure_partitions / ensure_partitions_all come back.
-- Partitions created meanwhile stay (with their names and without the four autovacuum settings of 0108).
create or replace procedure market.ensure_partitions(
    p_minutes integer,
    p_symbol text,
    p_from date,
    p_to date,
    inout p_created integer default null)
language plpgsql
as $$
declare
    -- storage parameters of every leaf (PostgreSQL accepts them only on leaves, not on partitioned tables)
    c_leaf_options constant text[] := array[
        'fillfactor=70',
        'autovacuum_vacuum_scale_factor=0',
        'autovacuum_vacuum_threshold=500000',
        'autovacuum_analyze_scale_factor=0',
        'autovacuum_analyze_threshold=500000'];
    v_symbol     text := market.normalize_symbol(p_symbol);
    v_parent     name := pg_catalog.format('ohlcv_%sm', p_minutes);
    v_parent_oid oid;
    v_sympart    name;
    v_sym_oid    oid;
    v_leaf       name;
    v_leaf_oid   oid;
    v_month      date;
begin
    p_created := 0;
    if p_from is null or p_to is null or p_from >= p_to then
        raise exception 'market.ensure_partitions: need p_from < p_to, got % .. %', p_from, p_to
            using errcode = 'invalid_parameter_value';
    end if;
    v_parent_oid := pg_catalog.to_regclass(pg_catalog.format('market.%I', v_parent));
    if v_parent_oid is null or not exists (select from market.timeframes where minutes = p_minutes) then
        raise exception 'market.ensure_partitions: timeframe % is not registered or has no table market.%', p_minutes, v_parent
            using errcode = 'undefined_table';
    end if;

    execute pg_catalog.format('lock table market.%I in share update exclusive mode', v_parent);

    -- symbol partition: market.ohlcv_{N}m_{symbol}
    v_sympart := pg_catalog.format('%s_%s', v_parent, pg_catalog.lower(v_symbol));
    v_sym_oid := pg_catalog.to_regclass(pg_catalog.format('market.%I', v_sympart));
    if v_sym_oid is null then
        execute pg_catalog.format(
            'create table market.%I partition of market.%I for values in (%L) partition by range ("timestamp")',
            v_sympart, v_parent, v_symbol);
        execute pg_catalog.format('comment on table market.%I is %L', v_sympart,
            pg_catalog.format('Partition of market.%s for symbol %s, partitioned by UTC month (market.ensure_partitions)', v_parent, v_symbol));
        p_created := p_created + 1;
    elsif not exists (select from pg_catalog.pg_inherits i join pg_catalog.pg_class c on c.oid = i.inhrelid
                       where i.inhrelid = v_sym_oid and i.inhparent = v_parent_oid and c.relkind = 'p') then
        raise exception 'market.ensure_partitions: market.% exists but is not a partitioned partition of market.%', v_sympart, v_parent
            using errcode = 'wrong_object_type';
    end if;

    -- monthly leaves: market.ohlcv_{N}m_{symbol}_{yyyy}_{mm}
    v_month := pg_catalog.date_trunc('month', p_from)::date;
    while v_month < p_to loop
        v_leaf := pg_catalog.format('%s_%s', v_sympart, pg_catalog.to_char(v_month, 'YYYY_MM'));
        v_leaf_oid := pg_catalog.to_regclass(pg_catalog.format('market.%I', v_leaf));
        if v_leaf_oid is null then
            execute pg_catalog.format(
                'create table market.%I partition of market.%I for values from (%L) to (%L) with (%s)',
                v_leaf, v_sympart,
                pg_catalog.to_char(v_month, 'YYYY-MM-DD"T00:00:00+00"'),
                pg_catalog.to_char((v_month + interval '1 month')::date, 'YYYY-MM-DD"T00:00:00+00"'),
                pg_catalog.array_to_string(c_leaf_options, ', '));
            execute pg_catalog.format('comment on table market.%I is %L', v_leaf,
                pg_catalog.format('market.%s rows of %s for %s (UTC month)', v_parent, v_symbol, pg_catalog.to_char(v_month, 'YYYY-MM')));
            p_created := p_created + 1;
        elsif not exists (select from pg_catalog.pg_inherits where inhrelid = v_leaf_oid and inhparent = v_sym_oid) then
            raise exception 'market.ensure_partitions: market.% exists but is not a partition of market.%', v_leaf, v_sympart
                using errcode = 'wrong_object_type';
        elsif not (select coalesce(c.reloptions, '{}') @> c_leaf_options from pg_catalog.pg_class c where c.oid = v_leaf_oid) then
            execute pg_catalog.format('alter table market.%I set (%s)', v_leaf, pg_catalog.array_to_string(c_leaf_options, ', '));
        end if;
        v_month := (v_month + interval '1 month')::date;
    end loop;
end
$$;

comment on procedure market.ensure_partitions(integer, text, date, date, integer) is
    'Creates (idempotently) the symbol partition of market.ohlcv_{N}m and its UTC-month leaves covering [p_from, p_to), each leaf with fillfactor 70 and the autovacuum settings; p_created returns how many tables were created.';

create or replace procedure market.ensure_partitions_all(
    p_symbol text,
    p_from date,
    p_to date,
    inout p_created integer default null)
language plpgsql
as $$
declare
    v_minutes integer;
    v_created integer;
begin
    p_created := 0;
    for v_minutes in select minutes from market.timeframes order by minutes loop
        v_created := null;
        call market.ensure_partitions(v_minutes, p_symbol, p_from, p_to, v_created);
        p_created := p_created + v_created;
    end loop;
end
$$;

comment on procedure market.ensure_partitions_all(text, date, date, integer) is
    'market.ensure_partitions for every timeframe in market.timeframes; p_created returns how many tables were created.';

drop function market.ensure_month_partition(integer, text, date);
drop function market.month_partition_ddl(integer, text, date);
drop function market.free_partition_name(text);
