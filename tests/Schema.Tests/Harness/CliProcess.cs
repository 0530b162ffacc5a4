using System.Diagnostics;

namespace Schema.Tests.Harness;

/// <summary>
/// Runs the built <c>schema</c> executable as a child process, for what is process-wide and must not leak into other
/// tests: environment variables and the working directory (where appsettings.json is read).
/// </summary>
public static class CliProcess
{
    public static Task<CliResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment,
        params string[] args) =>
        RunExecutableAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "schema.dll"), .. args], workingDirectory,
            environment);

    /// <summary>Runs another build of the CLI (e.g. the NativeAOT executable) the same way.</summary>
    public static async Task<CliResult> RunExecutableAsync(string executable, IEnumerable<string> args,
        string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        // The child must see only the configuration the test gives it.
        foreach (var key in new[] { "ConnectionStrings__Schema", "SCHEMA_TEST_CONNECTION" }) start.Environment.Remove(key);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("Schema__", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        foreach (var (key, value) in environment) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
