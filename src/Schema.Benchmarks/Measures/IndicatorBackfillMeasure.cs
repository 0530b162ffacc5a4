using System.Diagnostics;
using Schema.Benchmarks.Harness;

namespace Schema.Benchmarks.Measures;

/// <summary>
/// 5. Indicator backfill on market.ohlcv_60m: HOT share and table growth of the project's striped procedure
/// (market.apply_indicator_updates) vs the source design's single <c>update … from staging</c>. Every run starts
/// from a clone of the same loaded database.
/// </summary>
public sealed class IndicatorBackfillMeasure : IMeasure
{
    public int Number => 5;
    public string Title => "indicator backfill: HOT ratio and table growth, project procedure vs single `update … from staging`";

    private sealed record Run(double Seconds, double HotPercent, double GrowthPercent, double Updated);

    public async Task<MeasureResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var server = context.Server;
        var rows = context.Pick(10_000, 120_000);
        var baseDb = await server.CloneMigratedAsync("backfillbase", context.MigrationsDirectory, ct);
        await using (var dataSource = server.DataSource(baseDb))
        await using (var c = await dataSource.OpenConnectionAsync(ct))
        {
            await Db.ExecAsync(c, BenchSql.Load("backfill_setup"), ct);
            await Db.ExecAsync(c, BenchSql.Load("backfill_load"), ct, rows);
            await Db.ExecAsync(c, "vacuum (analyze) market.ohlcv_60m", ct);
            await Db.ExecAsync(c, BenchSql.Load("backfill_staging"), ct);
        }
        await server.SealAsync(baseDb, ct);

        async Task<Run> RunAsync(string statement)
        {
            var db = await server.CreateDatabaseAsync("backfill", baseDb, ct);
            await using var dataSource = server.DataSource(db);
            Run run;
            await using (var c = await dataSource.OpenConnectionAsync(ct))
            {
                var before = await Db.ScalarAsync(c, BenchSql.Load("backfill_size"), ct);
                var watch = Stopwatch.StartNew();
                await Db.ExecAsync(c, BenchSql.Load(statement), ct);
                var seconds = watch.Elapsed.TotalSeconds;
                await Db.ExecAsync(c, "select pg_catalog.pg_stat_force_next_flush()", ct);
                var after = await Db.ScalarAsync(c, BenchSql.Load("backfill_size"), ct);
                run = new Run(seconds, 0, (after / before - 1) * 100, 0);
            }
            await using (var fresh = await dataSource.OpenConnectionAsync(ct))
            {
                var hot = await Db.RowAsync(fresh, BenchSql.Load("backfill_hot"), ct);
                run = run with { HotPercent = hot[0] * 100, Updated = hot[1] };
            }
            if (run.Updated < rows) throw new BenchFailure($"{statement} updated {run.Updated} of {rows} rows");
            await server.DropDatabaseAsync(db, ct);
            return run;
        }

        var (procedure, single) = (new List<Run>(), new List<Run>());
        await Interleaved.RunAsync(context, "procedure | single update (s)", context.Pairs,
            async _ => { procedure.Add(await RunAsync("backfill_procedure")); return procedure[^1].Seconds; },
            async _ => { single.Add(await RunAsync("backfill_single_update")); return single[^1].Seconds; });
        await server.DropDatabaseAsync(baseDb, ct);
        return new MeasureResult(Number, Title,
            $"{rows:#,0} rows of `market.ohlcv_60m` (one symbol, 2024 leaves, fillfactor 70, vacuumed), three indicator "
            + "columns (rsi_14, atr_14, cvd) set from a staging table with one row per market row. Each run on a fresh "
            + "clone of the same database; HOT share from pg_stat_user_tables over the leaves, growth = heap size after / "
            + "before − 1. A: `call market.apply_indicator_updates(60, 'public.bench_staging', …)` (8 stripes, a "
            + "commit and a wait for older snapshots between stripes). B: one `update market.ohlcv_60m … from staging`.",
            [
                Figure.Absolute("HOT updates", "procedure", procedure.Select(r => r.HotPercent).ToList(), "single update",
                    single.Select(r => r.HotPercent).ToList(), "%", "A ≥ 99 %", v => v >= 99),
                Figure.Absolute("table growth", "procedure", procedure.Select(r => r.GrowthPercent).ToList(), "single update",
                    single.Select(r => r.GrowthPercent).ToList(), "%", "A < 5 %", v => v < 5),
                Figure.AtMost("backfill time", "procedure", procedure.Select(r => r.Seconds).ToList(), "single update",
                    single.Select(r => r.Seconds).ToList(), "s", null),
            ],
            [],
            "a stripe of updates can only be HOT when the page has room and no older snapshot still needs the old row "
            + "versions (pruning): see migration 0113. What would fix it: more stripes (smaller batches), a lower "
            + "fillfactor on leaves that receive backfills.",
            TimeSpan.Zero);
    }
}
