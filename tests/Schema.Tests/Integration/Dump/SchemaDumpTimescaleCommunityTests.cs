using System.Text.RegularExpressions;
using Xunit;

namespace Schema.Tests.Dump;

/// <summary>
/// Compression settings, policies (jobs) and continuous aggregates — TimescaleDB Community edition only. Two
/// databases get the same objects, one after creating and dropping another hypertable so that hypertable ids,
/// materialization hypertable names and job ids differ: the dumps must still be identical.
/// </summary>
public sealed partial class SchemaDumpTimescaleCommunityTests(TwoEmptyDatabases dbs) : IClassFixture<TwoEmptyDatabases>
{
    private const string Hypertable = """
        create extension if not exists timescaledb;
        create schema if not exists ct;
        create table ct.ticks (ts timestamptz not null, symbol text not null, price double precision);
        select create_hypertable('ct.ticks', by_range('ts', interval '1 day'));
        alter table ct.ticks set (timescaledb.compress, timescaledb.compress_segmentby = 'symbol',
                                  timescaledb.compress_orderby = 'ts desc');
        select add_compression_policy('ct.ticks', interval '7 days');
        select add_retention_policy('ct.ticks', interval '90 days');
        """;

    // continuous aggregates cannot be created inside a transaction block: each statement runs on its own
    private static readonly string[] Aggregate =
    [
        """
        create materialized view ct.ticks_1h with (timescaledb.continuous) as
        select time_bucket('1 hour', ts) as bucket, symbol, max(price) as high, count(distinct price) as prices
        from ct.ticks group by 1, 2 with no data
        """,
        "select add_continuous_aggregate_policy('ct.ticks_1h', start_offset => interval '3 days', end_offset => interval '1 hour', schedule_interval => interval '1 hour')",
        "comment on view ct.ticks_1h is 'hourly bars'",
        "grant select on ct.ticks_1h to public",
    ];

    private static async Task BuildAsync(Harness.EmptyDatabase db, bool shiftIds)
    {
        if (shiftIds)
        {
            await db.RunScriptAsync("""
                create extension if not exists timescaledb;
                create schema ct;
                create table ct.tmp (ts timestamptz not null, v int);
                select create_hypertable('ct.tmp', by_range('ts'));
                """);
            await db.ExecAsync("create materialized view ct.tmp_1d with (timescaledb.continuous) as select time_bucket('1 day', ts) as d, count(*) from ct.tmp group by 1 with no data");
            await db.ExecAsync("drop materialized view ct.tmp_1d");
            await db.ExecAsync("drop table ct.tmp");
        }
        await db.RunScriptAsync(Hypertable);
        foreach (var statement in Aggregate)
            await db.ExecAsync(statement);
    }

    [Fact]
    public async Task Compression_jobs_and_continuous_aggregates_dump_without_ids()
    {
        dbs.A.RequireCommunityEdition();
        await BuildAsync(dbs.A, shiftIds: false);
        await BuildAsync(dbs.B, shiftIds: true);
        Assert.NotEqual(
            await dbs.A.ScalarAsync<string>("select materialization_hypertable_name::text from timescaledb_information.continuous_aggregates"),
            await dbs.B.ScalarAsync<string>("select materialization_hypertable_name::text from timescaledb_information.continuous_aggregates"));

        var a = await dbs.A.DumpAsync();
        var b = await dbs.B.DumpAsync();
        Assert.True(string.Equals(a, b, StringComparison.Ordinal),
                    "dumps differ at " + DumpTestSupport.FirstDifference(a, b) + "\n\n" + a);

        Assert.Contains("continuous aggregate ct.ticks_1h\n  on ct.ticks\n", a);
        Assert.Contains("  comment 'hourly bars'\n", a);
        Assert.Contains("compression on ct.ticks\n  segmentby symbol\n  orderby ts desc nulls first\n", a);
        Assert.Contains("  compression enabled\n", a);
        Assert.Contains("jobs on ct.ticks\n", a);
        Assert.Contains("job _timescaledb_functions.policy_retention every", a);
        Assert.Contains("job _timescaledb_functions.policy_compression every", a);
        Assert.Contains("jobs on ct.ticks_1h\n  job _timescaledb_functions.policy_refresh_continuous_aggregate every 01:00:00 config {", a);
        Assert.Contains("\"mat_hypertable_id\": \"N\"", a);
        Assert.DoesNotMatch(Digits(), a);
        Assert.DoesNotContain("view ct.ticks_1h", a); // listed as a continuous aggregate, not as a plain view
    }

    [GeneratedRegex(@"(_materialized_hypertable_|_hyper_|hypertable_id"": )[0-9]")]
    private static partial Regex Digits();
}
