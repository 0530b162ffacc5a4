-- 0117_market_maintain: the daily partition and retention job, as a procedure (what `schema maintain` calls).
--
-- call market.maintain();                                   -- from psql, pg_cron or the CLI, OUTSIDE a transaction
-- call market.maintain(p_months_ahead => 6, p_dry_run => true);
--   p_months_ahead  leaves are created up to the UTC month now + N (default 3);
--   p_dry_run       change nothing: p_report lists the statements that would run (may be called in a transaction);
--   p_lock_timeout  how long one statement may wait for a lock (default 1 s) before it is retried ...
--   p_lock_retries  ... at most this many times (default 30, backoff 50 ms doubling up to 2 s), then it raises;
--   p_report        INOUT jsonb array, one object per action: table, action (create | drop | drop_chunks), symbol,
--                   month, relation, count, sql (dry run).
-- What it does, each step in its own transaction (COMMIT after each: a step holds about 8 locks, never one per
-- partition, and a concurrent writer waits for none of them — see 0115):
--   1. for every active symbol of market.symbols and every timeframe: the symbol partition and the monthly leaves
--      from the symbol's first_available_date (the current month when unset) to now + p_months_ahead, skipping
--      months the timeframe's drop_leaves_after would drop again;
--   2. native retention: leaves of a timeframe with drop_leaves_after whose month ended longer ago than that are
--      detached and dropped (ACCESS EXCLUSIVE on that symbol's partition for the moment of the detach, bounded by
--      p_lock_timeout: writers of that symbol wait at most that long, then the step is retried);
--   3. hypertable retention: drop_chunks for every platform.retention_policies row whose hypertable has no
--      TimescaleDB retention job (the Apache edition, or a Community database whose jobs were removed).
-- Idempotent: a second run finds nothing to do. Concurrent runs (cron overlapping itself, `schema up`, a loader
-- calling market.ensure_partitions) are serialised per timeframe by the advisory lock of
-- market.ensure_month_partition; the later one finds the partition there and creates nothing.
-- It has no SET clause (a procedure with one cannot COMMIT); every name is qualified.

create function market.leaf_bounds(p_root regclass)
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

create procedure market.maintain(
    p_months_ahead integer default 3,
    p_dry_run boolean default false,
    p_lock_timeout interval default interval '1 second',
    p_lock_retries integer default 30,
    inout p_report jsonb default null)
language plpgsql
as $$
declare
    v_until   date;
    v_month   date;
    v_ddl     text[];
    v_count   bigint;
    v_try     integer;
    v_done    boolean;
    v_table   text;
    r         record;
    l         record;
    v_items   jsonb[] := '{}';  -- appended in place (a jsonb array grown with || is copied on every append)
begin
    if p_months_ahead is null or p_months_ahead < 0 or p_months_ahead > 120 then
        raise exception 'market.maintain: p_months_ahead must be between 0 and 120, got %', p_months_ahead
            using errcode = 'invalid_parameter_value';
    end if;
    if p_lock_timeout is null or p_lock_timeout <= interval '0' or p_lock_retries is null or p_lock_retries < 0 then
        raise exception 'market.maintain: p_lock_timeout must be positive and p_lock_retries at least 0'
            using errcode = 'invalid_parameter_value';
    end if;
    if not p_dry_run then
        commit;  -- fails early (before any change) when called inside a transaction block
    end if;
    v_until := (pg_catalog.date_trunc('month', pg_catalog.now() at time zone 'UTC')
                + pg_catalog.make_interval(months => p_months_ahead))::date;

    -- 1. partitions
    for r in
        select t.minutes, s.symbol, pg_catalog.format('market.%I', pg_catalog.format('ohlcv_%sm', t.minutes)) as root,
               greatest(pg_catalog.date_trunc('month', coalesce(s.first_available_date, pg_catalog.now() at time zone 'UTC')),
                        -- the first month drop_leaves_after keeps (a month is dropped once its end is older)
                        coalesce(pg_catalog.date_trunc('month', pg_catalog.now() at time zone 'UTC' - t.drop_leaves_after),
                                 '-infinity'))::date as first_month
          from market.timeframes t cross join market.symbols s
         where s.is_active
         order by t.minutes, s.symbol
    loop
        v_month := r.first_month;
        while v_month <= v_until loop
            -- months whose leaf exists with the right storage parameters are skipped without a lock
            v_ddl := market.month_partition_ddl(r.minutes, r.symbol, v_month);
            if pg_catalog.cardinality(v_ddl) > 0 then
                if p_dry_run then
                    v_items := pg_catalog.array_append(v_items, pg_catalog.jsonb_build_object('table', r.root, 'action', 'create',
                        'symbol', r.symbol, 'month', pg_catalog.to_char(v_month, 'YYYY-MM'), 'sql', pg_catalog.to_jsonb(v_ddl)));
                else
                    v_try := 0;
                    loop
                        begin
                            perform pg_catalog.set_config('lock_timeout', pg_catalog.format('%s ms',
                                pg_catalog.ceil(extract(epoch from p_lock_timeout) * 1000)), true);
                            v_count := market.ensure_month_partition(r.minutes, r.symbol, v_month);
                            v_done := true;
                        exception when lock_not_available then
                            v_try := v_try + 1;
                            if v_try > p_lock_retries then
                                raise;
                            end if;
                            v_done := false;
                        end;
                        exit when v_done;
                        perform pg_catalog.pg_sleep(least(0.05 * 2 ^ (v_try - 1), 2));
                    end loop;
                    if v_count > 0 then
                        v_items := pg_catalog.array_append(v_items, pg_catalog.jsonb_build_object('table', r.root, 'action', 'create',
                            'symbol', r.symbol, 'month', pg_catalog.to_char(v_month, 'YYYY-MM'), 'count', v_count));
                    end if;
                    commit;
                end if;
            end if;
            v_month := (v_month + interval '1 month')::date;
        end loop;
    end loop;

    -- 2. native retention of monthly leaves
    for r in select t.minutes, t.drop_leaves_after,
                    pg_catalog.to_regclass(pg_catalog.format('market.%I', pg_catalog.format('ohlcv_%sm', t.minutes))) as root
               from market.timeframes t
              where t.drop_leaves_after is not null
              order by t.minutes
    loop
        continue when r.root is null;
        for l in select b.leaf::text as leaf, b.parent::text as parent from market.leaf_bounds(r.root) b
                  where b.upper_bound <= pg_catalog.now() - r.drop_leaves_after
                  order by b.lower_bound, b.leaf::text  -- names as text: the report outlives the dropped oids
        loop
            v_ddl := array[pg_catalog.format('alter table %s detach partition %s', l.parent, l.leaf),
                           pg_catalog.format('drop table %s', l.leaf)];
            if not p_dry_run then
                v_try := 0;
                loop
                    begin
                        perform pg_catalog.set_config('lock_timeout', pg_catalog.format('%s ms',
                            pg_catalog.ceil(extract(epoch from p_lock_timeout) * 1000)), true);
                        execute v_ddl[1];
                        execute v_ddl[2];
                        v_done := true;
                    exception when lock_not_available then
                        v_try := v_try + 1;
                        if v_try > p_lock_retries then
                            raise;
                        end if;
                        v_done := false;
                    end;
                    exit when v_done;
                    perform pg_catalog.pg_sleep(least(0.05 * 2 ^ (v_try - 1), 2));
                end loop;
            end if;
            v_items := pg_catalog.array_append(v_items, pg_catalog.jsonb_build_object('table', r.root::text, 'action', 'drop',
                'relation', l.leaf) || case when p_dry_run then pg_catalog.jsonb_build_object('sql', pg_catalog.to_jsonb(v_ddl))
                                                   else '{}'::jsonb end);
            if not p_dry_run then
                commit;
            end if;
        end loop;
    end loop;

    -- 3. hypertable retention where no TimescaleDB job does it
    if pg_catalog.to_regclass('timescaledb_information.jobs') is not null then
        for r in select p.schema_name, p.table_name, p.drop_after,
                        pg_catalog.format('%I.%I', p.schema_name, p.table_name) as tbl
                   from platform.retention_policies p
                  where exists (select from timescaledb_information.hypertables h
                                 where h.hypertable_schema = p.schema_name and h.hypertable_name = p.table_name)
                    and not exists (select from timescaledb_information.jobs j
                                     where j.proc_name = 'policy_retention'
                                       and j.hypertable_schema = p.schema_name and j.hypertable_name = p.table_name)
                  order by p.schema_name, p.table_name
        loop
            v_table := pg_catalog.format('select count(*) from drop_chunks(%L::regclass, older_than => %L::interval)',
                r.tbl, r.drop_after);
            if p_dry_run then
                v_items := pg_catalog.array_append(v_items, pg_catalog.jsonb_build_object('table', r.tbl, 'action', 'drop_chunks',
                    'sql', pg_catalog.to_jsonb(array[v_table])));
                continue;
            end if;
            v_try := 0;
            loop
                begin
                    perform pg_catalog.set_config('lock_timeout', pg_catalog.format('%s ms',
                        pg_catalog.ceil(extract(epoch from p_lock_timeout) * 1000)), true);
                    execute v_table into v_count;
                    v_done := true;
                exception when lock_not_available then
                    v_try := v_try + 1;
                    if v_try > p_lock_retries then
                        raise;
                    end if;
                    v_done := false;
                end;
                exit when v_done;
                perform pg_catalog.pg_sleep(least(0.05 * 2 ^ (v_try - 1), 2));
            end loop;
            if v_count > 0 then
                v_items := pg_catalog.array_append(v_items, pg_catalog.jsonb_build_object('table', r.tbl, 'action', 'drop_chunks', 'count', v_count));
            end if;
            commit;
        end loop;
    end if;
    p_report := pg_catalog.to_jsonb(v_items);
end
$$;

comment on procedure market.maintain(integer, boolean, interval, integer, jsonb) is
    'Daily job (CALL outside a transaction; `schema maintain`): partitions for every active symbol and timeframe up to N months ahead, native leaf retention (timeframes.drop_leaves_after), drop_chunks where no TimescaleDB retention job exists; commits after each step; p_report lists what was done.';

revoke execute on procedure market.maintain(integer, boolean, interval, integer, jsonb) from public;
