using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Runner;

/// <summary>The developer loop: `schema reset` drops, recreates, migrates and seeds; seeds are re-runnable.</summary>
public sealed class ResetAndSeedTests
{
    [Fact]
    public async Task Reset_rebuilds_the_database_from_scratch_and_seeds_can_run_again()
    {
        await using var db = await ScratchDatabase.CreateAsync("reset");
        await using (var cmd = db.DataSource.CreateCommand("create table leftover (id int)")) await cmd.ExecuteNonQueryAsync();
        var args = new[] { "-c", db.ConnectionString, "--migrations", TestServer.MigrationsDirectory, "--seeds", Path.Combine(TestServer.RepositoryRoot, "seeds") };

        var reset = await CliRunner.RunAsync(["reset", "--force", .. args]); // the server may be SCHEMA_TEST_CONNECTION's
        Assert.True(reset.ExitCode == 0, reset.Stderr);
        Assert.Contains("seeded 0200_trading_system_config.sql", reset.Stdout);
        await using var fresh = Npgsql.NpgsqlDataSource.Create(db.ConnectionString);
        async Task<long> Count(string sql) { await using var c = fresh.CreateCommand(sql); return (long)(await c.ExecuteScalarAsync())!; }
        Assert.Equal(0L, await Count("select count(*) from pg_tables where tablename = 'leftover'"));
        var decisions = await Count("select count(*) from trading.decisions");
        var tickers = await Count("select count(*) from quant.tickers");
        Assert.True(decisions >= 2 && tickers >= 4);

        var seedAgain = await CliRunner.RunAsync(["seed", .. args]);
        Assert.True(seedAgain.ExitCode == 0, seedAgain.Stderr);
        Assert.Equal(decisions, await Count("select count(*) from trading.decisions"));
        Assert.Equal(tickers, await Count("select count(*) from quant.tickers"));
    }
}
