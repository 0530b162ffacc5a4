using System.Diagnostics;
using Npgsql;
using Schema.Benchmarks.Harness;

namespace Schema.Benchmarks.Measures;

/// <summary>
/// 6. Planning + execution of a one-symbol, one-month query on market.ohlcv_1m holding symbols × months leaves vs
/// the same rows in one table: the first query of a new session (relation cache cold) and warm (same session).
/// </summary>
public sealed class ManyLeavesQueryMeasure : IMeasure
{
    private const int WarmRepeats = 20;

    public int Number => 6;
    public string Title => "one-symbol one-month query, many leaves vs one leaf (first query of a session, and warm)";

    public async Task<MeasureResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var server = context.Server;
        var (symbols, months) = context.Pick((3, 12), (20, 156));
        var first = new DateOnly(context.Full ? 2010 : 2020, 1, 1);
        var db = await server.CloneMigratedAsync("leaves", context.MigrationsDirectory, ct);
        await using var dataSource = server.DataSource(db);
        await using (var c = await dataSource.OpenConnectionAsync(ct))
        {
            // a transaction per symbol: each creates `months` leaves (a few locks each), not symbols × months at once
            for (var s = 1; s <= symbols; s++)
                await Db.ExecAsync(c, BenchSql.Load("leaves_symbol"), ct, $"S{s:00}", first, first.AddMonths(months));
            await Db.ExecAsync(c, BenchSql.Load("leaves_data"), ct);
            await Db.ExecAsync(c, "vacuum (analyze) market.ohlcv_1m", ct);
            await Db.ExecAsync(c, "vacuum (analyze) public.bench_one_leaf", ct);
        }
        var (coldA, coldB, warmA, warmB) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());

        async Task SessionAsync(string query, List<double> cold, List<double> warm)
        {
            var sql = BenchSql.Load(query);
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            cold.Add(await TimeAsync(connection, sql, ct));
            var repeats = new List<double>();
            for (var i = 0; i < WarmRepeats; i++) repeats.Add(await TimeAsync(connection, sql, ct));
            warm.Add(Stats.Of(repeats).Median);
        }

        for (var i = 0; i < context.Pairs; i++)
        {
            await SessionAsync("leaves_query_partitioned", coldA, warmA);
            await SessionAsync("leaves_query_one_leaf", coldB, warmB);
            context.Progress($"  pair {i + 1}/{context.Pairs}: cold {coldA[^1]:0.0} | {coldB[^1]:0.0} ms, "
                             + $"warm {warmA[^1]:0.00} | {warmB[^1]:0.00} ms");
        }
        await server.DropDatabaseAsync(db, ct);
        var leaves = symbols * months;
        return new MeasureResult(Number, Title,
            $"`market.ohlcv_1m` with {symbols} symbols × {months} monthly leaves ({leaves:#,0} leaves) and one month "
            + "of one symbol (43,199 one-minute rows); B: the same rows in one unpartitioned table with the same "
            + "indexes. Query: count, sum, max over one symbol and one month (constants: the leaf is pruned at plan "
            + "time), wall time of the statement as the client sees it (planning + execution + round trip). Cold: the "
            + $"first statement of a new session (connection not timed). Warm: median of the next {WarmRepeats} in the "
            + "same session.",
            [
                Figure.AtMost("first query of a new session", $"{leaves:#,0} leaves", coldA, "one table", coldB, "ms", null),
                Figure.AtMost("warm query", $"{leaves:#,0} leaves", warmA, "one table", warmB, "ms", 1.5),
            ],
            [],
            "with constants, the planner prunes to one leaf but first builds the partition descriptors of the root "
            + "and the symbol's partition (all its month bounds) and opens the leaf's indexes. What would fix it: "
            + "fewer, larger leaves (quarterly or yearly for old data), or a prepared statement (a generic plan "
            + "reused across executions, pruning at run time).",
            TimeSpan.Zero);
    }

    private static async Task<double> TimeAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var rows = await Db.ScalarAsync(connection, sql, ct);
        var ms = watch.Elapsed.TotalMilliseconds;
        if (rows < 1) throw new BenchFailure("the one-month query found no rows");
        return ms;
    }
}
