using Schema.Tests.Harness;
using Xunit;
using static Schema.Tests.Execution.ExecutionSupport;

namespace Schema.Tests.Execution;

/// <summary>
/// A down script that stops says what it leaves, and that is what the journal and the schema show: the script stays
/// journaled as applied (its journal row is deleted with the down script's last step only). Before, a down script
/// got up's words: "rolled back and not journaled", or "`schema status` shows it as partial", both false for a down.
/// </summary>
public sealed class DownOutcomeTests
{
    private const string Up = "create table t (id int);\ncreate index t_a on t (id);\n";

    [Fact]
    public async Task A_no_transaction_down_script_that_fails_partway_says_it_is_still_journaled_and_is()
    {
        await using var db = await ScratchDatabase.CreateAsync("down");
        using var folder = new ScriptFolder()
            .Add("0001_t.sql", Up)
            .Add("0001_t.down.sql", "-- schema:no-transaction\ndrop index concurrently t_a;\nselect 1/0;\ndrop table t;\n");
        Assert.Equal(0, (await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path)).ExitCode);

        var down = await CliRunner.RunAsync("down", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.Equal(1, down.ExitCode);
        var line = Assert.Single(down.Stderr.Trim().Split('\n'));
        Assert.Contains("0001_t.down.sql:3:", line);
        Assert.Contains("22012", line);
        Assert.Contains("the statements before line 3 took effect and the script is still journaled as applied", line);
        Assert.DoesNotContain("partial", line);
        Assert.Equal(["0001_t.sql"], await db.JournalAsync());
        Assert.False(await db.ScalarAsync<bool>("select to_regclass('t_a') is not null"));
        Assert.True(await db.ScalarAsync<bool>("select to_regclass('t') is not null"));
    }

    [Fact]
    public async Task A_down_script_whose_session_is_terminated_says_it_stays_journaled_and_it_does()
    {
        await using var db = await ScratchDatabase.CreateAsync("down");
        using var folder = new ScriptFolder()
            .Add("0001_t.sql", Up)
            .Add("0001_t.down.sql", "drop table t;\nselect pg_sleep(60);\n");
        Assert.Equal(0, (await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path)).ExitCode);

        var run = CliRunner.RunAsync("down", "-c", db.ConnectionString, "--migrations", folder.Path);
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
