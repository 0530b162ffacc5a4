using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Execution;

/// <summary>
/// A script whose statements all succeed can still fail at COMMIT: a deferred constraint is checked there. The run
/// names the script and says it was rolled back; the journal row, written in the same transaction, is not there.
/// </summary>
public sealed class CommitFailureTests
{
    [Fact]
    public async Task A_deferred_constraint_failing_at_commit_names_the_script_and_journals_nothing()
    {
        await using var db = await ScratchDatabase.CreateAsync("commit");
        using var folder = new ScriptFolder()
            .Add("0001_parent.sql", "create table parent (id int primary key);\n")
            .Add("0002_child.sql",
                "create table child (parent_id int references parent deferrable initially deferred);\n" +
                "insert into child values (42);\n");

        var result = await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Contains("0002_child.sql", line);
        Assert.Contains("at commit", line);
        Assert.Contains("23503", line);
        Assert.Contains("the script was rolled back and not journaled", line);
        Assert.Equal(["0001_parent.sql"], await db.JournalAsync());
        Assert.False(await db.ScalarAsync<bool>("select to_regclass('child') is not null"));
    }
}
