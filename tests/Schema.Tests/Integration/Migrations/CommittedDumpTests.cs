using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Migrations;

/// <summary>
/// GitLab's structure.sql idea: docs/schema-dump.txt is the dump of a freshly migrated database, committed so that a
/// pull request shows what a migration does to the schema. This test fails when a migration changes the schema and
/// the dump was not regenerated.
/// </summary>
public sealed class CommittedDumpTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task The_committed_structure_dump_matches_a_freshly_migrated_database()
    {
        Assert.SkipWhen(db.Server.IsCommunityEdition,
            "docs/schema-dump.txt is the Apache edition's dump (what Debian's TimescaleDB gives: gated scripts deferred); the Community edition adds compression, continuous aggregates and jobs");
        var committed = (await File.ReadAllTextAsync(Path.Combine(TestServer.RepositoryRoot, "docs", "schema-dump.txt"))).Replace("\r\n", "\n");
        var actual = await db.DumpAsync();
        Assert.True(committed == actual,
            "docs/schema-dump.txt is out of date; regenerate it with `dotnet run --project src/Schema.Cli -- reset --no-seed && dotnet run --project src/Schema.Cli -- dump -o docs/schema-dump.txt`:\n" +
            DumpDiff.Describe(committed, actual));
    }
}
