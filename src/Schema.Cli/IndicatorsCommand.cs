using System.CommandLine;
using Schema.Core.Configuration;
using Schema.Core.Market;

namespace Schema.Cli;

/// <summary><c>schema indicators --symbol ES [--timeframe 60]</c>: rsi_14 and atr_14 per rolling-window phase.</summary>
internal sealed partial class Commands
{
    private Command Indicators()
    {
        var symbol = new Option<string>("--symbol") { Description = "the symbol (registered in market.symbols)", Required = true };
        var timeframe = new Option<int?>("--timeframe") { Description = "one timeframe in minutes (default: every registered timeframe)" };
        var maxWait = new Option<double>("--max-wait")
        {
            Description = "seconds market.apply_indicator_updates waits per stripe for older transactions (HOT updates; default 10)",
            DefaultValueFactory = _ => 10,
        };
        var command = new Command("indicators",
            "Compute rsi_14 and atr_14 (TA-Lib definitions, Wilder smoothing) on every timeframe table, each series one "
            + "rolling-window phase (same minute_index); writes only rows whose values change, through staging + COPY + "
            + "market.apply_indicator_updates.") { symbol, timeframe, maxWait };
        command.SetAction(async (parse, ct) =>
        {
            var wait = parse.GetValue(maxWait);
            if (wait < 0 || double.IsNaN(wait)) throw new ConfigurationException("--max-wait must be zero or more seconds");
            await using var target = await ResolveAsync(Settings(parse), ct);
            await RunIndicatorsAsync(target, parse.GetValue(symbol)!, parse.GetValue(timeframe), TimeSpan.FromSeconds(wait), ct);
            return SchemaCli.Ok;
        });
        return command;
    }

    private async Task RunIndicatorsAsync(Target target, string symbol, int? timeframe, TimeSpan maxWait, CancellationToken ct)
    {
        var progress = new InlineProgress<IndicatorResult>(r => stdout.WriteLine(
            $"{symbol.ToUpperInvariant()} {r.Timeframe}m: {r.Rows} row(s) read, {r.Staged} changed, {r.Updated} updated"));
        await IndicatorBackfill.RunAsync(target.DataSource, symbol, timeframe, maxWait, progress, ct);
    }
}
