using System.Text.Json;
using Schema.Core.Execution;
using Schema.Core.Journal;
using Schema.Core.Scripts;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Execution;

/// <summary>
/// No-transaction scripts that start and do not finish: recorded apart from the journal, shown as partial, never
/// journaled over an INVALID index, settled with <c>schema repair --resolve</c> / <c>--retry</c>.
/// </summary>
public sealed class PartialScriptTests
{
    private const string Table = "create table t (v int); insert into t values (1), (1), (2);";

    // Statement 2 fails on the duplicate and leaves ux_t_v INVALID; "if not exists" then skips it on a rerun.
    private const string UniqueIndex = """
        -- schema:no-transaction
        create index concurrently if not exists ix_t_v on t (v);
        create unique index concurrently if not exists ux_t_v on t (v);
        """;

    private static async Task<ScriptFolder> FailedOnceAsync(ScratchDatabase db)
    {
        var folder = new ScriptFolder().Add("0001_t.sql", Table).Add("0002_ux.sql", UniqueIndex);
        var result = await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("0002_ux.sql:3:1: 23505", result.Stderr);
        Assert.Contains("not journaled: this no-transaction script's statements before line 3 stay applied", result.Stderr);
        return folder;
    }

    [Fact]
    public async Task A_failed_no_transaction_script_is_partial_in_status_not_pending()
    {
        await using var db = await ScratchDatabase.CreateAsync("partial");
        using var folder = await FailedOnceAsync(db);

        var text = await CliRunner.RunAsync("status", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.Equal(1, text.ExitCode);
        Assert.Contains(text.Stdout.Split('\n'), l => l.StartsWith("partial") && l.Contains("0002_ux.sql") && l.Contains("statement 2 of 2 (line 3)"));

        var json = await CliRunner.RunAsync("status", "--json", "-c", db.ConnectionString, "--migrations", folder.Path);
        using var doc = JsonDocument.Parse(json.Stdout);
        var ux = doc.RootElement.GetProperty("scripts").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "0002_ux.sql");
        Assert.Equal("partial", ux.GetProperty("state").GetString());
        Assert.Equal(2, ux.GetProperty("attempt").GetProperty("statement").GetInt32());
        Assert.Contains("23505", ux.GetProperty("attempt").GetProperty("error").GetString());
    }

    [Fact]
    public async Task Up_refuses_a_partial_script_naming_the_statement_and_the_way_out()
    {
        await using var db = await ScratchDatabase.CreateAsync("partial");
        using var folder = await FailedOnceAsync(db);

        // Before: the rerun skipped the INVALID unique index ("if not exists") and journaled the script.
        var again = await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.Equal(1, again.ExitCode);
        var line = Assert.Single(again.Stderr.Trim().Split('\n'));
        Assert.Contains("0002_ux.sql started and did not finish: it reached statement 2 of 2 (line 3)", line);
        Assert.Contains("schema repair --resolve 0002_ux.sql", line);
        Assert.Contains("schema repair --retry 0002_ux.sql", line);
        Assert.Equal(["0001_t.sql"], await db.JournalAsync());
    }

    [Fact]
    public async Task A_retried_script_is_not_journaled_while_its_index_is_invalid_and_is_once_fixed()
    {
        await using var db = await ScratchDatabase.CreateAsync("partial");
        using var folder = await FailedOnceAsync(db);
        string[] Cli(params string[] args) => [.. args, "-c", db.ConnectionString, "--migrations", folder.Path];

        Assert.Equal(0, (await CliRunner.RunAsync(Cli("repair", "--retry", "0002_ux.sql"))).ExitCode);
        var refused = await CliRunner.RunAsync(Cli("up"));
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("index public.ux_t_v is INVALID", refused.Stderr);
        Assert.Contains("drop index concurrently public.ux_t_v", refused.Stderr);
        Assert.Equal(["0001_t.sql"], await db.JournalAsync());
        Assert.Equal("partial", await StateAsync(db, folder, "0002_ux.sql"));

        await Sql.ExecAsync(db.DataSource, "delete from t where ctid = (select max(ctid) from t where v = 1)");
        await Sql.ExecAsync(db.DataSource, "drop index concurrently ux_t_v");
        Assert.Equal(0, (await CliRunner.RunAsync(Cli("repair", "--retry", "0002_ux.sql"))).ExitCode);
        var fixedRun = await CliRunner.RunAsync(Cli("up"));
        Assert.Equal(0, fixedRun.ExitCode);
        Assert.Equal(["0001_t.sql", "0002_ux.sql"], await db.JournalAsync());
        Assert.True(await db.ScalarAsync<bool>("select indisvalid from pg_index where indexrelid = 'ux_t_v'::regclass"));
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from public.schemaversions_attempts"));
        Assert.Equal("applied", await StateAsync(db, folder, "0002_ux.sql"));
    }

    [Fact]
    public async Task Repair_resolve_journals_a_partial_script_as_applied()
    {
        await using var db = await ScratchDatabase.CreateAsync("partial");
        using var folder = await FailedOnceAsync(db);
        var wrong = await CliRunner.RunAsync("repair", "--resolve", "0001_t.sql", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.Equal(2, wrong.ExitCode);
        Assert.Contains("not a partial script", wrong.Stderr);

        var resolved = await CliRunner.RunAsync("repair", "--resolve", "0002_ux.sql", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.Equal(0, resolved.ExitCode);
        Assert.Equal(["0001_t.sql", "0002_ux.sql"], await db.JournalAsync());
        Assert.Equal("applied", await StateAsync(db, folder, "0002_ux.sql"));
    }

    [Fact]
    public async Task The_record_of_started_scripts_lives_beside_a_configured_journal()
    {
        await using var db = await ScratchDatabase.CreateAsync("partial");
        await Sql.ExecAsync(db.DataSource, "create schema ops");
        using var folder = new ScriptFolder().Add("0001_t.sql", Table).Add("0002_ux.sql", UniqueIndex);
        var engine = new MigrationEngine(db.DataSource, new FileSystemScriptProvider(folder.Path), new RunnerOptions(),
            new CollectingRunLog(), new JournalTable("ops", "journal"));
        await Assert.ThrowsAsync<ScriptFailedException>(() => engine.UpAsync());
        Assert.Equal("0002_ux.sql", await db.ScalarAsync<string>("select scriptname from ops.journal_attempts"));
        Assert.False(await db.ScalarAsync<bool>("select to_regclass('public.schemaversions_attempts') is not null"));
        Assert.Equal(ScriptState.Partial, (await engine.StatusAsync()).Scripts.Single(s => s.Name == "0002_ux.sql").State);
    }

    private static async Task<string?> StateAsync(ScratchDatabase db, ScriptFolder folder, string name)
    {
        var json = await CliRunner.RunAsync("status", "--json", "-c", db.ConnectionString, "--migrations", folder.Path);
        using var doc = JsonDocument.Parse(json.Stdout);
        return doc.RootElement.GetProperty("scripts").EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == name).GetProperty("state").GetString();
    }
}
