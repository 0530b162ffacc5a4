-- 0115_market_partitions_by_bound: partitions are found by their bound, named injectively, created without
-- blocking the rows of the other partitions, and sized for autovacuum.
--
-- Replaces the bodies of market.ensure_partitions / ensure_partitions_all (0108, same signatures: callers keep
-- working) with calls of market.ensure_month_partition, which does one (timeframe, symbol, month):
--
-- Names (issue #6 item 14). 0108 named the symbol partition ohlcv_{N}m_{symbol} and the leaf
-- ohlcv_{N}m_{symbol}_{yyyy}_{mm}, and checked existence by name: the valid symbol NQ_2024_03 got the name of NQ's
-- March-2024 leaf, and whichever came second failed forever. Now a partition is found by what it is (its parent and
-- its bound), never by its name, and market.free_partition_name keeps the readable name when it is free and appends
-- #2, #3 … otherwise ('#' cannot occur in a symbol, so a suffixed name never equals another unsuffixed one). Every
-- existing partition keeps its name.
--
-- Locks (issue #7 item 1). 0108 began with `lock table ohlcv_{N}m in share update exclusive mode`, which recurses
-- into every partition (one lock per leaf: 156 months × 20 symbols × 5 timeframes do not fit in a stock server's
-- lock table), and `create table … partition of P` takes ACCESS EXCLUSIVE on P, stalling every insert routed through
-- P. Now a new table is created standalone (`create table … (like …)`, nothing else locked) and joined with
-- `alter table P attach partition`, which takes SHARE UPDATE EXCLUSIVE on P only: reads and writes of P's existing
-- partitions go on. Concurrent callers for the same timeframe are serialised by a transaction advisory lock instead
-- of a table lock. One month takes about 8 locks (the leaf, its toast table and indexes, the parents); a caller
-- that wants the lock count bounded commits between months (market.maintain, 0117).
--
-- Vacuum (issue #7 item 2). 0108 copied the seed's autovacuum thresholds (500,000 rows, scale factor 0) onto every
-- leaf; a monthly leaf holds at most 44,640 one-minute rows, so autovacuum never vacuumed or analyzed one. Leaves now
-- keep PostgreSQL's defaults (threshold 50 rows + 20 % of the leaf for vacuum, 10 % for analyze: an indicator
-- backfill of a leaf triggers both); only fillfactor 70 stays (room for HOT updates, see 0113). Existing leaves in
-- the range lose the four autovacuum settings when ensure_partitions passes over them (`alter table … reset`, SHARE
-- UPDATE EXCLUSIVE on that leaf only); this script does not touch existing leaves itself.

create function market.free_partition_name(p_preferred text)
returns name
language plpgsql
stable
as $$
declare
    v_name text := p_preferred;
    v_n    integer := 1;
begin
    while pg_catalog.to_regclass(pg_catalog.format('market.%I', v_name)) is not null loop
        v_n := v_n + 1;
        v_name := pg_catalog.format('%s#%s', p_preferred, v_n);
    end loop;
    return v_name;
end
$$;

comment on function market.free_partition_name(text) is
    'p_preferred if no relation of schema market has that name, else p_preferred#2, #3, … (# never occurs in a symbol, so partition names stay injective).';

create function market.month_partition_ddl(p_minutes integer, p_symbol text, p_month date)
returns text[]
language plpgsql
stable
-- bounds are compared as pg_get_expr prints them, which depends on the session's time zone and date style
set "TimeZone" to 'UTC'
set "DateStyle" to 'ISO, YMD'
as $$
declare
    v_symbol   text := market.normalize_symbol(p_symbol);
    v_root     name := pg_catalog.format('ohlcv_%sm', p_minutes);
    v_root_oid oid;
    v_sym_oid  oid;
    v_sym_name name;
    v_leaf_oid oid;
    v_name     name;
    v_month    date := pg_catalog.date_trunc('month', p_month)::date;
    v_next     date := (pg_catalog.date_trunc('month', p_month) + interval '1 month')::date;
    v_ddl      text[] := '{}';
begin
    v_root_oid := pg_catalog.to_regclass(pg_catalog.format('market.%I', v_root));
    if p_month is null or v_root_oid is null or not exists (select from market.timeframes where minutes = p_minutes) then
        raise exception 'market.ensure_partitions: timeframe % is not registered or has no table market.%', p_minutes, v_root
            using errcode = 'undefined_table';
    end if;

    -- the symbol partition: found by its bound, not by its name
    select c.oid, c.relname into v_sym_oid, v_sym_name
      from pg_catalog.pg_inherits i join pg_catalog.pg_class c on c.oid = i.inhrelid
     where i.inhparent = v_root_oid
       and pg_catalog.pg_get_expr(c.relpartbound, c.oid) = pg_catalog.format('FOR VALUES IN (%L)', v_symbol);
    if v_sym_oid is null then
        v_sym_name := market.free_partition_name(pg_catalog.format('%s_%s', v_root, pg_catalog.lower(v_symbol)));
        v_ddl := v_ddl || array[
            pg_catalog.format('create table market.%I (like market.%I including defaults including constraints) '
                              'partition by range ("timestamp")', v_sym_name, v_root),
            pg_catalog.format('alter table market.%I attach partition market.%I for values in (%L)', v_root, v_sym_name, v_symbol),
            pg_catalog.format('comment on table market.%I is %L', v_sym_name, pg_catalog.format(
                'Partition of market.%s for symbol %s, partitioned by UTC month (market.ensure_partitions)', v_root, v_symbol))];
    elsif (select relkind from pg_catalog.pg_class where oid = v_sym_oid) <> 'p' then
        raise exception 'market.ensure_partitions: partition % of market.% for % is not partitioned by month',
            v_sym_oid::regclass, v_root, v_symbol
            using errcode = 'wrong_object_type';
    else
        -- the month: found by its bound
        select c.oid into v_leaf_oid
          from pg_catalog.pg_inherits i join pg_catalog.pg_class c on c.oid = i.inhrelid
         where i.inhparent = v_sym_oid
           and pg_catalog.pg_get_expr(c.relpartbound, c.oid) = pg_catalog.format('FOR VALUES FROM (%L) TO (%L)',
                   pg_catalog.to_char(v_month, 'YYYY-MM-DD "00:00:00+00"'), pg_catalog.to_char(v_next, 'YYYY-MM-DD "00:00:00+00"'));
    end if;

    if v_leaf_oid is null then
        v_name := market.free_partition_name(pg_catalog.format('%s_%s_%s', v_root, pg_catalog.lower(v_symbol),
            pg_catalog.to_char(v_month, 'YYYY_MM')));
        v_ddl := v_ddl || array[
            -- fillfactor 70: room on each page for HOT updates of the indicator columns (0113); autovacuum defaults
            pg_catalog.format('create table market.%I (like market.%I including defaults including constraints) '
                              'with (fillfactor = 70)', v_name, v_root),
            pg_catalog.format('alter table market.%I attach partition market.%I for values from (%L) to (%L)',
                v_sym_name, v_name, pg_catalog.to_char(v_month, 'YYYY-MM-DD"T00:00:00+00"'),
                pg_catalog.to_char(v_next, 'YYYY-MM-DD"T00:00:00+00"')),
            pg_catalog.format('comment on table market.%I is %L', v_name, pg_catalog.format(
                'market.%s rows of %s for %s (UTC month)', v_root, v_symbol, pg_catalog.to_char(v_month, 'YYYY-MM')))];
    else
        if exists (select from pg_catalog.pg_class c, pg_catalog.unnest(c.reloptions) o
                    where c.oid = v_leaf_oid and o like 'autovacuum\_%') then
            -- a leaf made by 0108: its thresholds were out of a leaf's reach
            v_ddl := v_ddl || pg_catalog.format('alter table %s reset (autovacuum_vacuum_scale_factor, '
                'autovacuum_vacuum_threshold, autovacuum_analyze_scale_factor, autovacuum_analyze_threshold)', v_leaf_oid::regclass);
        end if;
        if not exists (select from pg_catalog.pg_class c where c.oid = v_leaf_oid and c.reloptions @> array['fillfactor=70']) then
            v_ddl := v_ddl || pg_catalog.format('alter table %s set (fillfactor = 70)', v_leaf_oid::regclass);
        end if;
    end if;
    return v_ddl;
end
$$;

comment on function market.month_partition_ddl(integer, text, date) is
    'The statements that would create the symbol partition of market.ohlcv_{N}m and the leaf of the UTC month containing p_month (or fix a leaf''s storage parameters); empty when nothing is missing.';

create function market.ensure_month_partition(p_minutes integer, p_symbol text, p_month date)
returns integer
language plpgsql
as $$
declare
    v_sql     text;
    v_created integer := 0;
begin
    -- creators of the same timeframe queue here (not on a table lock, which would recurse into every partition)
    perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('market.ensure_partitions'), p_minutes);
    foreach v_sql in array market.month_partition_ddl(p_minutes, p_symbol, p_month) loop
        execute v_sql;
        if v_sql like 'create table %' then
            v_created := v_created + 1;
        end if;
    end loop;
    return v_created;
end
$$;

comment on function market.ensure_month_partition(integer, text, date) is
    'Runs market.month_partition_ddl under a per-timeframe advisory lock: creates, if missing, the symbol partition and the leaf of p_month (create standalone + attach: no lock on other partitions); returns the number of tables created (0-2).';

create or replace procedure market.ensure_partitions(
    p_minutes integer,
    p_symbol text,
    p_from date,
    p_to date,
    inout p_created integer default null)
language plpgsql
as $$
declare
    v_symbol text := market.normalize_symbol(p_symbol);
    v_month  date;
begin
    p_created := 0;
    if p_from is null or p_to is null or p_from >= p_to then
        raise exception 'market.ensure_partitions: need p_from < p_to, got % .. %', p_from, p_to
            using errcode = 'invalid_parameter_value';
    end if;
    v_month := pg_catalog.date_trunc('month', p_from)::date;
    while v_month < p_to loop
        p_created := p_created + market.ensure_month_partition(p_minutes, v_symbol, v_month);
        v_month := (v_month + interval '1 month')::date;
    end loop;
end
$$;

comment on procedure market.ensure_partitions(integer, text, date, date, integer) is
    'Creates (idempotently, in the caller''s transaction) the symbol partition of market.ohlcv_{N}m and its UTC-month leaves covering [p_from, p_to), each leaf with fillfactor 70; about 8 locks per month: for long ranges use market.maintain. p_created returns how many tables were created.';

create or replace procedure market.ensure_partitions_all(
    p_symbol text,
    p_from date,
    p_to date,
    inout p_created integer default null)
language plpgsql
as $$
declare
    v_symbol  text := market.normalize_symbol(p_symbol);
    v_minutes integer;
    v_created integer;
begin
    p_created := 0;
    for v_minutes in select minutes from market.timeframes order by minutes loop
        v_created := null;
        call market.ensure_partitions(v_minutes, v_symbol, p_from, p_to, v_created);
        p_created := p_created + v_created;
    end loop;
end
$$;

comment on procedure market.ensure_partitions_all(text, date, date, integer) is
    'market.ensure_partitions for every timeframe in market.timeframes, in the caller''s transaction; p_created returns how many tables were created.';
