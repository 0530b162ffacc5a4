using System.Diagnostics;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Docs;

/// <summary>
/// tools/mermaid-check.sh renders every Mermaid block with Mermaid's own renderer (mermaid-cli + chromium): the
/// committed docs/schema.md and the document of <see cref="DocsSample"/> (names and types Mermaid does not take
/// as they are) render; a broken diagram is rejected, so the check can fail. Renders take seconds each.
/// </summary>
public sealed class MermaidCheckTests(SampleDatabase sample)
    : IClassFixture<SampleDatabase>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("docs-mermaid-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Script => Path.Combine(TestServer.RepositoryRoot, "tools", "mermaid-check.sh");

    private static void SkipWithoutRenderer()
    {
        var chromium = Environment.GetEnvironmentVariable("PUPPETEER_EXECUTABLE_PATH") is { Length: > 0 } p
            ? p : "/usr/bin/chromium";
        var mmdc = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Any(d => d.Length > 0 && File.Exists(Path.Combine(d, "mmdc")));
        Assert.SkipUnless(mmdc,
            "mmdc is not on PATH (PUPPETEER_SKIP_DOWNLOAD=1 npm install -g @mermaid-js/mermaid-cli@12.2.0)");
        Assert.SkipUnless(File.Exists(chromium), $"no chromium at {chromium} (apt-get install chromium)");
    }

    private async Task<CliResult> CheckAsync(params string[] files)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Script);
        foreach (var f in files) start.ArgumentList.Add(f);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        TestContext.Current.TestOutputHelper?.WriteLine($"mermaid-check took {clock.Elapsed.TotalSeconds:F1} s");
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    [Fact]
    public async Task Every_generated_diagram_renders()
    {
        SkipWithoutRenderer();
        var sampleDoc = Path.Combine(_folder, "sample.md");
        await File.WriteAllTextAsync(sampleDoc, await DocsSample.GenerateAsync(sample.Db));
        var committed = Path.Combine(TestServer.RepositoryRoot, "docs", "schema.md");
        var expected = 0;
        foreach (var file in new[] { committed, sampleDoc })
            expected += (await File.ReadAllTextAsync(file)).Split('\n').Count(l => l == "```mermaid");
        Assert.True(expected >= 3, "the committed document and the sample have diagrams");

        var result = await CheckAsync(committed, sampleDoc);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains($"mermaid-check: {expected} block(s) render", result.Stdout);
    }

    [Fact]
    public async Task A_broken_diagram_is_rejected_with_its_file_and_line()
    {
        SkipWithoutRenderer();
        var broken = Path.Combine(_folder, "broken.md");
        // an attribute type with spaces: what MermaidErDiagram must never write
        await File.WriteAllTextAsync(broken,
            "# broken\n\n```mermaid\nerDiagram\n  orders {\n    timestamp with time zone placed_at\n  }\n```\n");

        var result = await CheckAsync(broken);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{broken}:3: the mermaid block does not render", result.Stderr);
        Assert.Contains("1 of 1 block(s) do not render", result.Stderr);
    }
}
