using System.Text.Json;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Cli;

/// <summary>
/// The NativeAOT build (bench/publish-cli.sh --aot, what docs/benchmarks.md recommends to pipelines for its start-up)
/// is the same CLI: on the project's real migrations it leaves the dump and journal the in-process runner leaves, its
/// source-generated JSON and configuration binding work, and bad input still fails in one line with exit 2. Trimming
/// or AOT compilation can silently drop what reflection would have found; these tests are where that shows.
/// .ci/run builds it before the tests; elsewhere the tests skip and say how to build it.
/// </summary>
public sealed class NativeAotBuildTests
{
    private static readonly string Executable = Environment.GetEnvironmentVariable("SCHEMA_AOT_CLI")
        ?? Path.Combine(TestServer.RepositoryRoot, "artifacts", "bench-aot", "schema");

    private static void SkipWithoutBuild() =>
        Assert.SkipUnless(File.Exists(Executable),
            $"no NativeAOT build at {Executable}: run bench/publish-cli.sh --aot (needs clang and zlib1g-dev; .ci/run does)");

    private static Task<CliResult> RunAsync(params string[] args) =>
        CliProcess.RunExecutableAsync(Executable, args, TestServer.RepositoryRoot, new Dictionary<string, string>());

    [Fact]
    public async Task Up_and_status_from_the_native_build_match_the_in_process_runner()
    {
        SkipWithoutBuild();
        await using var byAot = await ScratchDatabase.CreateAsync("aot");
        await using var byRunner = await ScratchDatabase.CreateAsync("aot_ref");
        var migrations = TestServer.MigrationsDirectory;

        var up = await RunAsync("up", "--json", "-c", byAot.ConnectionString, "--migrations", migrations);
        Assert.True(up.ExitCode == 0, up.Stderr);
        var reference = await CliRunner.RunAsync("up", "-c", byRunner.ConnectionString, "--migrations", migrations);
        Assert.True(reference.ExitCode == 0, reference.Stderr);

        var aotDump = await byAot.DumpAsync(includeJournal: true);
        var runnerDump = await byRunner.DumpAsync(includeJournal: true);
        Assert.True(aotDump == runnerDump, "dumps differ:\n" + DumpDiff.Describe(runnerDump, aotDump));
        var journal = await byAot.JournalAsync();
        Assert.NotEmpty(journal);
        Assert.Equal(await byRunner.JournalAsync(), journal);

        // up --json: one document, a summary that counts what the journal holds
        using (var run = JsonDocument.Parse(up.Stdout))
        {
            var summary = run.RootElement.GetProperty("summary");
            Assert.Equal(journal.Count, summary.GetProperty("applied").GetInt32());
            Assert.Equal(0, summary.GetProperty("failed").GetInt32());
            Assert.Equal(0, summary.GetProperty("exitCode").GetInt32());
        }

        var status = await RunAsync("status", "--json", "-c", byAot.ConnectionString, "--migrations", migrations);
        Assert.True(status.ExitCode == 0, status.Stderr);
        using var doc = JsonDocument.Parse(status.Stdout);
        var states = doc.RootElement.GetProperty("scripts").EnumerateArray()
            .Select(s => s.GetProperty("state").GetString()).ToList();
        Assert.Equal(journal.Count, states.Count(s => s == "applied"));
        Assert.DoesNotContain("pending", states);

        var again = await RunAsync("up", "-c", byAot.ConnectionString, "--migrations", migrations);
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(journal, await byAot.JournalAsync());
    }

    [Theory]
    [InlineData("up", "--lock-timeout", "soon")]
    [InlineData("up", "--no-such-option")]
    [InlineData("up", "-c", "Host=127.0.0.1;Port=99999")]
    [InlineData("up", "-c", "Host=127.0.0.1;NoSuchKeyword=1")]
    public async Task Bad_input_to_the_native_build_fails_in_one_line_with_exit_2(params string[] args)
    {
        SkipWithoutBuild();
        var result = await RunAsync(args);
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.DoesNotContain("   at ", line);
        Assert.DoesNotMatch(@"\b(System|Npgsql)\.[A-Z]\w+(Exception|Error)\b", line);
        Assert.Empty(result.Stdout.Trim());
    }

    [Fact]
    public async Task Help_from_the_native_build_lists_the_commands()
    {
        SkipWithoutBuild();
        var result = await RunAsync("--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var command in new[] { "up", "down", "status", "script", "reset", "maintain", "lint", "docs" })
            Assert.Contains("  " + command, result.Stdout);
    }
}
