using System.Diagnostics;
using System.Text.Json;
using Schema.Tests.Harness;
using Xunit;
using static Schema.Tests.Execution.ExecutionSupport;

namespace Schema.Tests.Execution;

/// <summary>
/// A run stopped from outside: its session terminated (what a dying server looks like to the client), or the CLI
/// process sent SIGTERM / SIGINT. The script is named, what it leaves is said, nothing is journaled, the lock is free.
/// </summary>
public sealed class InterruptionTests
{
    private const string Sleeping = "create table before_sleep (id int);\nselect pg_sleep(60);\n";

    [Fact]
    public async Task A_terminated_session_names_the_script_exits_1_and_says_it_was_rolled_back()
    {
        await using var db = await ScratchDatabase.CreateAsync("intr");
        using var folder = new ScriptFolder().Add("0001_sleep.sql", Sleeping);
        var run = CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path);
        var pid = await SleepingBackendAsync(db);
        await Sql.ExecAsync(db.DataSource, "select pg_terminate_backend(@pid)", ("pid", pid));

        var result = await run.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(1, result.ExitCode); // before: 2, "cannot reach the server", no script named
        var line = Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("0001_sleep.sql:2:1: the connection to the server was lost", line);
        Assert.Contains("the script was rolled back and not journaled", line);
        Assert.Empty(await db.JournalAsync());
        Assert.False(await db.ScalarAsync<bool>("select to_regclass('before_sleep') is not null"));
    }

    [Fact]
    public async Task A_terminated_no_transaction_script_says_which_statement_it_reached_and_is_partial()
    {
        await using var db = await ScratchDatabase.CreateAsync("intr");
        using var folder = new ScriptFolder().Add("0001_sleep.sql", "-- schema:no-transaction\n" + Sleeping + "create table after_sleep (id int);\n");
        var run = CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path);
        var pid = await SleepingBackendAsync(db);
        await Sql.ExecAsync(db.DataSource, "select pg_terminate_backend(@pid)", ("pid", pid));

        var result = await run.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("0001_sleep.sql:3:1: the connection to the server was lost at statement 2 of 3", line);
        Assert.Contains("not journaled", line);
        Assert.Empty(await db.JournalAsync());
        Assert.True(await db.ScalarAsync<bool>("select to_regclass('before_sleep') is not null"));

        var status = await CliRunner.RunAsync("status", "--json", "-c", db.ConnectionString, "--migrations", folder.Path);
        using var doc = JsonDocument.Parse(status.Stdout);
        var script = doc.RootElement.GetProperty("scripts")[0];
        Assert.Equal("partial", script.GetProperty("state").GetString());
        Assert.Equal(2, script.GetProperty("attempt").GetProperty("statement").GetInt32());
    }

    [Fact]
    public async Task A_session_lost_between_scripts_names_the_next_script_and_keeps_the_applied_one_journaled()
    {
        await using var db = await ScratchDatabase.CreateAsync("intr");
        await Sql.ExecAsync(db.DataSource, "create table held (id int)");
        using var folder = new ScriptFolder()
            .Add("0001_first.sql", "create table first_t (id int);\n")
            .Add("0002_alter.sql", "alter table held add column note text;\n");
        // 0002 waits for the lock the test holds, times out, and waits (no statement running, no transaction open)
        // before its retry: that is when the session is terminated.
        await using var holder = await db.DataSource.OpenConnectionAsync();
        await using var holding = await holder.BeginTransactionAsync();
        await Sql.ExecAsync(holder, "lock table held in access exclusive mode");
        var log = new WatchingRunLog("retry 1 of");
        var options = new Schema.Core.Execution.RunnerOptions
        {
            LockTimeout = TimeSpan.FromMilliseconds(200), LockRetryBackoff = TimeSpan.FromSeconds(3),
        };
        var run = db.Engine(folder.Path, options, log).UpAsync();
        await log.Seen.WaitAsync(TimeSpan.FromSeconds(60));
        var runner = await Sql.ScalarAsync<int>(db.DataSource, """
            select l.pid from pg_locks l join pg_database d on d.oid = l.database
             where d.datname = current_database() and l.locktype = 'advisory' and l.granted and l.pid <> pg_backend_pid()
            """);
        Assert.True(await Sql.ScalarAsync<bool>(db.DataSource, "select pg_terminate_backend(@pid)", ("pid", runner)));

        // a ScriptInterruptedException is exit 1 naming the script (before: a bare NpgsqlException, exit 2, "cannot
        // reach the server", no script named)
        var e = await Assert.ThrowsAsync<Schema.Core.Execution.ScriptInterruptedException>(() => run.WaitAsync(TimeSpan.FromSeconds(90)));
        Assert.Contains("0002_alter.sql: the connection to the server was lost outside its statements (57P01", e.Message);
        Assert.Contains("the script was rolled back and not journaled", e.Message);
        Assert.Equal(["0001_first.sql"], await db.JournalAsync());

        await holding.RollbackAsync();
        Assert.Equal(["0002_alter.sql"], (await db.Engine(folder.Path).UpAsync()).Applied);
    }

    [Theory]
    [InlineData("TERM", 143)]
    [InlineData("INT", 130)] // Ctrl-C
    public async Task A_signal_cancels_the_statement_releases_the_lock_and_exits_with_one_line(string signal, int exitCode)
    {
        await using var db = await ScratchDatabase.CreateAsync("intr");
        using var folder = new ScriptFolder().Add("0001_sleep.sql", Sleeping);
        using var cli = StartCli("up", "-c", db.ConnectionString, "--migrations", folder.Path);
        var stderr = cli.StandardError.ReadToEndAsync();
        var stdout = cli.StandardOutput.ReadToEndAsync();
        await SleepingBackendAsync(db);

        await SignalAsync(cli.Id, signal);
        await cli.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(exitCode, cli.ExitCode);
        var line = Assert.Single((await stderr).Trim().Split('\n'));
        Assert.Contains("0001_sleep.sql:2:1: interrupted", line);
        Assert.Contains("the script was rolled back and not journaled", line);
        Assert.DoesNotContain("applied", await stdout);
        Assert.Empty(await ActivePidsAsync(db.Name, "pg_sleep"));
        Assert.Equal(0, await RunnerLockHoldersAsync(db.Name));
        Assert.Empty(await db.JournalAsync());
        Assert.False(await db.ScalarAsync<bool>("select to_regclass('before_sleep') is not null"));
    }

    /// <summary>The pid of the runner's backend once it is inside pg_sleep.</summary>
    /// <summary>The built CLI as a separate process (schema.dll is copied next to the tests by the project reference).</summary>
    private static Process StartCli(params string[] args)
    {
        // Through `env --default-signal=INT`: a process started in the background by a non-interactive shell (nohup,
        // `cmd &`) inherits SIGINT ignored, and .NET, like psql, leaves an ignored signal ignored. `env` execs dotnet,
        // so the pid stays the same.
        var start = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "schema.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        return Process.Start(start)!;
    }

    private static async Task SignalAsync(int pid, string signal)
    {
        using var kill = Process.Start("kill", ["-s", signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        Assert.Equal(0, kill.ExitCode);
    }
}
