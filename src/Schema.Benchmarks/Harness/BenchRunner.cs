using System.Diagnostics;
using Npgsql;
using Schema.Benchmarks.Measures;

namespace Schema.Benchmarks.Harness;

/// <summary>Parses the options, connects, runs the selected measures in order and writes the report.</summary>
public static class BenchRunner
{
    private const int Ok = 0, Failed = 1, Usage = 2;

    private static IMeasure[] Measures() =>
    [
        new FullUpMeasure(), new NoOpStartupMeasure(), new ResetMeasure(), new CopyIntoPartitionsMeasure(),
        new IndicatorBackfillMeasure(), new ManyLeavesQueryMeasure(), new VectorSearchMeasure(),
        new MaintainVsPartmanMeasure(), new RollingWindowsMeasure(),
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true; // stop at the next await, then drop the databases created so far
            cancel.Cancel();
        };
        BenchOptions options;
        string root, cli;
        try
        {
            options = BenchOptions.Parse(args);
            if (options.Help)
            {
                await stdout.WriteAsync(BenchOptions.HelpText);
                return Ok;
            }
            root = Schema.Core.Configuration.RepositoryRoot.Find(Environment.CurrentDirectory)
                   ?? throw new UsageException("run inside the repository (Schema.sln not found above the current folder)");
            cli = Path.GetFullPath(options.Cli ?? Path.Combine(root, "artifacts", "bench-cli", "schema"), root);
            var needsProcesses = options.Only.Overlaps([1, 2, 3]);
            if (needsProcesses && !File.Exists(cli))
                throw new UsageException($"no schema CLI at {cli}: build it with bench/publish-cli.sh or pass --cli PATH");
            if (needsProcesses && !OnPath("psql"))
                throw new UsageException("psql is not on PATH (measures 1-3 compare with it): install postgresql-client");
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync("error: " + e.Message);
            return Usage;
        }

        BenchServer server;
        try
        {
            server = await BenchServer.ConnectAsync(options.Prefix, cancel.Token);
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync("error: " + e.Message);
            return Usage;
        }
        catch (OperationCanceledException)
        {
            await stderr.WriteLineAsync("error: interrupted");
            return Failed;
        }

        await using (server)
        {
            var started = DateTime.UtcNow;
            var total = Stopwatch.StartNew();
            var machine = await MachineInfo.ReadAsync(server, cancel.Token);
            var context = new BenchContext(options, server, root, cli, stderr);
            var results = new List<MeasureResult>();
            foreach (var measure in Measures().Where(m => options.Only.Contains(m.Number)))
            {
                context.Progress($"measure {measure.Number}: {measure.Title}");
                var watch = Stopwatch.StartNew();
                MeasureResult result;
                try
                {
                    result = await measure.RunAsync(context, cancel.Token) with { Took = watch.Elapsed };
                }
                catch (OperationCanceledException) when (cancel.IsCancellationRequested)
                {
                    await stderr.WriteLineAsync("error: interrupted; dropping the benchmark databases");
                    return Failed;
                }
                catch (Exception e) when (e is BenchFailure or NpgsqlException or IOException
                                              or System.ComponentModel.Win32Exception or InvalidOperationException)
                {
                    var message = Schema.Core.Configuration.ConnectionInfo.Mask(e.Message.Split('\n')[0].Trim(),
                        server.AdminConnectionString);
                    await stderr.WriteLineAsync($"error: measure {measure.Number} ({measure.Title}): {message}");
                    result = new MeasureResult(measure.Number, measure.Title, "", [], [], null, watch.Elapsed, message);
                }
                results.Add(result);
                foreach (var f in result.Figures)
                    await stdout.WriteLineAsync($"{measure.Number}. {f.What}: {ReportWriter.Value(f.A.Median, f.Unit)} vs "
                                                + $"{ReportWriter.Value(f.B.Median, f.Unit)}"
                                                + (double.IsNaN(f.Ratio) ? " " : $" = {f.Ratio:0.00}x ")
                                                + (f.Met switch { true => "(met)", false => "(missed)", null => "" }));
            }
            var output = Path.GetFullPath(options.Output, root);
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            await File.WriteAllTextAsync(output,
                ReportWriter.Render(options, machine, results, started, total.Elapsed), CancellationToken.None);
            await stdout.WriteLineAsync($"report: {output}");
            return results.Any(r => r.Error is not null) ? Failed : Ok;
        }
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Any(dir => File.Exists(Path.Combine(dir, program)));
}
