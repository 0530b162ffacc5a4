using System.Text.Json;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Lint;

/// <summary>One <c>schema lint --all --format json</c> run over <see cref="LintExamples.Violating"/> and one over
/// <see cref="LintExamples.Clean"/>, shared by the per-rule tests (each run replays five scripts on a throwaway
/// database).</summary>
public sealed class LintRunFixture : IAsyncLifetime
{
    public CliResult Violating { get; private set; } = null!;
    public CliResult Clean { get; private set; } = null!;
    public JsonElement ViolatingJson { get; private set; }
    public JsonElement CleanJson { get; private set; }

    public static async Task<CliResult> LintAsync(ScriptFolder folder, params string[] extra) =>
        await CliRunner.RunAsync(["lint", "-c", await TestServer.AdminConnectionStringAsync(), "--migrations", folder.Path, .. extra]);

    public async ValueTask InitializeAsync()
    {
        using (var violating = LintExamples.Violating())
            Violating = await LintAsync(violating, "--all", "--format", "json");
        using (var clean = LintExamples.Clean())
            Clean = await LintAsync(clean, "--all", "--format", "json");
        ViolatingJson = Parse(Violating);
        CleanJson = Parse(Clean);
    }

    private static JsonElement Parse(CliResult result)
    {
        try { return JsonDocument.Parse(result.Stdout).RootElement.Clone(); }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"not JSON (exit {result.ExitCode}): {e.Message}\n{result.Stdout}\n{result.Stderr}");
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    public static IEnumerable<(string Rule, string File, int Line)> Findings(JsonElement report) =>
        report.GetProperty("findings").EnumerateArray()
            .Select(f => (f.GetProperty("rule").GetString()!, f.GetProperty("file").GetString()!, f.GetProperty("line").GetInt32()));
}
