-- 0122_market_bounded_lock_ddl: indicator columns and timeframes changed with a bounded number of locks per
-- transaction, waiting with lock_timeout + retry instead of queueing behind readers, resumable after an interruption.
--
-- Why (issue #7 item 1): market.add_indicator_column / drop_indicator_column (0110) alter every timeframe table in
-- one transaction, and market.drop_timeframe (0107) drops a whole tree in one: one ACCESS EXCLUSIVE lock per table of
-- every tree at once. With 20 symbols × 2014-01 .. 2027-01 that is 5 × 3,161 = 15,805 locks; a stock server
-- (max_locks_per_transaction 64 × 122 backend slots = 7,808 for ALL sessions together) fails with `out of shared
-- memory`, and every other session of the server fails with it while the lock table is full.
--
-- What PostgreSQL permits (measured on 17, see docs/schema-market.md "Locks and limits"):
--   * `alter table <partitioned> add|drop column` recurses into every partition in the same statement and takes
--     ACCESS EXCLUSIVE on each table of the tree (exactly one lock per relation: the root, its symbol partitions and
--     leaves; indexes are not locked);
--   * `alter table ONLY <partitioned> add column` fails ("column must be added to child tables too"), `alter table
--     ONLY … drop column` fails ("cannot drop column from only the partitioned table when partitions exist"), a
--     partition cannot get a column of its own ("cannot add column to a partition"), and `attach partition` refuses a
--     table with a column the parent lacks. A column therefore reaches the whole tree of a timeframe table in one
--     transaction, or the tree must be taken apart (detach), which hides the detached symbols' rows from every reader
--     of the root (a select returns fewer rows without an error) and makes their inserts fail: not acceptable on a
--     live table.
--   So the unit of an indicator column change is ONE timeframe table: a transaction per table, holding
--   (1 + symbols + leaves) locks of that table's tree — 3,161 for 20 symbols × 157 months — instead of the sum over
--   every timeframe. Dropping a timeframe has no such constraint: its leaves are dropped p_batch at a time (about
--   3 locks per leaf: the leaf and its two indexes, + its symbol partition), then the symbol partitions, then the root.
--
-- Procedures (CALL outside a transaction block; each commits after every table / batch):
--   market.add_indicator_column_bounded(p_name, p_type default 'double precision', …)
--   market.drop_indicator_column_bounded(p_name, …)
--   market.drop_timeframe_bounded(p_minutes, p_batch default 100, …)
--   common parameters: p_lock_timeout (default 1 s: the longest a statement waits for one lock, so readers queue
--   behind it at most that long), p_lock_retries (default 30, backoff 50 ms doubling up to 2 s, a notice per retry;
--   `out of shared memory` — the lock table momentarily full because other sessions share it — is retried the same way),
--   p_max_locks (default: half of market.lock_table_capacity()), INOUT p_report jsonb (one object per transaction).
-- Up front, before changing anything, each checks that every transaction it will run needs at most p_max_locks locks
-- and raises SQLSTATE 54000 (program_limit_exceeded) naming the table and both numbers otherwise.
-- Resumable: a rerun after an interruption (lock retries exhausted, cancel, crash) skips what is done and finishes;
-- a rerun when nothing is left is a notice. Registries: the indicator row is written (deleted) in the transaction of
-- the first table altered, the timeframe row deleted in the first transaction of the drop (so market.maintain and
-- the loaders stop creating its partitions); market.indicator_columns / market.timeframes stay owner-only (0114) and
-- EXECUTE is revoked from public.
-- The old procedures stay (short migrations on small trees, and the down scripts of 0111/0109); every name is built
-- with format('%I' / '%L') or regclass output.

create function market.lock_table_capacity()
returns integer
language sql
stable
as $$
    -- the shared lock table holds max_locks_per_transaction entries per backend slot (PostgreSQL 15-17: connections,
    -- autovacuum workers + launcher, background workers, WAL senders) and per prepared transaction; all sessions
    -- share it, and a transaction may take more than its "share" until the table is full
    select pg_catalog.current_setting('max_locks_per_transaction')::integer
         * (pg_catalog.current_setting('max_connections')::integer
            + pg_catalog.current_setting('autovacuum_max_workers')::integer + 1
            + pg_catalog.current_setting('max_worker_processes')::integer
            + pg_catalog.current_setting('max_wal_senders')::integer
            + pg_catalog.current_setting('max_prepared_transactions')::integer)
$$;

comment on function market.lock_table_capacity() is
    'Entries of the server''s shared lock table (max_locks_per_transaction × backend slots and prepared transactions), shared by all sessions.';

-- Runs p_sql in a subtransaction with lock_timeout; on lock_not_available (or `out of shared memory`: the server's
-- lock table momentarily full, as other sessions share it) rolls it back (releasing every lock it took), waits with
-- backoff and tries again, at most p_lock_retries times, then raises. No commit: the caller commits.
create procedure market.run_with_lock_retry(
    p_sql text[],
    p_lock_timeout interval,
    p_lock_retries integer,
    p_caller text,
    inout p_retries integer default 0)
language plpgsql
as $$
declare
    v_sql  text;
    v_done boolean;
begin
    p_retries := 0;
    loop
        begin
            perform pg_catalog.set_config('lock_timeout', pg_catalog.format('%s ms',
                pg_catalog.ceil(extract(epoch from p_lock_timeout) * 1000)), true);
            foreach v_sql in array p_sql loop
                execute v_sql;
            end loop;
            v_done := true;
        exception
            when lock_not_available then
                if p_retries >= p_lock_retries then
                    raise exception '%: gave up after % retries waiting for a lock (lock_timeout %): %', p_caller,
                        p_retries, p_lock_timeout, sqlerrm
                        using errcode = 'lock_not_available',
                              hint = 'Rerun when the sessions holding the lock are done: the work done so far is kept.';
                end if;
                p_retries := p_retries + 1;
                raise notice '%: lock not available (%), retry % of %', p_caller, sqlerrm, p_retries, p_lock_retries;
                v_done := false;
            when out_of_memory then
                -- `out of shared memory`: the server's lock table is full right now (other sessions hold the rest);
                -- the subtransaction's rollback gave back every lock this attempt took, so waiting can help
                if p_retries >= p_lock_retries then
                    raise exception '%: gave up after % retries: %', p_caller, p_retries, sqlerrm
                        using errcode = 'out_of_memory',
                              hint = 'The shared lock table (market.lock_table_capacity()) is full: rerun when fewer locks are held, lower p_max_locks/p_batch, or raise max_locks_per_transaction.';
                end if;
                p_retries := p_retries + 1;
                raise notice '%: lock table full (%), retry % of %', p_caller, sqlerrm, p_retries, p_lock_retries;
                v_done := false;
        end;
        exit when v_done;
        perform pg_catalog.pg_sleep(least(0.05 * 2 ^ (p_retries - 1), 2));
    end loop;
end
$$;

comment on procedure market.run_with_lock_retry(text[], interval, integer, text, integer) is
    'Runs statements in a subtransaction with lock_timeout, retrying with backoff after a lock timeout (a notice each time); the caller commits.';

-- The common argument checks; returns the lock budget (p_max_locks or half the lock table).
create function market.bounded_ddl_budget(p_caller text, p_lock_timeout interval, p_lock_retries integer, p_max_locks integer)
returns integer
language plpgsql
stable
as $$
begin
    if p_lock_timeout is null or p_lock_timeout <= interval '0' or p_lock_retries is null or p_lock_retries < 0 then
        raise exception '%: p_lock_timeout must be positive and p_lock_retries at least 0', p_caller
            using errcode = 'invalid_parameter_value';
    end if;
    if p_max_locks is not null and p_max_locks < 1 then
        raise exception '%: p_max_locks must be positive, got %', p_caller, p_max_locks
            using errcode = 'invalid_parameter_value';
    end if;
    return coalesce(p_max_locks, market.lock_table_capacity() / 2);
end
$$;

-- The same list as market.indicator_columns' check (0105): a base column is never added or dropped as an indicator,
-- registered or not.
create function market.is_base_column(p_name text)
returns boolean
language sql
immutable
as $$
    select p_name = any (array['timestamp', 'symbol', 'minute_index', 'open', 'high', 'low', 'close', 'volume',
                               'trade_count', 'vwap', 'minutes_into_session', 'window_minutes', 'window_spans_sessions',
                               'is_regular_session', 'has_gap_from_prior_session'])
$$;

-- The name an indicator procedure is given: a lower-case identifier (so it needs no quoting in reports) and not a
-- base column. Raises 22023 naming the caller; returns nothing.
create function market.check_indicator_column_name(p_caller text, p_name text)
returns void
language plpgsql
immutable
as $$
begin
    if p_name is null or p_name !~ '^[a-z_][a-z0-9_]{0,62}$' then
        raise exception '%: invalid column name %: expected a lower-case identifier', p_caller, pg_catalog.quote_nullable(p_name)
            using errcode = 'invalid_parameter_value';
    end if;
    if market.is_base_column(p_name) then
        raise exception '%: % is a base column of the timeframe tables, not an indicator', p_caller, p_name
            using errcode = 'invalid_parameter_value';
    end if;
end
$$;

-- The relations of a partition tree, read from pg_inherits: pg_partition_tree() would take an ACCESS SHARE lock on
-- every one of them (find_all_inheritors), i.e. the very lock count this migration keeps bounded.
create function market.tree_relations(p_root regclass)
returns table (relid oid, parent oid, level integer, has_children boolean)
language sql
stable
as $$
    with recursive tree as (
        select p_root::oid as relid, null::oid as parent, 0 as level
        union all
        select i.inhrelid, i.inhparent, t.level + 1 from pg_catalog.pg_inherits i join tree t on i.inhparent = t.relid
    )
    select t.relid, t.parent, t.level, exists (select from pg_catalog.pg_inherits i where i.inhparent = t.relid)
      from tree t
$$;

comment on function market.tree_relations(regclass) is
    'The relations of a partition tree (root, partitions, leaves) from pg_inherits, without locking them (pg_partition_tree locks each).';

-- The timeframe tables (roots) with the number of relations in each tree = the locks an ALTER of it takes.
create function market.timeframe_trees()
returns table (minutes smallint, root regclass, relations bigint)
language sql
stable
as $$
    select t.minutes, r.root, (select pg_catalog.count(*) from market.tree_relations(r.root))
      from market.timeframes t
     cross join lateral (select pg_catalog.to_regclass(pg_catalog.format('market.%I',
                                    pg_catalog.format('ohlcv_%sm', t.minutes))) as root) r
     where r.root is not null
     order by t.minutes
$$;

create function market.column_type_of(p_table regclass, p_column text)
returns text
language sql
stable
as $$
    select pg_catalog.format_type(a.atttypid, a.atttypmod)
      from pg_catalog.pg_attribute a
     where a.attrelid = p_table and a.attname = p_column and a.attnum > 0 and not a.attisdropped
$$;

create procedure market.add_indicator_column_bounded(
    p_name text,
    p_type text default 'double precision',
    p_lock_timeout interval default interval '1 second',
    p_lock_retries integer default 30,
    p_max_locks integer default null,
    inout p_report jsonb default null)
language plpgsql
as $$
declare
    c_caller     constant text := 'market.add_indicator_column_bounded';
    v_type       text;
    v_registered text;
    v_budget     integer;
    v_register   boolean;
    v_retries    integer;
    v_sql        text[];
    v_root       regclass;
    v_relations  bigint;
    r            record;
    v_items      jsonb[] := '{}'::jsonb[];
begin
    perform market.check_indicator_column_name(c_caller, p_name);
    v_type := market.indicator_type(p_type);
    v_budget := market.bounded_ddl_budget(c_caller, p_lock_timeout, p_lock_retries, p_max_locks);
    commit;  -- fails before any change when called inside a transaction block

    select c.data_type into v_registered from market.indicator_columns c where c.column_name = p_name;
    if v_registered is not null and v_registered is distinct from v_type then
        raise exception '%: indicator column % is already registered as %', c_caller, p_name, v_registered
            using errcode = 'duplicate_column';
    end if;

    -- up front: every table it will alter, and whether the column there is compatible and its tree fits the budget
    for r in select t.root, t.relations, market.column_type_of(t.root, p_name) as existing from market.timeframe_trees() t loop
        if r.existing is not null and r.existing is distinct from v_type then
            raise exception '%: % already has a column % of type %', c_caller, r.root, p_name, r.existing
                using errcode = 'duplicate_column';
        end if;
        if r.existing is null and r.relations > v_budget then
            raise exception '%: adding a column to % locks its % tables in one transaction, more than the budget of % locks',
                c_caller, r.root, r.relations, v_budget
                using errcode = 'program_limit_exceeded',
                      detail = pg_catalog.format('PostgreSQL adds a column to a partitioned table and all its partitions in one statement; the shared lock table holds %s entries for all sessions (max_locks_per_transaction %s).',
                                   market.lock_table_capacity(), pg_catalog.current_setting('max_locks_per_transaction')),
                      hint = 'Raise max_locks_per_transaction (restart), drop old leaves (market.timeframes.drop_leaves_after), or pass a larger p_max_locks on a quiet server.';
        end if;
    end loop;

    v_register := v_registered is null;
    -- one table per transaction; the next table is looked up again each time (a timeframe added meanwhile is
    -- generated from the registry and already has the column once the row is in)
    loop
        select t.root, t.relations into v_root, v_relations
          from market.timeframe_trees() t
         where market.column_type_of(t.root, p_name) is null
         order by t.minutes
         limit 1;
        exit when v_root is null;
        if v_relations > v_budget then
            raise exception '%: adding a column to % locks its % tables in one transaction, more than the budget of % locks',
                c_caller, v_root, v_relations, v_budget
                using errcode = 'program_limit_exceeded';
        end if;
        v_sql := array[pg_catalog.format('alter table %s add column %I %s', v_root, p_name, v_type)];
        if v_register then
            v_sql := pg_catalog.format('insert into market.indicator_columns (column_name, data_type) values (%L, %L)',
                                       p_name, v_type) || v_sql;
        end if;
        call market.run_with_lock_retry(v_sql, p_lock_timeout, p_lock_retries, pg_catalog.format('%s: %s', c_caller, v_root), v_retries);
        v_items := pg_catalog.array_append(v_items, pg_catalog.jsonb_build_object('table', v_root::text, 'action', 'add_column',
            'column', p_name, 'locks', v_relations, 'retries', v_retries, 'registered', v_register));
        v_register := false;
        commit;
    end loop;

    if v_register then
        -- every table had the column already (e.g. an interrupted run of an older version): only the registry
        insert into market.indicator_columns (column_name, data_type) values (p_name, v_type);
        v_items := pg_catalog.array_append(v_items, pg_catalog.jsonb_build_object('action', 'register', 'column', p_name));
        commit;
    end if;
    if pg_catalog.cardinality(v_items) = 0 then
        raise notice '%: % is registered and on every timeframe table: nothing to do', c_caller, p_name;
    end if;
    p_report := pg_catalog.to_jsonb(v_items);
end
$$;

comment on procedure market.add_indicator_column_bounded(text, text, interval, integer, integer, jsonb) is
    'market.add_indicator_column one timeframe table per transaction (locks: that table''s tree), lock_timeout + retry, up-front lock budget check (54000), resumable; CALL outside a transaction.';

create procedure market.drop_indicator_column_bounded(
    p_name text,
    p_lock_timeout interval default interval '1 second',
    p_lock_retries integer default 30,
    p_max_locks integer default null,
    inout p_report jsonb default null)
language plpgsql
as $$
declare
    c_caller     constant text := 'market.drop_indicator_column_bounded';
    v_budget     integer;
    v_unregister boolean;
    v_retries    integer;
    v_sql        text[];
    v_root       regclass;
    v_relations  bigint;
    r            record;
    v_items      jsonb[] := '{}'::jsonb[];
begin
    perform market.check_indicator_column_name(c_caller, p_name);
    v_budget := market.bounded_ddl_budget(c_caller, p_lock_timeout, p_lock_retries, p_max_locks);
    commit;

    for r in select t.root, t.relations from market.timeframe_trees() t
              where market.column_type_of(t.root, p_name) is not null and t.relations > v_budget loop
        raise exception '%: dropping a column of % locks its % tables in one transaction, more than the budget of % locks',
            c_caller, r.root, r.relations, v_budget
            using errcode = 'program_limit_exceeded',
                  detail = pg_catalog.format('PostgreSQL drops a column of a partitioned table and all its partitions in one statement; the shared lock table holds %s entries for all sessions (max_locks_per_transaction %s).',
                               market.lock_table_capacity(), pg_catalog.current_setting('max_locks_per_transaction')),
                  hint = 'Raise max_locks_per_transaction (restart), drop old leaves (market.timeframes.drop_leaves_after), or pass a larger p_max_locks on a quiet server.';
    end loop;

    v_unregister := exists (select from market.indicator_columns where column_name = p_name);
    loop
        select t.root, t.relations into v_root, v_relations
          from market.timeframe_trees() t
         where market.column_type_of(t.root, p_name) is not null
         order by t.minutes
         limit 1;
        exit when v_root is null;
        if v_relations > v_budget then
            raise exception '%: dropping a column of % locks its % tables in one transaction, more than the budget of % locks',
                c_caller, v_root, v_relations, v_budget
                using errcode = 'program_limit_exceeded';
        end if;
        v_sql := array[pg_catalog.format('alter table %s drop column %I', v_root, p_name)];
        if v_unregister then
            -- unregistered first: a timeframe generated from now on does not get the column
            v_sql := pg_catalog.format('delete from market.indicator_columns where column_name = %L', p_name) || v_sql;
        end if;
        call market.run_with_lock_retry(v_sql, p_lock_timeout, p_lock_retries, pg_catalog.format('%s: %s', c_caller, v_root), v_retries);
        v_items := pg_catalog.array_append(v_items, pg_catalog.jsonb_build_object('table', v_root::text, 'action', 'drop_column',
            'column', p_name, 'locks', v_relations, 'retries', v_retries, 'unregistered', v_unregister));
        v_unregister := false;
        commit;
    end loop;

    if v_unregister then
        delete from market.indicator_columns where column_name = p_name;
        v_items := pg_catalog.array_append(v_items, pg_catalog.jsonb_build_object('action', 'unregister', 'column', p_name));
        commit;
    end if;
    if pg_catalog.cardinality(v_items) = 0 then
        raise notice '%: % is neither registered nor a column of a timeframe table: nothing to do', c_caller, p_name;
    end if;
    p_report := pg_catalog.to_jsonb(v_items);
end
$$;

comment on procedure market.drop_indicator_column_bounded(text, interval, integer, integer, jsonb) is
    'market.drop_indicator_column one timeframe table per transaction (locks: that table''s tree), lock_timeout + retry, up-front lock budget check (54000), resumable; CALL outside a transaction.';

-- Drops a partition tree bottom-up: p_batch leaves per transaction, then the partitioned tables below the root
-- p_batch at a time, then the root; the procedures of 0122/0123 that remove a whole tree use it.
create procedure market.drop_partition_tree_bounded(
    p_root regclass,
    p_batch integer,
    p_lock_timeout interval,
    p_lock_retries integer,
    p_caller text,
    inout p_report jsonb default null)
language plpgsql
as $$
declare
    v_root_name text := p_root::text;  -- the report outlives the oid
    v_names     text[];
    v_retries   integer;
    v_items     jsonb[] := '{}'::jsonb[];
begin
    loop
        -- the deepest level first: leaves (and, once they are gone, empty symbol partitions), never the root; read
        -- from pg_inherits, not pg_partition_tree (which would lock the whole tree)
        select pg_catalog.array_agg(x.relid::regclass::text order by x.relid) into v_names
          from (select t.relid from market.tree_relations(p_root) t
                 where t.level > 0 and not t.has_children
                 order by t.relid
                 limit p_batch) x;
        exit when v_names is null;
        call market.run_with_lock_retry(array[pg_catalog.format('drop table %s', pg_catalog.array_to_string(v_names, ', '))],
             p_lock_timeout, p_lock_retries, pg_catalog.format('%s: %s', p_caller, v_root_name), v_retries);
        v_items := pg_catalog.array_append(v_items, pg_catalog.jsonb_build_object('table', v_root_name, 'action', 'drop_partitions',
            'count', pg_catalog.cardinality(v_names), 'retries', v_retries));
        commit;
    end loop;
    call market.run_with_lock_retry(array[pg_catalog.format('drop table %s', v_root_name)],
         p_lock_timeout, p_lock_retries, pg_catalog.format('%s: %s', p_caller, v_root_name), v_retries);
    v_items := pg_catalog.array_append(v_items, pg_catalog.jsonb_build_object('table', v_root_name, 'action', 'drop_table',
        'retries', v_retries));
    commit;
    p_report := pg_catalog.to_jsonb(v_items);
end
$$;

comment on procedure market.drop_partition_tree_bounded(regclass, integer, interval, integer, text, jsonb) is
    'Drops a partition tree p_batch partitions per transaction (leaves first, then the emptied partitioned tables, then the root), each with lock_timeout + retry; CALL outside a transaction.';

create procedure market.drop_timeframe_bounded(
    p_minutes integer,
    p_batch integer default 100,
    p_lock_timeout interval default interval '1 second',
    p_lock_retries integer default 30,
    p_max_locks integer default null,
    inout p_report jsonb default null)
language plpgsql
as $$
declare
    c_caller     constant text := 'market.drop_timeframe_bounded';
    v_budget     integer;
    v_root       regclass;
    v_kind       "char";
    v_indexes    integer;
    v_need       bigint;
    v_registered boolean;
    v_tree       jsonb;
    v_items      jsonb[] := '{}'::jsonb[];
begin
    if p_minutes is null or p_minutes <= 0 or p_minutes > 32767 then
        raise exception '%: timeframe must be between 1 and 32767 minutes, got %', c_caller, p_minutes
            using errcode = 'invalid_parameter_value';
    end if;
    if p_batch is null or p_batch < 1 then
        raise exception '%: p_batch must be positive, got %', c_caller, p_batch
            using errcode = 'invalid_parameter_value';
    end if;
    v_budget := market.bounded_ddl_budget(c_caller, p_lock_timeout, p_lock_retries, p_max_locks);
    commit;

    v_registered := exists (select from market.timeframes where minutes = p_minutes);
    v_root := pg_catalog.to_regclass(pg_catalog.format('market.%I', pg_catalog.format('ohlcv_%sm', p_minutes)));
    if v_root is not null then
        select c.relkind into v_kind from pg_catalog.pg_class c where c.oid = v_root;
        if v_kind <> 'p' then
            raise exception '%: % is not a partitioned timeframe table (convert it first, or drop it yourself)', c_caller, v_root
                using errcode = 'wrong_object_type';
        end if;
        -- one batch drops p_batch tables with their indexes (and toast table + index) and locks their parents
        select pg_catalog.count(*) into v_indexes from pg_catalog.pg_index i where i.indrelid = v_root;
        v_need := p_batch::bigint * (1 + v_indexes + 2) + p_batch + 1;
        if v_need > v_budget then
            raise exception '%: a batch of % partitions of % takes up to % locks, more than the budget of % locks',
                c_caller, p_batch, v_root, v_need, v_budget
                using errcode = 'program_limit_exceeded',
                      hint = 'Pass a smaller p_batch.';
        end if;
    end if;
    if not v_registered and v_root is null then
        raise notice '%: timeframe % is not registered and has no table: nothing to do', c_caller, p_minutes;
        p_report := '[]';
        return;
    end if;

    if v_registered then
        -- unregistered first, after the creators of its partitions (market.ensure_month_partition) are done: from
        -- this commit on market.maintain, the loaders and the window refresh leave the timeframe alone
        perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('market.ensure_partitions'), p_minutes);
        delete from market.timeframes where minutes = p_minutes;
        v_items := pg_catalog.array_append(v_items, pg_catalog.jsonb_build_object('action', 'unregister', 'minutes', p_minutes));
        commit;
    end if;
    if v_root is not null then
        call market.drop_partition_tree_bounded(v_root, p_batch, p_lock_timeout, p_lock_retries, c_caller, v_tree);
        v_items := v_items || array(select pg_catalog.jsonb_array_elements(v_tree));
    end if;
    p_report := pg_catalog.to_jsonb(v_items);
end
$$;

comment on procedure market.drop_timeframe_bounded(integer, integer, interval, integer, integer, jsonb) is
    'market.drop_timeframe in bounded transactions: unregisters, then drops p_batch partitions per transaction and the root, each with lock_timeout + retry; up-front lock budget check (54000); resumable; CALL outside a transaction.';

revoke execute on procedure market.run_with_lock_retry(text[], interval, integer, text, integer) from public;
revoke execute on procedure market.add_indicator_column_bounded(text, text, interval, integer, integer, jsonb) from public;
revoke execute on procedure market.drop_indicator_column_bounded(text, interval, integer, integer, jsonb) from public;
revoke execute on procedure market.drop_partition_tree_bounded(regclass, integer, interval, integer, text, jsonb) from public;
revoke execute on procedure market.drop_timeframe_bounded(integer, integer, interval, integer, integer, jsonb) from public;
