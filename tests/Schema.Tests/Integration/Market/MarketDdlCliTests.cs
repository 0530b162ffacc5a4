using System.Text.Json;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Market;

/// <summary>`schema market add-indicator | drop-indicator | drop-timeframe`: the bounded procedures of 0122 from the CLI.</summary>
public sealed class MarketDdlCliTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private Task<long> TablesWithAsync(string column) =>
        db.ScalarAsync<long>("""
            select count(*) from pg_class c join pg_attribute a on a.attrelid = c.oid
            where c.relnamespace = 'market'::regnamespace and c.relkind = 'p' and not c.relispartition
              and a.attname = @c and not a.attisdropped
            """, ("c", column));

    [Fact]
    public async Task Add_and_drop_an_indicator_and_drop_a_timeframe_print_each_transaction()
    {
        var timeframes = await db.ScalarAsync<long>("select count(*) from market.timeframes");
        var add = await CliRunner.RunAsync("market", "add-indicator", "probe_cli", "--type", "real", "-c", db.ConnectionString);
        Assert.Equal(0, add.ExitCode);
        Assert.Contains("market.ohlcv_60m: added column probe_cli (1 locks)", add.Stdout);
        Assert.Equal(timeframes, await TablesWithAsync("probe_cli"));
        Assert.Equal("real", await db.ScalarAsync<string>("select data_type from market.indicator_columns where column_name = 'probe_cli'"));

        var again = await CliRunner.RunAsync("market", "add-indicator", "probe_cli", "--type", "real", "--json", "-c", db.ConnectionString);
        Assert.Equal(0, again.ExitCode);
        Assert.Equal(0, JsonDocument.Parse(again.Stdout).RootElement.GetProperty("steps").GetArrayLength());

        var drop = await CliRunner.RunAsync("market", "drop-indicator", "probe_cli", "-c", db.ConnectionString);
        Assert.Equal(0, drop.ExitCode);
        Assert.Contains("market.ohlcv_1m: dropped column probe_cli", drop.Stdout);
        Assert.Equal(0L, await TablesWithAsync("probe_cli"));

        await db.ExecAsync("call market.add_timeframe(240)");
        await db.ExecAsync("call market.ensure_partitions(240, 'ES', '2024-01-01', '2024-04-01')");
        var dropTimeframe = await CliRunner.RunAsync("market", "drop-timeframe", "240", "--batch", "2", "-c", db.ConnectionString);
        Assert.Equal(0, dropTimeframe.ExitCode);
        Assert.Contains("unregistered timeframe 240", dropTimeframe.Stdout);
        Assert.Contains("market.ohlcv_240m: dropped 2 partition(s)", dropTimeframe.Stdout);
        Assert.Contains("market.ohlcv_240m: dropped", dropTimeframe.Stdout.Split('\n').Last(l => l.Length > 0));
        Assert.Null(await db.ScalarAsync<string>("select to_regclass('market.ohlcv_240m')::text"));
    }

    [Fact]
    public async Task Bad_options_and_server_errors_are_one_line()
    {
        var bad = await CliRunner.RunAsync("market", "add-indicator", "x", "--lock-retries", "-1", "-c", db.ConnectionString);
        Assert.Equal(2, bad.ExitCode);
        Assert.Single(bad.Stderr.Trim().Split('\n'));

        var hostile = await CliRunner.RunAsync("market", "add-indicator", "x; drop table market.symbols", "-c", db.ConnectionString);
        Assert.Equal(1, hostile.ExitCode);
        Assert.StartsWith("error: 22023: market.add_indicator_column_bounded: invalid column name", hostile.Stderr.Trim());
        Assert.Single(hostile.Stderr.Trim().Split('\n'));

        var budget = await CliRunner.RunAsync("market", "drop-timeframe", "60", "--max-locks", "10", "-c", db.ConnectionString);
        Assert.Equal(1, budget.ExitCode);
        Assert.StartsWith("error: 54000: ", budget.Stderr.Trim());
        Assert.True(await db.ScalarAsync<bool>("select exists (select from market.timeframes where minutes = 60)"));

        var help = await CliRunner.RunAsync("market", "drop-timeframe", "--help");
        Assert.Equal(0, help.ExitCode);
        Assert.Contains("--batch", help.Stdout);
    }
}
