using System.Text.Json;
using Schema.Tests.Harness;
using Xunit;
using static Schema.Tests.Lint.LintRunFixture;

namespace Schema.Tests.Lint;

/// <summary>The TimescaleDB rules that need the Community edition's compression and continuous aggregates to run.</summary>
public sealed class LintCommunityTests
{
    private const string Base = """
        -- 0001_app_metrics: a compressed hypertable
        create extension if not exists timescaledb;
        create schema app;
        create table app.metrics (at timestamptz not null, id bigint not null, v double precision, primary key (id, at));
        select create_hypertable('app.metrics', 'at');
        alter table app.metrics set (timescaledb.compress, timescaledb.compress_segmentby = 'id');
        """;

    private static async Task RequireCommunityAsync() =>
        Assert.SkipUnless((await TestServer.InfoAsync()).IsCommunityEdition,
            "compression and continuous aggregates need the TimescaleDB Community edition (this server has Apache)");

    private static async Task<List<(string Rule, string File, int Line)>> FindingsOfAsync(ScriptFolder folder)
    {
        var result = await LintAsync(folder, "--all", "--format", "json");
        return Findings(JsonDocument.Parse(result.Stdout).RootElement).ToList();
    }

    [Fact]
    public async Task Altering_a_compressed_hypertable_is_a_finding_renaming_it_is_not()
    {
        await RequireCommunityAsync();
        using var folder = new ScriptFolder().Add("0001_app_metrics.sql", Base).Add("0002_app_alter.sql", """
            -- 0002_app_alter: a type change on a compressed hypertable, then a rename
            alter table app.metrics alter column v type numeric;
            alter table app.metrics rename column v to value;
            """);
        var findings = await FindingsOfAsync(folder);
        Assert.Contains(("ts-alter-compressed-hypertable", "0002_app_alter.sql", 2), findings);
        Assert.DoesNotContain(("ts-alter-compressed-hypertable", "0002_app_alter.sql", 3), findings);
    }

    [Fact]
    public async Task A_continuous_aggregate_with_no_data_in_a_transaction_is_clean()
    {
        await RequireCommunityAsync();
        using var folder = new ScriptFolder().Add("0001_app_metrics.sql", Base).Add("0002_app_daily.sql", """
            -- 0002_app_daily: created empty; refreshed by its policy
            create materialized view app.metrics_daily with (timescaledb.continuous) as
                select time_bucket('1 day', at) as day, id, avg(v) as v from app.metrics group by 1, 2 with no data;
            """);
        Assert.DoesNotContain(await FindingsOfAsync(folder), f => f.Rule == "ts-cagg-with-data");
    }
}
