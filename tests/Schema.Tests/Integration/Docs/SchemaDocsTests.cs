using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Docs;

/// <summary>
/// <c>schema docs</c> on a freshly migrated database: deterministic, the committed docs/schema.md is current, and
/// <c>--check</c> passes on a current file and fails, naming the first differing line, on a stale one.
/// </summary>
public sealed class SchemaDocsTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("docs-test-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Docs_generated_twice_are_identical()
    {
        var first = await DocsSample.GenerateAsync(db);
        var second = await DocsSample.GenerateAsync(db);
        Assert.Equal(first, second);
        Assert.Contains("\n### market.symbols\n", first); // not trivially empty
        Assert.Contains("- TimescaleDB hypertable on `ts` (time, chunk interval 7 days).\n", first);
        Assert.Contains("```mermaid\nerDiagram\n", first);
        Assert.DoesNotContain("schemaversions", first); // the journal is the runner's, not the application's
    }

    [Fact]
    public async Task The_committed_docs_match_a_freshly_migrated_database()
    {
        Assert.SkipWhen(db.Server.IsCommunityEdition,
            "docs/schema.md is generated on the Apache edition (Debian's TimescaleDB: gated scripts deferred); "
            + "the Community edition adds compression settings and policies");
        var committed = Path.Combine(TestServer.RepositoryRoot, "docs", "schema.md");
        var result = await CliRunner.RunAsync("docs", "--check", "-o", committed, "-c", db.ConnectionString);
        Assert.True(result.ExitCode == 0,
            "docs/schema.md is out of date; regenerate it with `schema reset --no-seed && schema docs`: " + result.Stderr);
        Assert.Contains("is current", result.Stdout);
    }

    [Fact]
    public async Task Check_passes_on_a_file_just_written_and_fails_on_a_hand_edited_copy()
    {
        var file = Path.Combine(_folder, "schema.md");
        var written = await CliRunner.RunAsync("docs", "-o", file, "-c", db.ConnectionString);
        Assert.Equal(0, written.ExitCode);
        Assert.Equal(await DocsSample.GenerateAsync(db), await File.ReadAllTextAsync(file));

        var current = await CliRunner.RunAsync("docs", "--check", "-o", file, "-c", db.ConnectionString);
        Assert.Equal(0, current.ExitCode);

        var lines = (await File.ReadAllTextAsync(file)).Split('\n');
        var edited = Array.FindIndex(lines, l => l.StartsWith("| `symbol`", StringComparison.Ordinal));
        Assert.True(edited > 0);
        lines[edited] = lines[edited].Replace("| no |", "| yes |", StringComparison.Ordinal);
        await File.WriteAllTextAsync(file, string.Join('\n', lines));

        var stale = await CliRunner.RunAsync("docs", "--check", "-o", file, "-c", db.ConnectionString);
        Assert.Equal(1, stale.ExitCode);
        Assert.StartsWith($"error: {file} is stale (line {edited + 1}: the file has '", stale.Stderr);
        Assert.Single(stale.Stderr.TrimEnd('\n').Split('\n'));
        Assert.Equal(string.Join('\n', lines), await File.ReadAllTextAsync(file)); // --check writes nothing
    }

    [Fact]
    public async Task Check_fails_when_the_file_is_missing()
    {
        var result = await CliRunner.RunAsync("docs", "--check", "-o", Path.Combine(_folder, "none.md"),
                                              "-c", db.ConnectionString);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does not exist", result.Stderr);
    }
}
