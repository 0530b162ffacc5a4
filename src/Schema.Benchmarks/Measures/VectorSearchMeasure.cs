using System.Diagnostics;
using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using Schema.Benchmarks.Harness;

namespace Schema.Benchmarks.Measures;

/// <summary>
/// 7. Top-10 cosine search on trading.decisions: the migration's HNSW index vs an exact scan (recall@10, p50/p99),
/// a curve over hnsw.ef_search, and the source design's ivfflat built after loading.
/// </summary>
public sealed class VectorSearchMeasure : IMeasure
{
    private const int Dimensions = 768;
    private static readonly int[] EfSearch = [10, 20, 40, 80, 160, 320];

    public int Number => 7;
    public string Title => "vector search on `trading.decisions`: HNSW recall@10 and latency vs exact scan, ivfflat";

    public async Task<MeasureResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var server = context.Server;
        var (rows, queryCount) = context.Pick((5_000, 20), (100_000, 100));
        var db = await server.CloneMigratedAsync("vector", context.MigrationsDirectory, ct);
        await using var dataSource = server.DataSource(db);
        var data = new VectorData(Dimensions, clusters: 100, seed: 11);
        string hnswDefinition;
        double loadSeconds, hnswSeconds, ivfSeconds;
        await using (var c = await dataSource.OpenConnectionAsync(ct))
        {
            hnswDefinition = await TextAsync(c, BenchSql.Load("vector_index_definition"), ct);
            await Db.ExecAsync(c, BenchSql.Load("vector_drop_hnsw"), ct);
            var watch = Stopwatch.StartNew();
            await using (var importer = await c.BeginBinaryImportAsync(
                             "copy trading.decisions (symbol, action, strategy, reasoning, embedding) from stdin (format binary)", ct))
            {
                for (var i = 0; i < rows; i++)
                {
                    await importer.StartRowAsync(ct);
                    await importer.WriteAsync("ES", NpgsqlDbType.Text, ct);
                    await importer.WriteAsync("BUY", NpgsqlDbType.Text, ct); // an enum's binary form is its label
                    await importer.WriteAsync("bench", NpgsqlDbType.Text, ct);
                    await importer.WriteAsync("synthetic", NpgsqlDbType.Text, ct);
                    // binary COPY sends the field's bytes as they are: pgvector's own binary format
                    await importer.WriteAsync(VectorData.Binary(data.Next()), NpgsqlDbType.Bytea, ct);
                }
                await importer.CompleteAsync(ct);
            }
            loadSeconds = watch.Elapsed.TotalSeconds;
            await Db.ExecAsync(c, "vacuum (analyze) trading.decisions", ct);
        }
        var queries = Enumerable.Range(0, queryCount).Select(_ => VectorData.Text(data.Next())).ToArray();

        // ground truth: no vector index exists yet, so this is the exact scan
        await using var exact = await dataSource.OpenConnectionAsync(ct);
        await Db.ExecAsync(exact, "set enable_indexscan = off", ct);
        var truth = new List<HashSet<string>>();
        foreach (var q in queries) truth.Add((await SearchAsync(exact, q, ct)).Ids);

        await using (var c = await dataSource.OpenConnectionAsync(ct))
        {
            await Db.ExecAsync(c, "set maintenance_work_mem = '2GB'", ct);
            var watch = Stopwatch.StartNew();
            await Db.ExecAsync(c, hnswDefinition, ct);
            hnswSeconds = watch.Elapsed.TotalSeconds;
        }
        await using var hnsw = await dataSource.OpenConnectionAsync(ct);
        var (p50A, p99A, p50B, p99B) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        double recallDefault = 0;
        for (var i = 0; i < context.Pairs; i++)
        {
            var a = await PassAsync(hnsw, queries, truth, ct);
            var b = await PassAsync(exact, queries, truth, ct);
            p50A.Add(a.P50);
            p99A.Add(a.P99);
            p50B.Add(b.P50);
            p99B.Add(b.P99);
            recallDefault = a.Recall;
            if (b.Recall < 0.999) throw new BenchFailure($"the exact scan's recall was {b.Recall:P1}: the plan used an index");
            context.Progress($"  pair {i + 1}/{context.Pairs}: p50 hnsw {a.P50:0.0} ms | exact {b.P50:0.0} ms, recall {a.Recall:P1}");
        }

        var curve = new StringBuilder("| index | setting | recall@10 | p50 | p99 |\n|---|---|---|---|---|\n");
        foreach (var ef in EfSearch)
        {
            await Db.ExecAsync(hnsw, "select pg_catalog.set_config('hnsw.ef_search', $1, false)", ct,
                ef.ToString(CultureInfo.InvariantCulture));
            var pass = await PassAsync(hnsw, queries, truth, ct);
            curve.Append(CultureInfo.InvariantCulture, $"| HNSW m=16 ef_construction=64 | hnsw.ef_search = {ef} | {pass.Recall:P1} | {pass.P50:0.00} ms | {pass.P99:0.00} ms |\n");
        }
        await using (var c = await dataSource.OpenConnectionAsync(ct))
        {
            await Db.ExecAsync(c, BenchSql.Load("vector_drop_hnsw"), ct);
            await Db.ExecAsync(c, "set maintenance_work_mem = '2GB'", ct);
            var watch = Stopwatch.StartNew();
            await Db.ExecAsync(c, BenchSql.Load("vector_ivfflat"), ct);
            ivfSeconds = watch.Elapsed.TotalSeconds;
        }
        await using (var ivf = await dataSource.OpenConnectionAsync(ct))
            foreach (var probes in new[] { 1, 10 })
            {
                await Db.ExecAsync(ivf, "select pg_catalog.set_config('ivfflat.probes', $1, false)", ct,
                    probes.ToString(CultureInfo.InvariantCulture));
                var pass = await PassAsync(ivf, queries, truth, ct);
                curve.Append(CultureInfo.InvariantCulture, $"| ivfflat lists=100 (built after loading) | ivfflat.probes = {probes} | {pass.Recall:P1} | {pass.P50:0.00} ms | {pass.P99:0.00} ms |\n");
            }
        await server.DropDatabaseAsync(db, ct);

        return new MeasureResult(Number, Title,
            $"{rows:#,0} rows × {Dimensions} dimensions in `trading.decisions` (clustered synthetic embeddings: 100 "
            + $"centres plus Gaussian noise), loaded by binary COPY in {loadSeconds:0.0} s with the vector index dropped, "
            + $"then the migration's own index definition recreated (HNSW build {hnswSeconds:0.0} s, maintenance_work_mem "
            + $"2GB). {queryCount} query vectors from the same distribution, `order by embedding <=> $1 limit 10`, one "
            + "session per side. A: HNSW, hnsw.ef_search at its default 40. B: exact scan (enable_indexscan off: parallel "
            + "sequential scan + top-10 sort), which is also the ground truth for recall. p50/p99 over the queries of a "
            + "pass, median over the passes.",
            [
                Figure.AtMost("p50 latency", "HNSW", p50A, "exact scan", p50B, "ms", null),
                Figure.AtMost("p99 latency", "HNSW", p99A, "exact scan", p99B, "ms", null),
            ],
            [
                $"Recall@10 of HNSW at the default hnsw.ef_search = 40: **{recallDefault:P1}**.",
                $"Curve (one pass each; ivfflat built in {ivfSeconds:0.0} s after the load, lists = 100 as in the "
                + "source design):\n\n" + curve.ToString().TrimEnd(),
            ],
            null,
            TimeSpan.Zero);
    }

    private sealed record Pass(double Recall, double P50, double P99);

    private static async Task<Pass> PassAsync(NpgsqlConnection connection, string[] queries, List<HashSet<string>> truth,
        CancellationToken ct)
    {
        var (latencies, hits) = (new List<double>(), 0);
        for (var i = 0; i < queries.Length; i++)
        {
            var (ids, ms) = await SearchAsync(connection, queries[i], ct);
            latencies.Add(ms);
            hits += ids.Count(truth[i].Contains);
        }
        return new Pass(hits / (10.0 * queries.Length), Stats.Percentile(latencies, 50), Stats.Percentile(latencies, 99));
    }

    private static async Task<(HashSet<string> Ids, double Ms)> SearchAsync(NpgsqlConnection connection, string vector,
        CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await using var cmd = new NpgsqlCommand(BenchSql.Load("vector_search"), connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = vector });
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) ids.Add(reader.GetString(0));
        return (ids, watch.Elapsed.TotalMilliseconds);
    }

    private static async Task<string> TextAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        return (string)(await cmd.ExecuteScalarAsync(ct))!;
    }
}
