using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Dump;

/// <summary>
/// The LIST symbol -> RANGE month layout is summarised (one line per symbol partition, never one per leaf), and a
/// database with ~500 leaves dumps well under a second.
/// </summary>
public sealed class SchemaDumpPartitionTests(EmptyDatabase db) : IClassFixture<EmptyDatabase>
{
    /// <summary>
    /// Creates (if missing) <c>schema.bars</c> partitioned by list (symbol), one range-by-month partition per symbol,
    /// and the month leaves [from, to) counted from 2010-01 with fillfactor 70. A helper function so that the
    /// names are passed as parameters and quoted with format('%I') inside.
    /// </summary>
    private async Task AddMonthsAsync(string schema, string[] symbols, int from, int to)
    {
        await db.ExecAsync("""
            create or replace function pg_temp.dump_test_bars(p_schema text, p_symbols text[], p_from int, p_to int)
            returns void language plpgsql as $$
            declare s text; m int; d date;
            begin
              execute format('create schema if not exists %I', p_schema);
              execute format('create table if not exists %I.bars (symbol text not null, ts timestamptz not null, '
                             'close double precision, primary key (symbol, ts)) partition by list (symbol)', p_schema);
              foreach s in array p_symbols loop
                if to_regclass(format('%I.%I', p_schema, 'bars_' || s)) is null then
                  execute format('create table %I.%I partition of %I.bars for values in (%L) partition by range (ts)',
                                 p_schema, 'bars_' || s, p_schema, upper(s));
                end if;
                for m in p_from .. p_to - 1 loop
                  d := date '2010-01-01' + make_interval(months => m);
                  execute format('create table %I.%I partition of %I.%I for values from (%L) to (%L) with (fillfactor = 70)',
                                 p_schema, format('bars_%s_%s', s, to_char(d, 'YYYY_MM')), p_schema, 'bars_' || s,
                                 d, d + interval '1 month');
                end loop;
              end loop;
            end $$;
            select pg_temp.dump_test_bars(@schema, @symbols, @from, @to);
            """, ("schema", schema), ("symbols", symbols), ("from", from), ("to", to));
    }

    [Fact]
    public async Task Two_symbols_by_100_months_are_summarised_and_the_dump_does_not_grow_per_leaf()
    {
        await AddMonthsAsync("p_summary", ["es", "nq"], 0, 10);
        var small = await db.DumpAsync();
        await AddMonthsAsync("p_summary", ["es", "nq"], 10, 100);
        var large = await db.DumpAsync();

        Assert.Equal(200, await db.ScalarAsync<long>(
            "select count(*) from pg_partition_tree('p_summary.bars') where isleaf"));
        Assert.Equal(DumpTestSupport.Lines(small).Length, DumpTestSupport.Lines(large).Length);
        Assert.Contains("  partition by LIST (symbol)\n  partitions 2\n", large);
        Assert.Contains("  partition p_summary.bars_es FOR VALUES IN ('ES'), partition by RANGE (ts): 100 leaves, "
                        + "first FOR VALUES FROM ('2010-01-01 00:00:00+00') TO ('2010-02-01 00:00:00+00'), "
                        + "last FOR VALUES FROM ('2018-04-01 00:00:00+00') TO ('2018-05-01 00:00:00+00')\n", large);
        Assert.Contains("  partition p_summary.bars_nq FOR VALUES IN ('NQ'), partition by RANGE (ts): 100 leaves, ", large);
        Assert.Contains("  leaf options fillfactor=70: 200 leaves\n", large);
        Assert.Contains("  leaf grants (default): 200 leaves\n", large);
        Assert.DoesNotContain("bars_es_2010", large);
        // the root's unique index is shown once; the leaves' attached copies are not
        Assert.Single(DumpTestSupport.Lines(large), l => l.Contains("CREATE UNIQUE INDEX", StringComparison.Ordinal)
                                                          && l.Contains("p_summary.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Leaf_storage_parameters_and_grants_are_grouped_by_distinct_set()
    {
        await AddMonthsAsync("p_sets", ["cl"], 0, 12);
        await db.RunScriptAsync("""
            alter table p_sets.bars_cl_2010_01 set (fillfactor = 90, autovacuum_enabled = off);
            alter table p_sets.bars_cl_2010_02 set (autovacuum_enabled = off, fillfactor = 90);
            grant select on p_sets.bars_cl_2010_03 to public;
            """);
        var dump = await db.DumpAsync();
        Assert.Contains("  leaf options autovacuum_enabled=off, fillfactor=90: 2 leaves\n", dump);
        Assert.Contains("  leaf options fillfactor=70: 10 leaves\n", dump);
        Assert.Contains("  leaf grants (default): 11 leaves\n", dump);
        Assert.Contains("  leaf grants grant SELECT to PUBLIC: 1 leaves\n", dump);
    }

    [Fact]
    public async Task Five_hundred_leaves_are_summarised_in_one_line()
    {
        // How fast this is belongs to the benchmark harness (src/Schema.Benchmarks prints the 500-vs-50-leaf ratio).
        await AddMonthsAsync("p_speed", ["a", "b", "c", "d", "e"], 0, 100);
        Assert.True(await db.ScalarAsync<long>("select count(*) from pg_partition_tree('p_speed.bars') where isleaf") >= 500);
        var dump = await db.DumpAsync();
        Assert.Contains("  leaf options fillfactor=70: 500 leaves\n", dump);
        Assert.DoesNotContain("bars_a_2010_02", dump);
    }
}
