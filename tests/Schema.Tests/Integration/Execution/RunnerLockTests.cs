using Npgsql;
using Schema.Core.Execution;
using Schema.Tests.Harness;
using Xunit;
using static Schema.Tests.Execution.ExecutionSupport;

namespace Schema.Tests.Execution;

/// <summary>The runner lock: waiting without a snapshot, saying who holds it, and --runner-lock-wait 0.</summary>
public sealed class RunnerLockTests
{
    private const long GateKey = 0x67617465; // "gate": lets the test decide when the first runner's CIC starts

    [Fact]
    public async Task A_create_index_concurrently_and_a_second_runner_both_succeed_and_the_index_is_valid()
    {
        await using var db = await ScratchDatabase.CreateAsync("rlock");
        await Sql.ExecAsync(db.DataSource,
            "create table big (id bigint, v integer); insert into big select g, g % 1000 from generate_series(1, 2000000) g");
        using var folder = new ScriptFolder().Add("0001_big_v.sql", $"""
            -- schema:no-transaction
            select pg_advisory_lock({GateKey});
            select pg_advisory_unlock({GateKey});
            create index concurrently big_v on big (v);
            """);
        await using var gate = await db.DataSource.OpenConnectionAsync();
        await Sql.ExecAsync(gate, "select pg_advisory_lock(@key)", ("key", GateKey));

        var options = new RunnerOptions { LockTimeout = TimeSpan.FromMinutes(2) };
        var first = db.Engine(folder.Path, options).UpAsync();
        await UntilAsync(async () => (await ActivePidsAsync(db.Name, "pg_advisory_lock")).Count == 1, "the first runner waits at the gate");

        // The second runner starts while the first holds the runner lock; it must be waiting before the CIC begins.
        var secondLog = new WatchingRunLog("migration lock");
        var second = db.Engine(folder.Path, options, secondLog).UpAsync();
        await UntilAsync(async () => secondLog.Seen.IsCompleted || await RunnerLockHoldersAsync(db.Name, granted: false) > 0,
            "the second runner waits for the runner lock");
        await Sql.ExecAsync(gate, "select pg_advisory_unlock(@key)", ("key", GateKey));

        var results = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(["0001_big_v.sql"], results[0].Applied);
        Assert.Empty(results[1].Applied);
        Assert.True(await db.ScalarAsync<bool>("select indisvalid from pg_index where indexrelid = 'big_v'::regclass"));
        Assert.Equal(["0001_big_v.sql"], await db.JournalAsync());
        Assert.Contains(secondLog.Lines, l => l.Contains("waiting up to") && l.Contains("held by pid"));
    }

    [Fact]
    public async Task Runner_lock_wait_zero_fails_at_once_naming_the_holder()
    {
        await using var db = await ScratchDatabase.CreateAsync("rlock");
        using var folder = new ScriptFolder().Add("0001_t.sql", "create table t (id int);");
        var holderConnection = new NpgsqlConnectionStringBuilder(db.ConnectionString) { ApplicationName = "holder-under-test" };
        await using var holder = new NpgsqlConnection(holderConnection.ConnectionString);
        await holder.OpenAsync();
        await RunnerLock.AcquireAsync(holder, TimeSpan.Zero, CancellationToken.None);
        var pid = holder.ProcessID;

        var run = CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path, "--runner-lock-wait", "0");
        var result = await run.WaitAsync(TimeSpan.FromSeconds(30)); // before: lock_timeout 0 meant waiting forever
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("not waiting", line);
        Assert.Contains($"pid {pid}", line);
        Assert.Contains("holder-under-test", line);
        Assert.Empty(await db.JournalAsync());
    }

    [Fact]
    public async Task A_waiting_runner_says_who_holds_the_lock_and_waits_idle_outside_any_transaction()
    {
        await using var db = await ScratchDatabase.CreateAsync("rlock");
        using var folder = new ScriptFolder().Add("0001_t.sql", "create table t (id int);");
        await using var holder = await db.DataSource.OpenConnectionAsync();
        await RunnerLock.AcquireAsync(holder, TimeSpan.Zero, CancellationToken.None);

        var log = new WatchingRunLog("for the migration lock held by pid " + holder.ProcessID);
        var run = db.Engine(folder.Path, new RunnerOptions { RunnerLockWait = TimeSpan.FromMinutes(2) }, log).UpAsync();
        await log.Seen.WaitAsync(TimeSpan.FromSeconds(60));
        // Between polls the waiting session holds no snapshot: it is not blocked inside pg_advisory_lock().
        Assert.Equal(0, await RunnerLockHoldersAsync(db.Name, granted: false));
        Assert.Empty(await ActivePidsAsync(db.Name, "pg_advisory_lock("));
        await RunnerLock.ReleaseAsync(holder);
        Assert.Equal(["0001_t.sql"], (await run.WaitAsync(TimeSpan.FromSeconds(60))).Applied);
    }
}
