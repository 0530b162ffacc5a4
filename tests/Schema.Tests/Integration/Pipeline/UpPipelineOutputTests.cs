using System.Text.Json;
using Npgsql;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Pipeline;

/// <summary>
/// <c>up --json</c> and <c>up --format github</c> on a real database: a good and a failing script, a script that
/// waits for a lock another connection holds (the executor's lock_timeout/retry path), and the annotation of a failure.
/// </summary>
public sealed class UpPipelineOutputTests
{
    private const string FailingScript = """
        -- 0002_app_bad: fails on its third line (the table does not exist)
        create table app_second (id int);
        insert into app_missing values (1);
        """;

    private static ScriptFolder GoodThenBad() => new ScriptFolder()
        .Add("0001_app_good.sql", "-- 0001_app_good: a table\ncreate table app_first (id int);")
        .Add("0002_app_bad.sql", FailingScript)
        .Add("0003_app_later.sql", "-- 0003_app_later: never reached\ncreate table app_third (id int);");

    private static JsonElement Script(JsonElement doc, string name) =>
        doc.GetProperty("scripts").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);

    [Fact]
    public async Task Json_reports_each_script_and_a_summary_with_the_exit_code_of_up()
    {
        await using var db = await ScratchDatabase.CreateAsync("docs_upjson");
        using var folder = GoodThenBad();

        var result = await CliRunner.RunAsync("up", "--json", "-c", db.ConnectionString, "--migrations", folder.Path);

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout); // stdout is the document and nothing else
        var doc = json.RootElement;
        var good = Script(doc, "0001_app_good.sql");
        Assert.Equal("applied", good.GetProperty("outcome").GetString());
        Assert.Equal("0001", good.GetProperty("version").GetString());
        Assert.True(good.GetProperty("ms").GetInt64() >= 0);
        Assert.Equal(0, good.GetProperty("retries").GetInt32());
        Assert.Equal(JsonValueKind.Null, good.GetProperty("error").ValueKind);

        var bad = Script(doc, "0002_app_bad.sql");
        Assert.Equal("failed", bad.GetProperty("outcome").GetString());
        Assert.Equal(3, bad.GetProperty("line").GetInt32());
        Assert.Contains("42P01", bad.GetProperty("error").GetString());
        Assert.Equal("not-run", Script(doc, "0003_app_later.sql").GetProperty("outcome").GetString());

        var summary = doc.GetProperty("summary");
        Assert.Equal(1, summary.GetProperty("applied").GetInt32());
        Assert.Equal(1, summary.GetProperty("failed").GetInt32());
        Assert.Equal(1, summary.GetProperty("not-run").GetInt32());
        Assert.Equal(1, summary.GetProperty("exitCode").GetInt32());
        Assert.Contains("42P01", summary.GetProperty("error").GetString());
        // progress went to stderr, and the error is one line there too
        Assert.Contains("applied 0001_app_good.sql", result.Stderr);
        Assert.Single(result.Stderr.Split('\n'), l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Equal(["0001_app_good.sql"], await db.JournalAsync());
    }

    [Fact]
    public async Task Json_of_a_clean_run_exits_0_and_never_shows_the_password()
    {
        await using var db = await ScratchDatabase.CreateAsync("docs_upjson");
        using var folder = new ScriptFolder()
            .Add("0001_app_good.sql", "-- 0001_app_good: a table\ncreate table app_first (id int);");

        var result = await CliRunner.RunAsync("up", "--json", "-c", db.ConnectionString, "--migrations", folder.Path);

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("applied", Script(json.RootElement, "0001_app_good.sql").GetProperty("outcome").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("summary").GetProperty("exitCode").GetInt32());
        var password = new NpgsqlConnectionStringBuilder(db.ConnectionString).Password;
        Assert.False(string.IsNullOrEmpty(password));
        Assert.DoesNotContain(password, result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task A_lock_held_by_another_connection_shows_as_lock_timeouts_and_retries()
    {
        await using var db = await ScratchDatabase.CreateAsync("docs_uplock");
        using var folder = await TableThenAlterAsync(db);

        // another session holds a conflicting lock for the whole run: every attempt waits lock_timeout and fails
        await using var holder = await db.DataSource.OpenConnectionAsync();
        await using var tx = await HoldAccessShareAsync(holder);

        var result = await CliRunner.RunAsync("up", "--json", "-c", db.ConnectionString, "--migrations", folder.Path,
                                              "--lock-timeout", "0.3", "--lock-retries", "1");
        await tx.RollbackAsync();

        Assert.Equal(1, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var alter = Script(json.RootElement, "0002_app_alter.sql");
        Assert.Equal("failed", alter.GetProperty("outcome").GetString());
        Assert.True(alter.GetProperty("retries").GetInt32() >= 1);
        Assert.Equal(2, alter.GetProperty("lockTimeouts").GetInt32()); // the first attempt and its one retry
        Assert.Contains("55P03", alter.GetProperty("error").GetString());
        Assert.Equal(1, json.RootElement.GetProperty("summary").GetProperty("retries").GetInt32());
    }

    [Fact]
    public async Task A_lock_released_while_the_runner_backs_off_shows_as_applied_after_a_retry()
    {
        await using var db = await ScratchDatabase.CreateAsync("docs_uplock");
        using var folder = await TableThenAlterAsync(db);

        await using var holder = await db.DataSource.OpenConnectionAsync();
        await using var tx = await HoldAccessShareAsync(holder);

        // lock_timeout 1 s, then a 1 s back-off before the retry: the lock is released inside that back-off, once
        // the runner's first wait is seen to start and then to end (pg_locks, not a clock)
        var run = CliRunner.RunAsync("up", "--json", "-c", db.ConnectionString, "--migrations", folder.Path,
                                     "--lock-timeout", "1", "--lock-retries", "3");
        await WaitForLockWaitAsync(db, waiting: true, run);
        await WaitForLockWaitAsync(db, waiting: false, run);
        await tx.RollbackAsync();
        var result = await run;

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var alter = Script(json.RootElement, "0002_app_alter.sql");
        Assert.Equal("applied", alter.GetProperty("outcome").GetString());
        Assert.True(alter.GetProperty("retries").GetInt32() >= 1);
        Assert.Equal(alter.GetProperty("retries").GetInt32(), alter.GetProperty("lockTimeouts").GetInt32());
        Assert.Contains("waited 1s for a lock", result.Stderr); // the human warning went to stderr
    }

    /// <summary>0001 creates app_locked and is applied; 0002 (pending) alters it, so it needs ACCESS EXCLUSIVE.</summary>
    private static async Task<ScriptFolder> TableThenAlterAsync(ScratchDatabase db)
    {
        var folder = new ScriptFolder()
            .Add("0001_app_table.sql", "-- 0001_app_table: the table\ncreate table app_locked (id int);");
        var first = await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path);
        if (first.ExitCode != 0) folder.Dispose();
        Assert.True(first.ExitCode == 0, first.Stderr);
        return folder.Add("0002_app_alter.sql",
                          "-- 0002_app_alter: needs ACCESS EXCLUSIVE\nalter table app_locked add column note text;");
    }

    /// <summary>A transaction on <paramref name="holder"/> holding ACCESS SHARE on app_locked until it ends.</summary>
    private static async Task<NpgsqlTransaction> HoldAccessShareAsync(NpgsqlConnection holder)
    {
        var tx = await holder.BeginTransactionAsync();
        await using var lockCmd = new NpgsqlCommand("lock table app_locked in access share mode", holder, tx);
        await lockCmd.ExecuteNonQueryAsync();
        return tx;
    }

    /// <summary>Until some session waits (or no longer waits) for a lock on app_locked; fails if the run ends first.</summary>
    private static Task WaitForLockWaitAsync(ScratchDatabase db, bool waiting, Task<CliResult> run) =>
        Schema.Tests.Execution.ExecutionSupport.UntilAsync(async () =>
        {
            if (await db.ScalarAsync<bool>(
                    "select exists (select from pg_locks where relation = 'app_locked'::regclass and not granted)") == waiting)
                return true;
            Assert.False(run.IsCompleted, $"the run ended before the lock wait was {(waiting ? "seen" : "over")}");
            return false;
        }, $"a lock wait on app_locked is {(waiting ? "seen" : "over")}");

    [Fact]
    public async Task Format_github_annotates_the_failing_statement_with_file_and_line()
    {
        await using var db = await ScratchDatabase.CreateAsync("docs_upgithub");
        using var folder = GoodThenBad();

        var result = await CliRunner.RunAsync("up", "--format", "github", "-c", db.ConnectionString,
                                              "--migrations", folder.Path);

        Assert.Equal(1, result.ExitCode);
        var annotation = Assert.Single(result.Stdout.Split('\n'), l => l.StartsWith("::", StringComparison.Ordinal));
        var file = Path.Combine(folder.Path, "0002_app_bad.sql").Replace(":", "%3A").Replace(",", "%2C");
        Assert.StartsWith($"::error file={file},line=3,col=", annotation);
        Assert.Contains("::", annotation["::error ".Length..]);
        Assert.Contains("42P01", annotation);
        Assert.Contains("applied 0001_app_good.sql", result.Stdout); // the usual progress stays
        Assert.StartsWith("error: ", result.Stderr);
    }

    [Fact]
    public async Task Json_and_format_github_together_are_a_usage_error()
    {
        var result = await CliRunner.RunAsync("up", "--json", "--format", "github", "-c", "Host=localhost;Database=none");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("choose one", result.Stderr);
        var bogus = await CliRunner.RunAsync("up", "--format", "xml", "-c", "Host=localhost;Database=none");
        Assert.Equal(2, bogus.ExitCode);
        Assert.StartsWith("error: ", bogus.Stderr);
    }
}
