using System.Diagnostics;
using Schema.Benchmarks.Harness;
using Schema.Core.Market;

namespace Schema.Benchmarks.Measures;

/// <summary>
/// 9. The load path for a year of one symbol: <see cref="OhlcvLoader"/> (binary COPY, session gaps, every rolling
/// window of every timeframe by market.refresh_windows) and then <see cref="IndicatorBackfill"/> (rsi_14, atr_14 on
/// every timeframe): rows/s of each, alternating on fresh clones.
/// </summary>
public sealed class RollingWindowsMeasure : IMeasure
{
    public int Number => 9;
    public string Title => "rolling-window computation and indicators: rows/s for a year of one symbol";

    public async Task<MeasureResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var server = context.Server;
        var bars = SyntheticBars.TradingYear(2024, context.Pick(5, 366));
        var baseDb = await server.CloneMigratedAsync("windowsbase", context.MigrationsDirectory, ct);
        await using (var dataSource = server.DataSource(baseDb))
        await using (var c = await dataSource.OpenConnectionAsync(ct))
        {
            await Db.ExecAsync(c, BenchSql.Load("symbols_register"), ct, 1);
            await Db.ExecAsync(c, BenchSql.Load("windows_setup"), ct);
        }
        await server.SealAsync(baseDb, ct);

        var (windowRows, indicatorRows, updated) = (0L, 0L, 0L);
        var (windows, indicators) = (new List<double>(), new List<double>());
        for (var i = 0; i < context.Pairs; i++)
        {
            var db = await server.CreateDatabaseAsync("windows", baseDb, ct);
            await using (var dataSource = server.DataSource(db))
            {
                var watch = Stopwatch.StartNew();
                var load = await OhlcvLoader.LoadAsync(dataSource, "S01", bars, null, ct);
                windows.Add(load.WindowRows / watch.Elapsed.TotalSeconds);
                windowRows = load.WindowRows;
                watch.Restart();
                var results = await IndicatorBackfill.RunAsync(dataSource, "S01", null, TimeSpan.FromSeconds(10), null, ct);
                indicatorRows = results.Sum(r => r.Rows);
                updated = results.Sum(r => r.Updated);
                indicators.Add(indicatorRows / watch.Elapsed.TotalSeconds);
            }
            await server.DropDatabaseAsync(db, ct);
            context.Progress($"  run {i + 1}/{context.Pairs}: windows {windows[^1]:0} rows/s, indicators {indicators[^1]:0} rows/s");
        }
        await server.DropDatabaseAsync(baseDb, ct);
        var (w, ind) = (Stats.Of(windows), Stats.Of(indicators));
        return new MeasureResult(Number, Title,
            $"{bars.Count:#,0} one-minute bars of one symbol ({bars.Count / 1380} weekdays of 2024, 23 hours a day), "
            + "each run on a fresh clone with the leaves already there. A: `OhlcvLoader.LoadAsync` (what `schema load "
            + "ohlcv` runs: binary COPY into staging, replace the one-minute rows, `market.refresh_session_gaps`, "
            + $"`market.refresh_windows` for every timeframe, analyze): {windowRows:#,0} window rows written, rate = "
            + "window rows / whole load time. B, right after on the same database: `IndicatorBackfill.RunAsync` (what "
            + $"`schema indicators` runs: read every timeframe, Wilder RSI/ATR per window phase, stage, COPY, "
            + $"`market.apply_indicator_updates`): {indicatorRows:#,0} rows read, {updated:#,0} updated, rate = rows "
            + "read / time. The two are steps of one pipeline, not alternatives: no ratio.",
            [
                new Figure("rows/s: windows (load) | indicators", "load + windows", w, "indicators", ind, "rows/s",
                    double.NaN, "—", null),
            ],
            [],
            null,
            TimeSpan.Zero);
    }
}
