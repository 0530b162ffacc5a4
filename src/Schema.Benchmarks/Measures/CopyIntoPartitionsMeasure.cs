using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;
using Schema.Benchmarks.Harness;
using Schema.Core.Market;

namespace Schema.Benchmarks.Measures;

/// <summary>
/// 4. Binary COPY of one-minute bars into the partitioned market.ohlcv_1m (list by symbol, range by month) vs an
/// unpartitioned table with the same indexes; rows/s. A third side, the plain table with the leaves' fillfactor 70,
/// separates the cost of tuple routing from the cost of the fillfactor.
/// </summary>
public sealed class CopyIntoPartitionsMeasure : IMeasure
{
    // fixed table names (no input): the COPY target of each side
    private const string Copy = "copy {0} (\"timestamp\", symbol, minute_index, open, high, low, close, volume, trade_count, "
                                + "vwap) from stdin (format binary)";

    public int Number => 4;
    public string Title => "binary COPY into partitioned `market.ohlcv_1m` vs an unpartitioned table with the same indexes";

    public async Task<MeasureResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var server = context.Server;
        var rows = context.Pick(20_000, 500_000);
        var bars = SyntheticBars.EveryMinute(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), rows);
        var db = await server.CloneMigratedAsync("copy", context.MigrationsDirectory, ct);
        await server.ExecAsync(db, BenchSql.Load("copy_setup"), ct);
        await using var dataSource = server.DataSource(db);
        var months = (bars[^1].Timestamp.Year - 2024) * 12 + bars[^1].Timestamp.Month;

        async Task<double> RowsPerSecondAsync(string table)
        {
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            await using (var truncate = new NpgsqlCommand($"truncate {table}", connection))
                await truncate.ExecuteNonQueryAsync(ct);
            var watch = Stopwatch.StartNew();
            await using (var importer = await connection.BeginBinaryImportAsync(string.Format(
                             System.Globalization.CultureInfo.InvariantCulture, Copy, table), ct))
            {
                foreach (var b in bars) await WriteAsync(importer, b, ct);
                await importer.CompleteAsync(ct);
            }
            return rows / watch.Elapsed.TotalSeconds;
        }

        // one untimed round: the first COPY of a process pays for JIT and cold caches, not for the table's layout
        foreach (var table in new[] { "market.ohlcv_1m", "public.bench_copy_plain", "public.bench_copy_plain_ff70" })
            await RowsPerSecondAsync(table);
        var ff70 = new List<double>();
        var (partitioned, plain) = await Interleaved.RunAsync(context, "partitioned | plain (rows/s)", context.Pairs,
            async _ => await RowsPerSecondAsync("market.ohlcv_1m"),
            async _ =>
            {
                var plainRate = await RowsPerSecondAsync("public.bench_copy_plain");
                ff70.Add(await RowsPerSecondAsync("public.bench_copy_plain_ff70"));
                return plainRate;
            });
        await server.DropDatabaseAsync(db, ct);
        return new MeasureResult(Number, Title,
            $"{rows:#,0} one-minute bars of one symbol ({months} monthly leaves), one binary COPY per side through "
            + "Npgsql (the loader's path), each side truncated first. A: `market.ohlcv_1m` (list partition by symbol, "
            + "range partition by month, fillfactor 70 on the leaves). B: `like market.ohlcv_1m including all` (the same "
            + "columns, primary key and lookup index, default fillfactor 100). C (third column of each round): B with "
            + "fillfactor 70.",
            [
                Figure.AtLeast("COPY rows/s, partitioned vs plain", "ohlcv_1m (partitioned)", partitioned,
                    "plain table", plain, "rows/s", 0.85),
                Figure.AtLeast("COPY rows/s, partitioned vs plain with fillfactor 70", "ohlcv_1m (partitioned)",
                    partitioned, "plain table, fillfactor 70", ff70, "rows/s", null),
            ],
            [],
            "not the fillfactor (the third column, the plain table with fillfactor 70, is as fast as the plain one) and "
            + "hardly the routing: the extra time goes with the number of leaves a load fills, not with the rows "
            + "routed (server-side COPYs of the same rows, one month through the parent vs straight into its leaf, "
            + "one year in one COPY vs twelve: docs/schema-market.md, \"COPY into the partitions\", with the commands "
            + "to repeat them). Where PostgreSQL spends it (heaps and btrees that start empty, relation extension per "
            + "relation, one COPY buffer per leaf) was not profiled. What would fix it: fewer, larger leaves (quarterly "
            + "leaves for the one-minute table would mean 4 per symbol-year instead of 12), which trades against "
            + "retention and pruning granularity, so the layout stays monthly; the project's own loader (OhlcvLoader) "
            + "writes one file's range per transaction (COPY into a temporary staging table, then `insert … on "
            + "conflict` through the parent), so a daily load fills one leaf, where the gap is smallest.",
            TimeSpan.Zero);
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter importer, MinuteBar b, CancellationToken ct)
    {
        await importer.StartRowAsync(ct);
        await importer.WriteAsync(b.Timestamp, NpgsqlDbType.TimestampTz, ct);
        await importer.WriteAsync("BENCH", NpgsqlDbType.Varchar, ct);
        await importer.WriteAsync((short)0, NpgsqlDbType.Smallint, ct);
        await importer.WriteAsync(b.Open, NpgsqlDbType.Double, ct);
        await importer.WriteAsync(b.High, NpgsqlDbType.Double, ct);
        await importer.WriteAsync(b.Low, NpgsqlDbType.Double, ct);
        await importer.WriteAsync(b.Close, NpgsqlDbType.Double, ct);
        await importer.WriteAsync(b.Volume, NpgsqlDbType.Double, ct);
        if (b.TradeCount is { } n) await importer.WriteAsync(n, NpgsqlDbType.Integer, ct); else await importer.WriteNullAsync(ct);
        if (b.Vwap is { } v) await importer.WriteAsync(v, NpgsqlDbType.Double, ct); else await importer.WriteNullAsync(ct);
    }
}
