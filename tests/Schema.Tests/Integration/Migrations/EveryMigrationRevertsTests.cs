using Npgsql;
using Schema.Core.Dump;
using Schema.Core.Execution;
using Schema.Core.Scripts;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Migrations;

/// <summary>
/// Sqitch's deploy/revert/verify for every script in migrations/: up to N−1, dump, up N, down N, dump again — the
/// dumps are identical — then up N again succeeds. Deferred (gated) scripts are checked where the server has them.
/// </summary>
public sealed class EveryMigrationRevertsTests
{
    [Fact]
    public async Task Every_versioned_script_reverts_to_an_identical_schema_and_reapplies()
    {
        await using var db = await ScratchDatabase.CreateAsync("revert");
        var set = new FileSystemScriptProvider(TestServer.MigrationsDirectory).Load();
        var engine = db.Engine(TestServer.MigrationsDirectory);
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var script in set.Versioned)
        {
            var before = await db.DumpAsync(includeJournal: false);
            var applied = await engine.UpAsync(script.Version);
            if (!applied.Applied.Contains(script.Name))
            {
                Assert.Contains(applied.Deferred, d => d.Name == script.Name); // deferred on this edition: nothing to revert
                continue;
            }
            Assert.True(script.HasDown, $"{script.Name} has no down script");
            Assert.Equal([script.Name], await engine.DownAsync(1, null));
            var after = await db.DumpAsync(includeJournal: false);
            if (before != after) failures.Add($"{script.Name}: down does not restore the schema:\n{DumpDiff.Describe(before, after)}");
            Assert.Contains(script.Name, (await engine.UpAsync(script.Version)).Applied);
            checkedCount++;
        }
        Assert.True(failures.Count == 0, string.Join("\n\n", failures));
        Assert.True(checkedCount >= set.Versioned.Count(s => s.Directives.Requires.Count == 0), "every ungated script was checked");
    }

    [Fact]
    public async Task Up_on_an_empty_database_applies_everything_the_edition_allows_and_a_second_up_applies_nothing()
    {
        await using var db = await ScratchDatabase.CreateAsync("all");
        var set = new FileSystemScriptProvider(TestServer.MigrationsDirectory).Load();
        var first = await db.Engine(TestServer.MigrationsDirectory).UpAsync();
        var info = await TestServer.InfoAsync();
        var gatedByLicense = set.Versioned.Where(s => s.Directives.Requires.Any(c => c.Key == Capability.TimescaleLicense)).Select(s => s.Name).ToList();
        if (info.IsCommunityEdition) Assert.Empty(first.Deferred);
        else Assert.Equal(gatedByLicense, first.Deferred.Select(d => d.Name).Where(n => gatedByLicense.Contains(n)));
        Assert.Equal(set.Versioned.Count + set.Repeatable.Count, first.Applied.Count + first.Deferred.Count);
        Assert.Empty((await db.Engine(TestServer.MigrationsDirectory).UpAsync()).Applied);
    }

    [Fact]
    public async Task The_output_of_script_run_through_psql_gives_the_same_schema_as_up()
    {
        var psql = FindPsql();
        Assert.SkipWhen(psql is null, "psql is not installed (apt-get install postgresql-client)");
        await using var viaUp = await ScratchDatabase.CreateAsync("viaup");
        await using var viaScript = await ScratchDatabase.CreateAsync("viascript");
        await viaUp.Engine(TestServer.MigrationsDirectory).UpAsync();

        var script = await CliRunner.RunAsync("script", "-c", viaScript.ConnectionString, "--migrations", TestServer.MigrationsDirectory);
        Assert.Equal(0, script.ExitCode);
        var file = Path.Combine(Path.GetTempPath(), $"schema-script-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(file, script.Stdout);
        try
        {
            var cs = new NpgsqlConnectionStringBuilder(viaScript.ConnectionString);
            var start = new System.Diagnostics.ProcessStartInfo(psql!, ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", cs.Host!, "-p", cs.Port.ToString(), "-U", cs.Username!, "-d", cs.Database!, "-f", file])
            { RedirectStandardError = true, RedirectStandardOutput = true };
            start.Environment["PGPASSWORD"] = cs.Password;
            using var process = System.Diagnostics.Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, await stderr);
        }
        finally
        {
            File.Delete(file);
        }
        var expected = await viaUp.DumpAsync(includeJournal: true);
        var actual = await viaScript.DumpAsync(includeJournal: true);
        Assert.True(expected == actual, DumpDiff.Describe(expected, actual));
        // and the runner agrees the psql-built database is up to date
        Assert.Empty((await viaScript.Engine(TestServer.MigrationsDirectory).UpAsync()).Applied);
    }

    private static string? FindPsql() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, "psql")).FirstOrDefault(File.Exists);
}
