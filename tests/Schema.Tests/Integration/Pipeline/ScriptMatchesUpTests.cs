using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Pipeline;

/// <summary>
/// Issue 8 item 9: <c>schema script</c> prints the plan <c>schema up</c> executes. Run through psql on one empty
/// database, it must leave the same schema (dump) and the same journal (names, checksums, kinds, order, writer) as
/// <c>up</c> on another — with the project's real migrations, so a transaction wrapper, a setting or a journal write
/// that only one of them does fails here.
/// </summary>
public sealed class ScriptMatchesUpTests
{
    [Fact]
    public async Task Script_run_with_psql_on_an_empty_database_leaves_the_dump_and_journal_up_leaves()
    {
        Assert.SkipWhen(Psql.Path is null, Psql.Missing);
        var ct = TestContext.Current.CancellationToken;
        await using var byUp = await ScratchDatabase.CreateAsync("fleet_up");
        await using var byScript = await ScratchDatabase.CreateAsync("fleet_script");
        var migrations = TestServer.MigrationsDirectory;

        var up = await CliRunner.RunAsync("up", "-c", byUp.ConnectionString, "--migrations", migrations);
        Assert.True(up.ExitCode == 0, up.Stderr);

        var script = await CliRunner.RunAsync("script", "-c", byScript.ConnectionString, "--migrations", migrations);
        Assert.True(script.ExitCode == 0, script.Stderr);
        var file = Path.Combine(Path.GetTempPath(), $"fleet-script-{Guid.NewGuid():N}.sql");
        try
        {
            await File.WriteAllTextAsync(file, script.Stdout, ct);
            var psql = await Psql.RunFileAsync(byScript.ConnectionString, file, ct);
            Assert.True(psql.ExitCode == 0, "psql failed: " + psql.Stderr);
        }
        finally { File.Delete(file); }

        var upDump = await byUp.DumpAsync(includeJournal: true);
        var scriptDump = await byScript.DumpAsync(includeJournal: true);
        Assert.True(upDump == scriptDump, "dumps differ:\n" + DumpDiff.Describe(upDump, scriptDump));
        var upJournal = await JournalAsync(byUp);
        Assert.NotEmpty(upJournal);
        Assert.Equal(upJournal, await JournalAsync(byScript));
    }

    /// <summary>What a journal row says, without when and how long (those differ between any two runs).</summary>
    private static Task<List<string>> JournalAsync(ScratchDatabase db) =>
        Sql.ListAsync<string>(db.DataSource,
            "select concat_ws(' ', scriptname, checksum, kind, applied_by) from public.schemaversions order by schemaversionsid");
}
