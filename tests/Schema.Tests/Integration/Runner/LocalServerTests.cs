using System.Diagnostics;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Runner;

/// <summary>The zero-config local server: `ensure` on a running server returns at once and reports the same endpoint.</summary>
public sealed class LocalServerTests
{
    [Fact]
    public async Task Ensure_on_a_running_server_is_quick_to_return_and_reports_its_endpoint()
    {
        Assert.SkipUnless(TestServer.UsesLocalServer, "the tests use a configured server, not the zero-config local one");
        var endpoint = await Schema.Core.LocalServer.LocalServer.EnsureAsync();
        var script = Path.Combine(TestServer.RepositoryRoot, "src", "Schema.Core", "LocalServer", "local-server.sh");
        // A second provider process (another test run, a developer's `schema up`) must not block on the first one's
        // lock: the server it started must not have inherited that lock.
        using var process = Process.Start(new ProcessStartInfo("bash", [script, "ensure"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try { await process.WaitForExitAsync(cts.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); Assert.Fail("local-server.sh ensure did not return within 60 s (is the lock held by the server?)"); }
        Assert.True(process.ExitCode == 0, await stderr);
        Assert.Contains($"port={endpoint.Port}", await stdout);
    }
}
