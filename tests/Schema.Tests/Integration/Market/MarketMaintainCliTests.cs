using System.Text.Json;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Market;

/// <summary>`schema maintain`: prints per table, nothing the second time, --dry-run changes nothing, --json, errors.</summary>
public sealed class MarketMaintainCliTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private Task<long> MarketRelationCountAsync() =>
        db.ScalarAsync<long>("select count(*) from pg_class where relnamespace = 'market'::regnamespace");

    [Fact]
    public async Task Maintain_prints_what_it_created_then_nothing_and_a_dry_run_prints_sql_only()
    {
        await db.ExecAsync("delete from market.symbols");
        await db.ExecAsync("insert into market.symbols (symbol) values ('CLI')");
        var relations = await MarketRelationCountAsync();

        var dry = await CliRunner.RunAsync("maintain", "--dry-run", "--months-ahead", "1", "-c", db.ConnectionString);
        Assert.Equal(0, dry.ExitCode);
        Assert.Contains("alter table market.ohlcv_60m attach partition market.ohlcv_60m_cli for values in ('CLI');", dry.Stdout);
        Assert.Equal(relations, await MarketRelationCountAsync());

        var first = await CliRunner.RunAsync("maintain", "--months-ahead", "1", "-c", db.ConnectionString);
        Assert.Equal(0, first.ExitCode);
        Assert.Matches(@"market\.ohlcv_60m: created 3 table\(s\) for CLI \d{4}-\d{2}\.\.\d{4}-\d{2}", first.Stdout);

        var second = await CliRunner.RunAsync("maintain", "--months-ahead", "1", "--json", "-c", db.ConnectionString);
        Assert.Equal(0, second.ExitCode);
        var actions = JsonDocument.Parse(second.Stdout).RootElement.GetProperty("actions");
        Assert.DoesNotContain(actions.EnumerateArray(), a => a.GetProperty("action").GetString() == "create");
    }

    [Fact]
    public async Task Maintain_rejects_a_bad_option_and_an_unreachable_server_in_one_line()
    {
        var bad = await CliRunner.RunAsync("maintain", "--months-ahead", "500", "-c", db.ConnectionString);
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("error: --months-ahead must be between 0 and 120", bad.Stderr.Trim());

        var unreachable = await CliRunner.RunAsync("maintain", "-c", "Host=127.0.0.1;Port=1;Username=u;Password=S3cretPw;Timeout=3");
        Assert.Equal(2, unreachable.ExitCode);
        Assert.Single(unreachable.Stderr.Trim().Split('\n'));
        Assert.DoesNotContain("S3cretPw", unreachable.Stderr);
    }
}
