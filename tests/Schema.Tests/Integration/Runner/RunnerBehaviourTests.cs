using Npgsql;
using Schema.Core.Execution;
using Schema.Core.Scripts;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Runner;

/// <summary>c. one runner at a time; d. drift; e. repeatable scripts; f. variables; h. lock safety; i. preflight.</summary>
public sealed class RunnerBehaviourTests
{
    [Fact]
    public async Task Eight_runners_started_together_journal_every_script_exactly_once()
    {
        await using var db = await ScratchDatabase.CreateAsync("race");
        using var folder = new ScriptFolder();
        for (var i = 1; i <= 12; i++)
            folder.Add($"{i:0000}_step.sql", $"create table step_{i} (id int);\ninsert into step_{i} select g from generate_series(1, 1000) g;");
        folder.Add("repeatable/view.sql", "create or replace view all_steps as select count(*) as n from step_1;");

        using var start = new ManualResetEventSlim(false);
        var runs = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await CliRunner.RunAsync("up", "--connection", db.ConnectionString, "--migrations", folder.Path);
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(runs);

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Stderr));
        Assert.Equal(1, results.Count(r => r.Stdout.Contains("applied 13 script(s)")));
        Assert.Equal(7, results.Count(r => r.Stdout.Contains("nothing to apply")));
        var journal = await db.JournalAsync();
        Assert.Equal(13, journal.Count);
        Assert.Equal(13, journal.Distinct().Count());
    }

    [Fact]
    public async Task A_changed_applied_script_stops_up_before_anything_runs_until_repaired()
    {
        await using var db = await ScratchDatabase.CreateAsync("drift");
        using var folder = new ScriptFolder().Add("0001_a.sql", "create table a (id int);").Add("0002_b.sql", "create table b (id int);");
        await db.Engine(folder.Path).UpAsync();
        folder.Add("0002_b.sql", "create table b (id bigint);").Add("0003_c.sql", "create table c (id int);");

        var e = await Assert.ThrowsAsync<DriftException>(() => db.Engine(folder.Path).UpAsync());
        Assert.Equal(["0002_b.sql"], e.Names);
        Assert.Contains("schema repair 0002_b.sql", e.Message);
        Assert.Null(await db.ScalarAsync<string?>("select to_regclass('public.c')::text"));
        Assert.Equal(ScriptState.Changed, (await db.Engine(folder.Path).StatusAsync()).Scripts.Single(s => s.Name == "0002_b.sql").State);

        Assert.Equal(["0002_b.sql"], await db.Engine(folder.Path).RepairAsync([]));
        Assert.Equal(["0003_c.sql"], (await db.Engine(folder.Path).UpAsync()).Applied);
    }

    [Fact]
    public async Task An_applied_script_missing_from_disk_is_reported()
    {
        await using var db = await ScratchDatabase.CreateAsync("drift");
        using var folder = new ScriptFolder().Add("0001_a.sql", "create table a (id int);").Add("0002_b.sql", "create table b (id int);");
        await db.Engine(folder.Path).UpAsync();
        folder.Remove("0002_b.sql");
        var log = new CollectingRunLog();
        var result = await db.Engine(folder.Path, log: log).UpAsync();
        Assert.Equal("0002_b.sql", Assert.Single(result.Missing).Name);
        Assert.Contains(log.Lines, l => l.StartsWith("warning: 0002_b.sql is in the journal but not on disk"));
        Assert.Equal(ScriptState.Missing, (await db.Engine(folder.Path).StatusAsync()).Scripts.Single(s => s.Name == "0002_b.sql").State);
    }

    [Fact]
    public async Task Repeatable_scripts_run_after_versioned_ones_and_again_only_when_changed()
    {
        await using var db = await ScratchDatabase.CreateAsync("rep");
        using var folder = new ScriptFolder()
            .Add("repeatable/prices_view.sql", "create or replace view prices_v as select id, price from prices;")
            .Add("0001_prices.sql", "create table prices (id int, price numeric);");
        Assert.Equal(["0001_prices.sql", "repeatable/prices_view.sql"], (await db.Engine(folder.Path).UpAsync()).Applied);
        Assert.Empty((await db.Engine(folder.Path).UpAsync()).Applied);

        folder.Add("repeatable/prices_view.sql", "create or replace view prices_v as select id, price, price * 2 as doubled from prices;");
        Assert.Equal(["repeatable/prices_view.sql"], (await db.Engine(folder.Path).UpAsync()).Applied);
        Assert.Equal(3L, await db.ScalarAsync<long>("select count(*) from information_schema.columns where table_name = 'prices_v'"));
        Assert.Equal(2L, await db.ScalarAsync<long>("select count(*) from schemaversions where scriptname = 'repeatable/prices_view.sql' and kind = 'repeatable'"));
    }

    [Fact]
    public async Task Variables_are_substituted_and_an_undefined_one_names_script_and_variable()
    {
        await using var db = await ScratchDatabase.CreateAsync("vars");
        using var folder = new ScriptFolder()
            .Add("0001_t.sql", "create table $table$ (id int);\ncomment on table $table$ is 'kept $days$ days';\ncreate function f() returns text language sql as $fn$ select '$days$'::text $fn$;");
        var options = new RunnerOptions { Variables = new Dictionary<string, string> { ["table"] = "events", ["days"] = "30" } };
        await db.Engine(folder.Path, options).UpAsync();
        Assert.Equal("kept 30 days", await db.ScalarAsync<string>("select obj_description('events'::regclass)"));
        Assert.Equal("30", await db.ScalarAsync<string>("select f()"));

        await using var other = await ScratchDatabase.CreateAsync("vars");
        var e = await Assert.ThrowsAsync<ScriptDefinitionException>(() => other.Engine(folder.Path, options with { Variables = new Dictionary<string, string> { ["table"] = "events" } }).UpAsync());
        Assert.Contains("0001_t.sql", e.Message);
        Assert.Contains("$days$", e.Message);
        Assert.Empty(await other.JournalAsync());
    }

    [Fact]
    public async Task A_script_waiting_for_a_lock_gives_up_after_its_retries_with_a_clear_message()
    {
        await using var db = await ScratchDatabase.CreateAsync("lock");
        using var folder = new ScriptFolder().Add("0001_t.sql", "create table busy (id int);");
        await db.Engine(folder.Path).UpAsync();
        folder.Add("0002_alter.sql", "alter table busy add column note text;");

        await using var holder = await db.DataSource.OpenConnectionAsync();
        await using var tx = await holder.BeginTransactionAsync();
        await using (var lockCmd = new NpgsqlCommand("lock table busy in access share mode", holder, tx)) await lockCmd.ExecuteNonQueryAsync();

        var options = new RunnerOptions { LockTimeout = TimeSpan.FromMilliseconds(200), LockRetries = 2, LockRetryBackoff = TimeSpan.FromMilliseconds(50) };
        var log = new CollectingRunLog();
        var e = await Assert.ThrowsAsync<ScriptFailedException>(() => db.Engine(folder.Path, options, log).UpAsync());
        Assert.Contains("0002_alter.sql:1:1", e.Message);
        Assert.Contains("waited for a lock 3 times", e.Message);
        Assert.Contains("55P03", e.Message);
        Assert.Equal(2, log.Lines.Count(l => l.Contains("waited 0.2s for a lock")));
        Assert.Equal(["0001_t.sql"], await db.JournalAsync());
    }

    [Fact]
    public async Task A_script_that_hit_the_lock_timeout_succeeds_on_retry_once_the_lock_is_released()
    {
        await using var db = await ScratchDatabase.CreateAsync("lock");
        using var folder = new ScriptFolder().Add("0001_t.sql", "create table busy (id int);");
        await db.Engine(folder.Path).UpAsync();
        folder.Add("0002_alter.sql", "alter table busy add column note text;");

        var holder = await db.DataSource.OpenConnectionAsync();
        var tx = await holder.BeginTransactionAsync();
        await using (var lockCmd = new NpgsqlCommand("lock table busy in access share mode", holder, tx)) await lockCmd.ExecuteNonQueryAsync();
        // The blocker lets go when the runner reports its first lock timeout: synchronised on the event, not a sleep.
        var log = new ReleasingLog(() => { tx.Rollback(); holder.Dispose(); });
        var options = new RunnerOptions { LockTimeout = TimeSpan.FromMilliseconds(200), LockRetries = 3, LockRetryBackoff = TimeSpan.FromMilliseconds(10) };
        var result = await db.Engine(folder.Path, options, log).UpAsync();
        Assert.Equal(["0002_alter.sql"], result.Applied);
        Assert.Equal(1, log.Warnings);
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from information_schema.columns where table_name = 'busy' and column_name = 'note'"));
    }

    private sealed class ReleasingLog(Action onFirstWarning) : IRunLog
    {
        public int Warnings;
        public void Info(string message) { }
        public void Warn(string message)
        {
            if (Interlocked.Increment(ref Warnings) == 1) onFirstWarning();
        }
    }

    [Fact]
    public async Task A_second_runner_waits_for_the_first_within_its_bound()
    {
        await using var db = await ScratchDatabase.CreateAsync("lock");
        using var folder = new ScriptFolder().Add("0001_t.sql", "create table t (id int);");
        await using var holder = await db.DataSource.OpenConnectionAsync();
        await RunnerLock.AcquireAsync(holder, TimeSpan.FromSeconds(5), CancellationToken.None);
        var options = new RunnerOptions { RunnerLockWait = TimeSpan.FromMilliseconds(300) };
        var e = await Assert.ThrowsAsync<RunnerBusyException>(() => db.Engine(folder.Path, options).UpAsync());
        Assert.Contains("migration lock", e.Message);
        Assert.Empty(await db.JournalAsync());
        await RunnerLock.ReleaseAsync(holder);
        Assert.Equal(["0001_t.sql"], (await db.Engine(folder.Path, options).UpAsync()).Applied);
    }

    [Fact]
    public async Task Preflight_names_a_missing_extension_before_any_script_runs()
    {
        await using var db = await ScratchDatabase.CreateAsync("pre");
        using var folder = new ScriptFolder()
            .Add("0001_t.sql", "create table t (id int);")
            .Add("0002_ext.sql", "create extension if not exists schema_no_such_extension;");
        var e = await Assert.ThrowsAsync<PreflightException>(() => db.Engine(folder.Path).UpAsync());
        Assert.Equal("extension \"schema_no_such_extension\" is not available on the server: install the package that provides it", e.Message);
        Assert.Null(await db.ScalarAsync<string?>("select to_regclass('public.t')::text"));
    }
}
