using System.Diagnostics;

namespace Schema.Benchmarks.Harness;

/// <summary>Runs a whole process (the CLI, psql) and times it from start to exit: what a deploy script pays.</summary>
public static class ProcessRunner
{
    /// <summary>Runs <paramref name="file"/>; returns its wall time in milliseconds and its stdout. A non-zero exit is a
    /// <see cref="BenchFailure"/> quoting the first line of stderr (never the environment: it carries passwords).</summary>
    public static async Task<(double Milliseconds, string Stdout)> RunAsync(string file, IEnumerable<string> args,
        IReadOnlyDictionary<string, string> env, string workingDirectory, CancellationToken ct)
    {
        var info = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in env) info.Environment[k] = v;
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new BenchFailure($"{Path.GetFileName(file)} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var elapsed = watch.Elapsed.TotalMilliseconds;
        var output = await stdout;
        var error = await stderr;
        if (process.ExitCode != 0)
        {
            var first = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .FirstOrDefault() ?? "(no message)";
            throw new BenchFailure($"{Path.GetFileName(file)} {string.Join(' ', info.ArgumentList.Take(1))} exited with "
                                   + $"{process.ExitCode}: {first}");
        }
        return (elapsed, output);
    }
}
