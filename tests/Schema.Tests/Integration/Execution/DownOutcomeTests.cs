using System.Text.Json;
using Schema.Tests.Harness;
using Xunit;
using static Schema.Tests.Execution.ExecutionSupport;

namespace Schema.Tests.Execution;

/// <summary>
/// A down script that stops says what it leaves, and that is what the journal and the schema show: the script stays
/// journaled (its journal row is deleted with the down script's last step only); a no-transaction down script is
/// recorded like an up one, so status shows it partial (reverting) and up refuses until it is settled. Before, a down
/// script got up's words ("rolled back and not journaled", "partial") while status called it applied.
/// </summary>
public sealed class DownOutcomeTests
{
    private const string Up = "create table t (id int);\ncreate index t_a on t (id);\n";

    /// <summary>A no-transaction down script whose first statement takes effect and whose second fails.</summary>
    private const string FailingAtLine3 = "-- schema:no-transaction\ndrop index concurrently t_a;\nselect 1/0;\ndrop table t;\n";

    private static ScriptFolder Migrations(string down) => new ScriptFolder().Add("0001_t.sql", Up).Add("0001_t.down.sql", down);

    private static Task<CliResult> CliAsync(ScratchDatabase db, ScriptFolder folder, params string[] command) =>
        CliRunner.RunAsync([.. command, "-c", db.ConnectionString, "--migrations", folder.Path]);

    [Fact]
    public async Task A_no_transaction_down_script_that_fails_partway_is_partial_until_settled()
    {
        await using var db = await ScratchDatabase.CreateAsync("down");
        using var folder = Migrations(FailingAtLine3);
        Assert.Equal(0, (await CliAsync(db, folder, "up")).ExitCode);

        var down = await CliAsync(db, folder, "down");
        Assert.Equal(1, down.ExitCode);
        var line = Assert.Single(down.Stderr.Trim().Split('\n'));
        Assert.Contains("0001_t.down.sql:3:", line);
        Assert.Contains("22012", line);
        Assert.Contains("the statements before line 3 took effect and the script is still journaled", line);
        Assert.Contains("partial (reverting)", line);
        Assert.Equal(["0001_t.sql"], await db.JournalAsync());
        Assert.False(await db.ScalarAsync<bool>("select to_regclass('t_a') is not null"));
        Assert.True(await db.ScalarAsync<bool>("select to_regclass('t') is not null"));

        // status: partial, not applied (part of it is undone), with how far the down script got
        var status = await CliAsync(db, folder, "status", "--json");
        Assert.Equal(1, status.ExitCode);
        using (var doc = JsonDocument.Parse(status.Stdout))
        {
            var script = doc.RootElement.GetProperty("scripts")[0];
            Assert.Equal("partial", script.GetProperty("state").GetString());
            var attempt = script.GetProperty("attempt");
            Assert.Equal("down", attempt.GetProperty("direction").GetString());
            Assert.Equal(2, attempt.GetProperty("statement").GetInt32());
            Assert.Contains("22012", attempt.GetProperty("error").GetString());
        }

        // up refuses to run on top of a half-reverted script, and says what to do
        folder.Add("0002_u.sql", "create table u (id int);\n");
        var up = await CliAsync(db, folder, "up");
        Assert.Equal(1, up.ExitCode);
        Assert.Contains("the down script of 0001_t.sql started and did not finish", up.Stderr);
        Assert.Contains("schema repair --resolve 0001_t.sql", up.Stderr);
        Assert.Equal(["0001_t.sql"], await db.JournalAsync());

        // finished by hand, then resolved: the script leaves the journal, and up applies both again
        await Sql.ExecAsync(db.DataSource, "drop table t");
        var repair = await CliAsync(db, folder, "repair", "--resolve", "0001_t.sql");
        Assert.True(repair.ExitCode == 0, repair.Stderr);
        Assert.Empty(await db.JournalAsync());
        Assert.Equal(0, (await CliAsync(db, folder, "up")).ExitCode);
        Assert.Equal(["0001_t.sql", "0002_u.sql"], await db.JournalAsync());
        Assert.True(await db.ScalarAsync<bool>("select to_regclass('t_a') is not null"));
    }

    [Fact]
    public async Task A_partial_down_script_restored_by_hand_is_kept_applied_by_repair_retry()
    {
        await using var db = await ScratchDatabase.CreateAsync("down");
        using var folder = Migrations(FailingAtLine3);
        Assert.Equal(0, (await CliAsync(db, folder, "up")).ExitCode);
        Assert.Equal(1, (await CliAsync(db, folder, "down")).ExitCode);

        await Sql.ExecAsync(db.DataSource, "create index t_a on t (id)"); // what the down script undid, restored
        var repair = await CliAsync(db, folder, "repair", "--retry", "0001_t.sql");
        Assert.True(repair.ExitCode == 0, repair.Stderr);
        Assert.Equal(["0001_t.sql"], await db.JournalAsync());
        var status = await CliAsync(db, folder, "status");
        Assert.True(status.ExitCode == 0, status.Stdout + status.Stderr);
        Assert.StartsWith("applied", status.Stdout.Split('\n').First(l => l.Contains("0001_t.sql")));
    }

    [Fact]
    public async Task A_changed_repeatable_script_that_fails_partway_is_an_up_partial_not_a_down()
    {
        // A repeatable script keeps its older journal row while a changed version re-runs: a record of that re-run
        // is an up in progress, and resolving it journals the new version (it must not delete the older row).
        await using var db = await ScratchDatabase.CreateAsync("down");
        using var folder = new ScriptFolder().Add("repeatable/v.sql", "-- schema:no-transaction\ncreate view v as select 1 as one;\n");
        Assert.Equal(0, (await CliAsync(db, folder, "up")).ExitCode);
        folder.Add("repeatable/v.sql", "-- schema:no-transaction\ncreate or replace view v as select 2 as one;\nselect 1/0;\n");
        Assert.Equal(1, (await CliAsync(db, folder, "up")).ExitCode);

        var status = await CliAsync(db, folder, "status", "--json");
        using (var doc = JsonDocument.Parse(status.Stdout))
        {
            var script = doc.RootElement.GetProperty("scripts")[0];
            Assert.Equal("partial", script.GetProperty("state").GetString());
            Assert.Equal("up", script.GetProperty("attempt").GetProperty("direction").GetString());
        }
        var up = await CliAsync(db, folder, "up");
        Assert.Contains("repeatable/v.sql started and did not finish", up.Stderr);

        var repair = await CliAsync(db, folder, "repair", "--resolve", "repeatable/v.sql");
        Assert.True(repair.ExitCode == 0, repair.Stderr);
        Assert.Equal(["repeatable/v.sql", "repeatable/v.sql"], await db.JournalAsync());
        Assert.Equal(0, (await CliAsync(db, folder, "status")).ExitCode);
    }

    [Fact]
    public async Task A_down_script_whose_session_is_terminated_says_it_stays_journaled_and_it_does()
    {
        await using var db = await ScratchDatabase.CreateAsync("down");
        using var folder = Migrations("drop table t;\nselect pg_sleep(60);\n");
        Assert.Equal(0, (await CliAsync(db, folder, "up")).ExitCode);

        var run = CliAsync(db, folder, "down");
        await Sql.ExecAsync(db.DataSource, "select pg_terminate_backend(@pid)", ("pid", await SleepingBackendAsync(db)));

        var result = await run.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("0001_t.down.sql:2:1: the connection to the server was lost", line);
        Assert.Contains("the down script was rolled back; the script stays journaled as applied", line);
        Assert.DoesNotContain("not journaled", line);
        Assert.Equal(["0001_t.sql"], await db.JournalAsync());
        Assert.True(await db.ScalarAsync<bool>("select to_regclass('t') is not null"));
    }
}
