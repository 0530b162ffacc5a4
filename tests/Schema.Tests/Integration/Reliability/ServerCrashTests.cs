using System.Text.RegularExpressions;
using Npgsql;
using Schema.Tests.Harness;
using Xunit;
using static Schema.Tests.Execution.ExecutionSupport;

namespace Schema.Tests.Reliability;

/// <summary>
/// The server itself goes away mid-run (<c>pg_ctl restart -m immediate</c> on a cluster the test owns): the run names
/// the script, says it was rolled back, exits 1; the journal agrees with the schema; the rerun completes.
/// </summary>
public sealed partial class ServerCrashTests(ThrowawayClusterFixture fixture) : IClassFixture<ThrowawayClusterFixture>
{
    [GeneratedRegex(@"\b(System\.|[A-Z]\w+(Exception|Error)\b)")]
    private static partial Regex DotNetTypeName();

    [Fact]
    public async Task A_server_restarted_immediately_mid_script_fails_the_run_with_exit_1_and_the_rerun_completes()
    {
        var cluster = fixture.Cluster;
        var database = "reliab_crash_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = cluster.Open()) await Sql.ExecAsync(admin, $"create database {database}"); // generated name
        var target = cluster.ConnectionString(database);
        await using (var db = cluster.Open(database)) await Sql.ExecAsync(db, "create table crash_gate ()");
        using var folder = new ScriptFolder()
            .Add("0001_first.sql", "create table first_t (id int);")
            .Add("0002_slow.sql", """
                -- waits while crash_gate exists (the test drops it before the rerun)
                create table slow_t (id int);
                select pg_sleep(case when to_regclass('crash_gate') is null then 0 else 120 end), 'crashp';
                create table slow_after (id int);
                """)
            .Add("0003_last.sql", "create table last_t (id int);");

        var run = CliRunner.RunAsync("up", "-c", target, "--migrations", folder.Path);
        await UntilAsync(async () =>
        {
            await using var admin = cluster.Open();
            return await Sql.ScalarAsync<bool>(admin,
                """
                select exists (select from pg_stat_activity
                               where state = 'active' and strpos(query, 'crashp') > 0 and pid <> pg_backend_pid())
                """);
        }, "the run is inside 0002_slow.sql");
        await cluster.RestartImmediateAsync();

        var result = await run.WaitAsync(TimeSpan.FromSeconds(120));
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("0002_slow.sql", line);
        Assert.Contains("rolled back and not journaled", line);
        Assert.DoesNotMatch(DotNetTypeName(), line);
        Assert.DoesNotContain(cluster.Password, result.Stdout + result.Stderr);

        await using (var db = cluster.Open(database))
        {
            Assert.Equal(["0001_first.sql"],
                await Sql.ListAsync<string>(db, "select scriptname from public.schemaversions order by 1"));
            Assert.True(await Sql.ScalarAsync<bool>(db, "select to_regclass('first_t') is not null"));
            Assert.False(await Sql.ScalarAsync<bool>(db, "select to_regclass('slow_t') is not null"));
            await Sql.ExecAsync(db, "drop table crash_gate");
        }

        var rerun = await CliRunner.RunAsync("up", "-c", target, "--migrations", folder.Path);
        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        await using (var db = cluster.Open(database))
        {
            Assert.Equal(["0001_first.sql", "0002_slow.sql", "0003_last.sql"],
                await Sql.ListAsync<string>(db, "select scriptname from public.schemaversions order by 1"));
            Assert.True(await Sql.ScalarAsync<bool>(db,
                "select to_regclass('slow_after') is not null and to_regclass('last_t') is not null"));
        }
    }

    [Fact]
    public async Task A_server_that_is_down_when_the_run_starts_is_exit_2_and_nothing_runs()
    {
        var cluster = fixture.Cluster;
        var database = "reliab_down_" + Guid.NewGuid().ToString("N")[..8];
        await using (var admin = cluster.Open()) await Sql.ExecAsync(admin, $"create database {database}"); // generated name
        using var folder = new ScriptFolder().Add("0001_first.sql", "create table first_t (id int);");
        await cluster.StopAsync();
        CliResult result;
        try
        {
            result = await CliRunner.RunAsync("up", "-c", cluster.ConnectionString(database), "--migrations", folder.Path);
        }
        finally
        {
            await cluster.StartAsync();
        }
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("cannot reach the server", line);
        Assert.DoesNotMatch(DotNetTypeName(), line);
        Assert.DoesNotContain(cluster.Password, result.Stdout + result.Stderr);
        await using var db = cluster.Open(database);
        Assert.False(await Sql.ScalarAsync<bool>(db, "select to_regclass('public.schemaversions') is not null"));
    }
}
