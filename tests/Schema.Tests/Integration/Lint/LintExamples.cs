using Schema.Tests.Harness;

namespace Schema.Tests.Lint;

/// <summary>
/// Script folders for the lint tests: one where every rule is violated once (each at a known line), one with the
/// clean form of each, and one whose second script fails (a unique key without the hypertable's time column).
/// </summary>
internal static class LintExamples
{
    /// <summary>Tables every later script changes, fully commented and keyed (nothing here is a finding).</summary>
    private const string Base = """
        -- 0001_app_base: the tables the later scripts change
        create extension if not exists timescaledb;
        create schema app;
        create table app.customers (id bigint primary key);
        comment on table app.customers is 'who orders';
        comment on column app.customers.id is 'customer id';
        create table app.orders (id bigint primary key, qty integer not null, customer_id bigint);
        comment on table app.orders is 'an order';
        comment on column app.orders.id is 'order id';
        comment on column app.orders.qty is 'quantity';
        comment on column app.orders.customer_id is 'who ordered';
        insert into app.orders select g, 1, null from generate_series(1, 100) g;
        create table app.events (at timestamptz not null, id bigint not null, primary key (id, at));
        comment on table app.events is 'events, to become a hypertable';
        comment on column app.events.at is 'when';
        comment on column app.events.id is 'event id';
        create table app.parts (id bigint not null, primary key (id)) partition by range (id);
        comment on table app.parts is 'a table with many partitions';
        comment on column app.parts.id is 'part id';
        do $$ begin
            for i in 0..39 loop
                execute format('create table app.%I partition of app.parts for values from (%s) to (%s)',
                    'parts_' || i, i * 10, i * 10 + 10);
            end loop;
        end $$;
        """;

    public static ScriptFolder Violating() => new ScriptFolder()
        .Add("0001_app_base.sql", Base)
        .Add("0002_app_lock_rules.sql", """
            -- 0002_app_lock_rules: every lock rule broken once
            alter table app.orders add column extra integer;
            alter table app.orders alter column qty type bigint;
            create index orders_customer_idx on app.orders (customer_id);
            alter table app.orders add constraint orders_qty_positive check (qty > 0);
            lock table app.customers in share row exclusive mode;
            select create_hypertable('app.events', 'at');
            """)
        .Add("0003_app_fan_out.sql", """
            -- 0003_app_fan_out: one statement locks the parent and its 40 partitions
            -- schema:lint-ignore lock-access-exclusive
            alter table app.parts add column note_id bigint;
            """)
        .Add("0004_app_live.sql", """
            -- 0004_app_live: a table with every live-schema anti-pattern, and a broken function
            create table app.live (
                id bigint primary key,
                code varchar,
                kind text,
                customer_id bigint references app.customers (id),
                flag boolean not null default false,
                a integer,
                b integer,
                undocumented integer
            );
            comment on table app.live is 'anti-patterns';
            comment on column app.live.id is 'id';
            comment on column app.live.code is 'code';
            comment on column app.live.kind is 'kind';
            comment on column app.live.customer_id is 'customer';
            comment on column app.live.flag is 'flag';
            comment on column app.live.a is 'a';
            comment on column app.live.b is 'b';
            create index live_a_idx on app.live (a);
            create index live_a_b_idx on app.live (a, b);
            create index live_flag_idx on app.live (flag);
            create table app.nopk (v integer);
            comment on table app.nopk is 'no key';
            comment on column app.nopk.v is 'a value';
            create table app.nocomment (id bigint primary key);
            comment on column app.nocomment.id is 'id';
            create function app.broken() returns integer language plpgsql as $$
            begin
                return (select nope from app.live limit 1);
            end $$;
            """)
        .Add("0005_app_cagg.sql", """
            -- 0005_app_cagg: a continuous aggregate with data inside the script's transaction
            create materialized view app.events_daily with (timescaledb.continuous) as
                select time_bucket('1 day', at) as day, count(*) as n from app.events group by 1;
            """);

    /// <summary>The lines of <see cref="Violating"/> each rule is found at (file, line).</summary>
    public static readonly Dictionary<string, (string File, int Line)> ViolationAt = new()
    {
        ["lock-access-exclusive"] = ("0002_app_lock_rules.sql", 2),
        ["table-rewrite"] = ("0002_app_lock_rules.sql", 3),
        ["index-not-concurrently"] = ("0002_app_lock_rules.sql", 4),
        ["constraint-validated-on-add"] = ("0002_app_lock_rules.sql", 5),
        ["lock-blocks-writes"] = ("0002_app_lock_rules.sql", 6),
        ["ts-hypertable-without-migrate-data"] = ("0002_app_lock_rules.sql", 7),
        ["lock-fan-out"] = ("0003_app_fan_out.sql", 3),
        ["lint-ignore-without-reason"] = ("0003_app_fan_out.sql", 2),
        ["table-without-primary-key"] = ("0004_app_live.sql", 23),
        ["varchar-without-length"] = ("0004_app_live.sql", 2),
        ["foreign-key-without-index"] = ("0004_app_live.sql", 2),
        ["enum-like-text-without-check"] = ("0004_app_live.sql", 2),
        ["table-without-comment"] = ("0004_app_live.sql", 26),
        ["column-without-comment"] = ("0004_app_live.sql", 2),
        ["redundant-index"] = ("0004_app_live.sql", 20),
        ["boolean-index"] = ("0004_app_live.sql", 22),
        ["plpgsql-check"] = ("0004_app_live.sql", 28),
        ["ts-cagg-with-data"] = ("0005_app_cagg.sql", 2),
    };

    public static ScriptFolder Clean() => new ScriptFolder()
        .Add("0001_app_base.sql", Base)
        .Add("0002_app_lock_rules.sql", """
            -- 0002_app_lock_rules: the safe form of each change
            -- schema:lint-ignore lock-access-exclusive adding a nullable column is catalog-only: the lock lasts milliseconds
            alter table app.orders add column extra integer default 0;
            comment on column app.orders.extra is 'extra';
            -- schema:lint-ignore lock-access-exclusive the check is added not valid: no scan under the lock
            alter table app.orders add constraint orders_qty_positive check (qty > 0) not valid;
            alter table app.orders validate constraint orders_qty_positive;
            insert into app.customers values (1);
            -- schema:lint-ignore lock-access-exclusive app.events is still empty when this runs
            -- schema:lint-ignore table-rewrite migrate_data moves no rows out of an empty table
            -- schema:lint-ignore index-not-concurrently the default time index is built on an empty table
            select create_hypertable('app.events', 'at', migrate_data => true);
            """)
        .Add("0003_app_index.sql", """
            -- 0003_app_index: built without blocking writes
            -- schema:no-transaction
            create index concurrently orders_customer_idx on app.orders (customer_id);
            """)
        .Add("0004_app_live.sql", """
            -- 0004_app_live: the same table done right, and a working function
            -- schema:lint-ignore lock-blocks-writes the foreign key locks app.customers for one create table
            create table app.live (
                id bigint primary key,
                code varchar(20),
                kind text check (kind in ('a', 'b')),
                customer_id bigint references app.customers (id),
                flag boolean not null default false,
                a integer,
                b integer
            );
            comment on table app.live is 'done right';
            comment on column app.live.id is 'id';
            comment on column app.live.code is 'code';
            comment on column app.live.kind is 'kind';
            comment on column app.live.customer_id is 'customer';
            comment on column app.live.flag is 'flag';
            comment on column app.live.a is 'a';
            comment on column app.live.b is 'b';
            create index live_customer_idx on app.live (customer_id);
            create index live_a_b_idx on app.live (a, b);
            create index live_flagged_idx on app.live (a) where flag;
            create table app.fresh (id bigint primary key, at timestamptz not null);
            comment on table app.fresh is 'created and changed in one script';
            comment on column app.fresh.id is 'id';
            comment on column app.fresh.at is 'when';
            alter table app.fresh add column n integer;
            comment on column app.fresh.n is 'n';
            create index fresh_n_idx on app.fresh (n);
            create table app.ticks (at timestamptz not null, id bigint not null, primary key (id, at));
            comment on table app.ticks is 'a hypertable whose key holds its time column';
            comment on column app.ticks.at is 'when';
            comment on column app.ticks.id is 'id';
            select create_hypertable('app.ticks', 'at');
            create function app.works() returns integer language plpgsql as $$
            begin
                return (select count(*)::integer from app.live);
            end $$;
            """);

    public static ScriptFolder Failing() => new ScriptFolder()
        .Add("0001_app_base.sql", "-- 0001_app_base: a schema\ncreate extension if not exists timescaledb;\ncreate schema app;")
        .Add("0002_app_ticks.sql", """
            -- 0002_app_ticks: a hypertable whose primary key lacks its time column
            create table app.ticks (at timestamptz not null, id bigint primary key);
            select create_hypertable('app.ticks', 'at');
            """)
        .Add("0003_app_after.sql", "-- 0003_app_after: never reached\ncreate table app.after (id bigint primary key);");
}
