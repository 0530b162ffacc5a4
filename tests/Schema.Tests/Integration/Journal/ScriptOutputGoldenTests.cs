using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Journal;

/// <summary>
/// <c>schema script</c> is what a DBA reviews and runs with psql: its text changing by accident (a journal insert, a
/// transaction wrapper, the order, a checksum) must fail a test. Golden/migrations is a fixed small folder;
/// Golden/script-expected.sql is the exact output against an empty database. Its checksums are those `sha256sum`
/// gives for the files, and it runs with `psql -v ON_ERROR_STOP=1 -f`. After a deliberate change, regenerate it with
/// <c>schema script -c "…empty database…" --migrations tests/Schema.Tests/Integration/Journal/Golden/migrations
/// --var team=quant --lock-timeout 5 -o tests/Schema.Tests/Integration/Journal/Golden/script-expected.sql</c>.
/// </summary>
public sealed class ScriptOutputGoldenTests
{
    private static string Golden(string name) =>
        Path.Combine(TestServer.RepositoryRoot, "tests", "Schema.Tests", "Integration", "Journal", "Golden", name);

    [Fact]
    public async Task Schema_script_against_an_empty_database_prints_exactly_the_golden_file()
    {
        await using var db = await ScratchDatabase.CreateAsync("golden");
        var result = await CliRunner.RunAsync("script", "-c", db.ConnectionString, "--migrations", Golden("migrations"),
            "--var", "team=quant", "--lock-timeout", "5");
        Assert.Equal("", result.Stderr);
        Assert.Equal(0, result.ExitCode);
        var expected = await File.ReadAllTextAsync(Golden("script-expected.sql"));
        Assert.True(expected == result.Stdout, "`schema script` output differs from Golden/script-expected.sql:\n" + DumpDiff.Describe(expected, result.Stdout));
    }
}
