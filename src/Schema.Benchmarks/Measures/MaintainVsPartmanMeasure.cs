using System.Diagnostics;
using Schema.Benchmarks.Harness;

namespace Schema.Benchmarks.Measures;

/// <summary>
/// 8. <c>market.maintain</c> (what <c>schema maintain</c> calls) creating symbols × months × 5 timeframes of monthly
/// leaves vs pg_partman's run_maintenance_proc creating monthly leaves under the same symbol partitions.
/// </summary>
public sealed class MaintainVsPartmanMeasure : IMeasure
{
    public int Number => 8;
    public string Title => "`maintain` creating symbols × months × timeframes of partitions vs pg_partman's `run_maintenance`";

    private sealed record Run(double Seconds, double Leaves)
    {
        public double MsPerThousand => Seconds * 1000 / Leaves * 1000;
    }

    public async Task<MeasureResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var server = context.Server;
        var (symbols, months) = context.Pick((2, 12), (20, 156));
        var baseDb = await server.CloneMigratedAsync("partbase", context.MigrationsDirectory, ct);
        double timeframes;
        await using (var dataSource = server.DataSource(baseDb))
        await using (var c = await dataSource.OpenConnectionAsync(ct))
        {
            await Db.ExecAsync(c, BenchSql.Load("partman_install"), ct);
            await Db.ExecAsync(c, BenchSql.Load("symbols_register"), ct, symbols);
            timeframes = await Db.ScalarAsync(c, "select count(*) from market.timeframes", ct);
        }
        await server.SealAsync(baseDb, ct);

        async Task<Run> MaintainAsync()
        {
            var db = await server.CreateDatabaseAsync("maintain", baseDb, ct);
            await using var dataSource = server.DataSource(db);
            await using var c = await dataSource.OpenConnectionAsync(ct);
            await Db.ExecAsync(c, BenchSql.Load("maintain_prepare"), ct, months - 3);
            var before = await Db.ScalarAsync(c, BenchSql.Load("month_leaves"), ct);
            var watch = Stopwatch.StartNew();
            await Db.ExecAsync(c, BenchSql.Load("maintain_run"), ct);
            var run = new Run(watch.Elapsed.TotalSeconds, await Db.ScalarAsync(c, BenchSql.Load("month_leaves"), ct) - before);
            await c.CloseAsync();
            await server.DropDatabaseAsync(db, ct);
            return run;
        }

        async Task<Run> PartmanAsync()
        {
            var db = await server.CreateDatabaseAsync("partman", baseDb, ct);
            await using var dataSource = server.DataSource(db);
            await using var c = await dataSource.OpenConnectionAsync(ct);
            await Db.ExecAsync(c, BenchSql.Load("partman_prepare"), ct);
            await Db.ExecAsync(c, BenchSql.Load("partman_premake"), ct, months - 1);
            var before = await Db.ScalarAsync(c, BenchSql.Load("month_leaves"), ct);
            var watch = Stopwatch.StartNew();
            await Db.ExecAsync(c, BenchSql.Load("partman_run"), ct);
            var run = new Run(watch.Elapsed.TotalSeconds, await Db.ScalarAsync(c, BenchSql.Load("month_leaves"), ct) - before);
            await c.CloseAsync();
            await server.DropDatabaseAsync(db, ct);
            return run;
        }

        var (maintain, partman) = (new List<Run>(), new List<Run>());
        await Interleaved.RunAsync(context, "maintain | partman (s)", context.Pairs,
            async _ => { maintain.Add(await MaintainAsync()); return maintain[^1].Seconds; },
            async _ => { partman.Add(await PartmanAsync()); return partman[^1].Seconds; });
        await server.DropDatabaseAsync(baseDb, ct);
        var (leavesA, leavesB) = (maintain[0].Leaves, partman[0].Leaves);
        if (leavesA < 1 || leavesB < 1) throw new BenchFailure($"nothing was created (maintain {leavesA}, pg_partman {leavesB})");
        return new MeasureResult(Number, Title,
            $"{symbols} symbols × {timeframes:0} timeframes, each run on a fresh clone. A: `call market.maintain(p_months_ahead "
            + $"=> 2)` with every symbol's first_available_date {months - 3} months back: it creates the "
            + $"{symbols * timeframes:0} symbol partitions and {months} monthly leaves under each ({leavesA:#,0} leaves "
            + "measured), each leaf with fillfactor 70 and its autovacuum settings, a commit after each. B: the same "
            + "symbol partitions created beforehand and handed to pg_partman (`create_parent`, monthly, premake 1, no "
            + $"default partition: it creates 2 leaves each, untimed), then premake set to {months - 1} and "
            + $"`call partman.run_maintenance_proc()` timed ({leavesB:#,0} leaves measured).",
            [
                Figure.AtMost("time per 1,000 leaves", "maintain", maintain.Select(r => r.MsPerThousand).ToList(),
                    "pg_partman", partman.Select(r => r.MsPerThousand).ToList(), "ms", null),
                Figure.AtMost("whole run", "maintain", maintain.Select(r => r.Seconds).ToList(),
                    "pg_partman", partman.Select(r => r.Seconds).ToList(), "s", null),
            ],
            [WhyMaintainCostsMore],
            null,
            TimeSpan.Zero);
    }

    private const string WhyMaintainCostsMore =
        "Why maintain takes longer per leaf: both create each leaf as a table of its own and attach it (SHARE UPDATE "
        + "EXCLUSIVE on the parent, so writers keep going), but `market.maintain` commits after every leaf (a WAL "
        + "flush each, and never more than about 8 locks held: see 0115 and 0117), runs each leaf in a subtransaction "
        + "that retries on lock_timeout, and takes the timeframe's advisory lock that serialises it with loaders; "
        + "`run_maintenance_proc` commits once per partition set, holding that set's locks (here up to "
        + "156 leaves × their indexes) until then. What would change it: committing every N leaves instead of every "
        + "leaf trades the lock bound for fewer flushes; the daily job creates a few leaves, where this does not show.";
}
