using Schema.Core.Dump;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Dump;

/// <summary>
/// The same schema built twice — in a different order, with extra objects created and dropped first so that OIDs,
/// hypertable ids and chunk names differ — dumps to the same text; and the dump leaves out what it must.
/// </summary>
public sealed class SchemaDumpDeterminismTests(BuiltTwice dbs) : IClassFixture<BuiltTwice>
{
    [Fact]
    public async Task Two_dumps_of_the_same_database_are_identical()
    {
        var first = await dbs.A.DumpAsync();
        var second = await dbs.A.DumpAsync();
        Assert.Equal(first, second);
        Assert.Contains("table dt.orders", first); // not trivially empty
    }

    [Fact]
    public async Task The_same_schema_built_in_another_order_dumps_identically()
    {
        var a = await dbs.A.DumpAsync();
        var b = await dbs.B.DumpAsync();
        Assert.True(string.Equals(a, b, StringComparison.Ordinal),
                    "dumps differ at " + DumpTestSupport.FirstDifference(a, b) + "\n\n" + a);
    }

    [Fact]
    public async Task The_dump_shows_each_kind_of_object()
    {
        var dump = await dbs.A.DumpAsync();
        string[] expected =
        [
            "schema dt",
            "  comment 'dump test schema'",
            "extension timescaledb",
            "extension vector",
            "enum dt.side",
            "  labels 'buy', 'sell', 'short'",
            "domain dt.price",
            "  type numeric(18,8) not null default 0",
            "  column id bigint not null generated always as identity",
            "  column qty numeric(18,8) not null default 0",
            "  column price dt.price",
            "  column note text collate pg_catalog.\"C\"",
            "  constraint orders_qty_check CHECK ((qty >= (0)::numeric))",
            "  CREATE INDEX orders_created_idx ON dt.orders USING btree (created_at DESC)",
            "  option autovacuum_vacuum_scale_factor=0.05",
            "  option fillfactor=90",
            "  CREATE TRIGGER orders_touch BEFORE INSERT ON dt.orders FOR EACH ROW EXECUTE FUNCTION dt.touch()",
            "  row level security enabled",
            "  policy orders_read for select to public using ((qty > (0)::numeric))",
            "  comment 'orders'",
            "  comment on column qty 'quantity'",
            "  grant INSERT, SELECT to PUBLIC",
            "  column v public.vector(3)",
            "  CREATE INDEX embeddings_v_idx ON dt.embeddings USING hnsw (v public.vector_l2_ops)",
            "view dt.last_bar",
            "materialized view dt.bar_count",
            "  CREATE INDEX bar_count_n_idx ON dt.bar_count USING btree (n)",
            "sequence dt.ids",
            "  as bigint start 10 increment 5 minvalue 1 maxvalue 9223372036854775807 cache 1 no cycle",
            "  identity of dt.orders.id",
            "function dt.touch() returns trigger",
            "  comment 'fills note'",
            "  revoke EXECUTE from PUBLIC",
            "hypertable dt.ticks",
            "default privileges for role " ,
            "  on tables: grant SELECT to PUBLIC",
        ];
        foreach (var line in expected)
            Assert.Contains(line, dump);
    }

    [Fact]
    public async Task A_hypertable_shows_its_chunk_interval_but_no_chunk()
    {
        var dump = await dbs.A.DumpAsync();
        Assert.Contains("hypertable dt.ticks\n  dimensions 1\n  dimension 1: ts timestamp with time zone, time, chunk interval 1 day\n", dump);
        Assert.True(await dbs.A.ScalarAsync<long>("select count(*) from timescaledb_information.chunks where hypertable_name = 'ticks'") >= 2);
        Assert.DoesNotContain("_hyper_", dump);
        Assert.DoesNotContain("_timescaledb_", dump);
        Assert.DoesNotContain("ts_insert_blocker", dump);
    }

    [Fact]
    public async Task Objects_created_by_an_extension_do_not_appear()
    {
        var dump = await dbs.A.DumpAsync();
        // pgvector's type and functions live in public but belong to the extension (pg_depend deptype 'e').
        Assert.True(await dbs.A.ScalarAsync<bool>("select exists (select from pg_proc where proname = 'vector_in' and pronamespace = 'public'::regnamespace)"));
        Assert.DoesNotContain("vector_in", dump);
        Assert.DoesNotContain("type public.vector", dump);
        Assert.DoesNotContain("\nfunction public.", dump);
        Assert.DoesNotContain("time_bucket", dump); // TimescaleDB's functions in public
        Assert.DoesNotContain("timescaledb_information", dump);
    }

    [Fact]
    public async Task The_journal_is_included_unless_IncludeJournal_is_false()
    {
        var with = await dbs.A.DumpAsync();
        var without = await dbs.A.DumpAsync(new SchemaDumpOptions(IncludeJournal: false));
        Assert.Contains("table public.schemaversions", with);
        Assert.Contains("sequence public.schemaversions_schemaversionsid_seq", with);
        Assert.DoesNotContain("schemaversions", without);
        Assert.Equal(with, await dbs.A.DumpAsync(new SchemaDumpOptions()));
    }

    [Fact]
    public async Task The_partitions_of_a_two_level_layout_are_summarised()
    {
        var dump = await dbs.A.DumpAsync();
        Assert.Contains("  partition by LIST (symbol)\n  partitions 2\n", dump);
        Assert.Contains("  partition dt.bars_es FOR VALUES IN ('ES'), partition by RANGE (ts): 6 leaves, "
                        + "first FOR VALUES FROM ('2024-01-01 00:00:00+00') TO ('2024-02-01 00:00:00+00'), "
                        + "last FOR VALUES FROM ('2024-06-01 00:00:00+00') TO ('2024-07-01 00:00:00+00')\n", dump);
        Assert.Contains("  leaf options fillfactor=70: 12 leaves\n", dump);
        Assert.DoesNotContain("bars_es_2024", dump);
    }
}

/// <summary>Two empty databases (<see cref="TwoEmptyDatabases"/>) with the same schema built in two orders.</summary>
public sealed class BuiltTwice : IAsyncLifetime
{
    private readonly TwoEmptyDatabases _pair = new();
    public EmptyDatabase A => _pair.A;
    public EmptyDatabase B => _pair.B;

    private const string Prelude = """
        create extension if not exists timescaledb;
        create extension if not exists vector;
        create schema dt;
        comment on schema dt is 'dump test schema';
        """;

    private const string Journal = """
        create table public.schemaversions (schemaversionsid serial primary key, scriptname varchar(255) not null,
                                            applied timestamp not null);
        """;

    private const string Types = """
        create type dt.side as enum ('buy', 'sell', 'short');
        create domain dt.price as numeric(18,8) not null default 0 check (value >= 0);
        comment on type dt.side is 'order side';
        """;

    private const string Orders = """
        create table dt.orders (
            id bigint generated always as identity primary key,
            side dt.side not null,
            qty numeric(18,8) not null default 0 check (qty >= 0),
            price dt.price,
            created_at timestamptz not null default now(),
            note text collate "C");
        create index orders_created_idx on dt.orders (created_at desc);
        comment on table dt.orders is 'orders';
        comment on column dt.orders.qty is 'quantity';
        grant select, insert on dt.orders to public;
        alter table dt.orders set (fillfactor = 90, autovacuum_vacuum_scale_factor = 0.05);
        alter table dt.orders enable row level security;
        create policy orders_read on dt.orders for select to public using (qty > 0);
        """;

    private const string Touch = """
        create function dt.touch() returns trigger language plpgsql as $$
        begin
            new.note := coalesce(new.note, '');

            return new;
        end $$;
        comment on function dt.touch() is 'fills note';
        revoke execute on function dt.touch() from public;
        create trigger orders_touch before insert on dt.orders for each row execute function dt.touch();
        """;

    private const string BarsRoot = """
        create table dt.bars (symbol text not null, ts timestamptz not null, close double precision,
                              primary key (symbol, ts)) partition by list (symbol);
        """;

    private static string BarsSymbol(string symbol, bool descending)
    {
        var months = Enumerable.Range(0, 6).Select(m => new DateOnly(2024, 1, 1).AddMonths(m)).ToList();
        if (descending) months.Reverse();
        var sb = new System.Text.StringBuilder();
        sb.Append($"create table dt.bars_{symbol} partition of dt.bars for values in ('{symbol.ToUpperInvariant()}') partition by range (ts);\n");
        foreach (var m in months)
            sb.Append($"create table dt.bars_{symbol}_{m:yyyy_MM} partition of dt.bars_{symbol} ")
              .Append($"for values from ('{m:yyyy-MM-dd}') to ('{m.AddMonths(1):yyyy-MM-dd}') with (fillfactor = 70);\n");
        return sb.ToString();
    }

    private const string Ticks = """
        create table dt.ticks (ts timestamptz not null, symbol text not null, price double precision);
        select create_hypertable('dt.ticks', 'ts', chunk_time_interval => interval '1 day');
        insert into dt.ticks values ('2024-01-01 10:00+00', 'ES', 1), ('2024-01-05 10:00+00', 'ES', 2);
        """;

    private const string Views = """
        create view dt.last_bar as select symbol, max(ts) as ts from dt.bars group by symbol;
        create materialized view dt.bar_count as select count(*) as n from dt.bars;
        create index bar_count_n_idx on dt.bar_count (n);
        grant select on dt.last_bar to public;
        """;

    private const string Sequence = """
        create sequence dt.ids as bigint start 10 increment 5;
        """;

    private const string Embeddings = """
        create table dt.embeddings (id bigint primary key, v vector(3));
        create index embeddings_v_idx on dt.embeddings using hnsw (v vector_l2_ops);
        """;

    private const string DefaultPrivileges = """
        alter default privileges in schema dt grant select on tables to public;
        """;

    public async ValueTask InitializeAsync()
    {
        await _pair.InitializeAsync();
        // A: the natural order.
        await A.RunScriptAsync(string.Concat(Prelude, Journal, Types, Orders, Touch, BarsRoot,
            BarsSymbol("es", false), BarsSymbol("nq", false), Ticks, Views, Sequence, Embeddings, DefaultPrivileges,
            "select nextval('dt.ids');"));
        // B: other order, leaves created newest first, and objects created and dropped first so that OIDs,
        // hypertable ids and chunk ids differ; the sequence has advanced further.
        await B.RunScriptAsync(string.Concat(Prelude,
            "create table dt.shift (x int); drop table dt.shift;",
            "create table dt.tmp_h (ts timestamptz not null); select create_hypertable('dt.tmp_h', 'ts');",
            "insert into dt.tmp_h values (now()); drop table dt.tmp_h;",
            Embeddings, Sequence, BarsRoot, BarsSymbol("nq", true), BarsSymbol("es", true), Ticks, Types, Orders,
            Touch, Views, Journal, DefaultPrivileges,
            "select nextval('dt.ids'); select nextval('dt.ids'); select nextval('dt.ids');"));
    }

    public ValueTask DisposeAsync() => _pair.DisposeAsync();
}
