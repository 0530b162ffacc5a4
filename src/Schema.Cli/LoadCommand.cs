using System.CommandLine;
using Schema.Core.Configuration;
using Schema.Core.Market;
using Spectre.Console;

namespace Schema.Cli;

/// <summary><c>schema load ohlcv --symbol ES --file bars.csv</c>: one-minute bars through the bulk path.</summary>
internal sealed partial class Commands
{
    private Command Load()
    {
        var symbol = new Option<string>("--symbol") { Description = "the symbol the bars belong to (registered in market.symbols)", Required = true };
        var file = new Option<string>("--file") { Description = "CSV: timestamp,open,high,low,close,volume[,trade_count[,vwap]] (optional header line)", Required = true };
        var ohlcv = new Command("ohlcv",
            "Load one-minute bars: validate the whole file (a bad row loads nothing and names its line), create missing partitions, "
            + "COPY, then recompute session gaps and the rolling windows the new minutes touch.") { symbol, file };
        ohlcv.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (Directory.Exists(path)) throw new ConfigurationException($"{path} is a folder, not a CSV file");
            if (!File.Exists(path)) throw new ConfigurationException($"file not found: {path}");
            List<MinuteBar> bars;
            using (var reader = new StreamReader(path)) bars = OhlcvCsvParser.Parse(reader, Path.GetFileName(path));
            await using var target = await ResolveAsync(Settings(parse), ct);
            var result = await LoadWithProgressAsync(target, parse.GetValue(symbol)!, bars, ct);
            await stdout.WriteLineAsync(
                $"loaded {result.Bars} bar(s) of {result.Symbol} ({result.First:yyyy-MM-dd HH:mm}Z .. {result.Last:yyyy-MM-dd HH:mm}Z): "
                + $"{result.PartitionsCreated} partition(s) created, {result.WindowRows} rolling-window row(s) written");
            return SchemaCli.Ok;
        });
        return new Command("load", "Load market data.") { ohlcv };
    }

    /// <summary>A progress bar on a terminal, plain progress lines otherwise (pipelines, logs, tests).</summary>
    private async Task<LoadResult> LoadWithProgressAsync(Target target, string symbol, IReadOnlyList<MinuteBar> bars, CancellationToken ct)
    {
        if (IsTerminal)
            return await AnsiConsole.Progress().StartAsync(async context =>
            {
                var task = context.AddTask($"copying {bars.Count} bar(s)", maxValue: bars.Count);
                var result = await OhlcvLoader.LoadAsync(target.DataSource, symbol, bars, new InlineProgress<int>(n => task.Value = n), ct);
                task.StopTask();
                return result;
            });
        return await OhlcvLoader.LoadAsync(target.DataSource, symbol, bars,
            new InlineProgress<int>(n => stdout.WriteLine($"copied {n} of {bars.Count} bar(s)")), ct);
    }

    /// <summary>Output goes to the real console and that console is a terminal.</summary>
    private bool IsTerminal => ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
}
