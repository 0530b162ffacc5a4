using System.Diagnostics;
using System.Globalization;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Reliability;

/// <summary>What the reliability tests share: the CLI as a child process, a printed seed, waiting for a dead run to end.</summary>
internal static class ReliabilitySupport
{
    /// <summary>
    /// A seeded random source: SCHEMA_RELIABILITY_SEED replays a run; otherwise a fresh seed, printed to the test output
    /// so that a failure can be reproduced.
    /// </summary>
    public static (Random Random, int Seed) SeededRandom()
    {
        var configured = Environment.GetEnvironmentVariable("SCHEMA_RELIABILITY_SEED");
        var seed = int.TryParse(configured, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
            ? s
            : Random.Shared.Next();
        TestContext.Current.TestOutputHelper?.WriteLine($"seed {seed} (replay with SCHEMA_RELIABILITY_SEED={seed})");
        return (new Random(seed), seed);
    }

    /// <summary>The built CLI (schema.dll, copied next to the tests) as a child process; its output collected.</summary>
    public static CliChild StartCli(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "schema.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        foreach (var key in new[] { "ConnectionStrings__Schema", "SCHEMA_TEST_CONNECTION" }) start.Environment.Remove(key);
        return new CliChild(Process.Start(start)!);
    }

    /// <summary>
    /// SIGKILL (Process.Kill on Unix): no handler runs, no cleanup, the socket just closes. False when the process had
    /// already ended by itself (on a loaded machine the run can finish between seeing the kill point and the kill).
    /// </summary>
    public static async Task<bool> KillNineAsync(CliChild child)
    {
        var process = child.Process;
        process.Kill(entireProcessTree: false);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(process.ExitCode is 137 or 0, $"exit {process.ExitCode}: {child.Stderr}");
        return process.ExitCode == 137;
    }

    /// <summary>
    /// The killed run's backend is gone: nobody holds the runner lock of <paramref name="database"/> any more. A backend
    /// notices its client died only when it next reads from the socket (after the current statement), then rolls back.
    /// </summary>
    public static Task UntilRunnerLockIsFreeAsync(string database) =>
        Execution.ExecutionSupport.UntilAsync(async () => await Execution.ExecutionSupport.RunnerLockHoldersAsync(database) == 0
                                                          && await Execution.ExecutionSupport.RunnerLockHoldersAsync(database, granted: false) == 0,
            "the killed run's session is gone");

    /// <summary>
    /// Waits until <paramref name="condition"/> holds; fails at once (with its stderr) when the child ends first.
    /// </summary>
    public static Task UntilWhileRunningAsync(CliChild child, Func<Task<bool>> condition, string what) =>
        Execution.ExecutionSupport.UntilAsync(async () =>
        {
            if (await condition()) return true;
            if (child.Process.HasExited)
                Assert.Fail($"the run ended (exit {child.Process.ExitCode}) before {what}: {child.Stderr}");
            return false;
        }, what);

    public static string Invariant(FormattableString text) => FormattableString.Invariant(text);
}
