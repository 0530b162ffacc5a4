using Npgsql;
using NpgsqlTypes;

namespace Schema.Core.Market;

/// <summary>
/// rsi_14 and atr_14 of one symbol on every (or one) timeframe table. Each series is one rolling-window phase: the
/// rows with the same minute_index, N minutes apart, in time order (<see cref="WilderIndicators"/>). Values are
/// computed from the start of each series (Wilder smoothing is recursive) but only rows whose stored values differ
/// are staged, binary-COPYed into a temp table and written by <c>market.apply_indicator_updates</c> (striped, HOT
/// updates); the leaves written are analyzed. A rerun after a new day therefore writes only the new rows.
/// </summary>
public static class IndicatorBackfill
{
    private static readonly string[] Columns = ["rsi_14", "atr_14"];

    public static async Task<IReadOnlyList<IndicatorResult>> RunAsync(NpgsqlDataSource dataSource, string symbol, int? timeframe,
        TimeSpan maxWait, IProgress<IndicatorResult>? progress = null, CancellationToken ct = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var normalized = await OhlcvLoader.RegisteredSymbolAsync(connection, symbol, ct);
        var timeframes = new List<int>();
        await using (var cmd = new NpgsqlCommand("select minutes::integer from market.timeframes where $1::integer is null or minutes = $1 order by 1", connection))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)timeframe ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) timeframes.Add(reader.GetInt32(0));
        }
        if (timeframe is { } only && timeframes.Count == 0)
            throw new MarketDataException($"timeframe {only} is not registered in market.timeframes");

        var results = new List<IndicatorResult>();
        foreach (var minutes in timeframes)
        {
            var result = await RunTimeframeAsync(connection, normalized, minutes, maxWait, ct);
            results.Add(result);
            progress?.Report(result);
        }
        return results;
    }

    private sealed record StoredRow(DateTime Timestamp, double High, double Low, double Close, double? Rsi, double? Atr);

    private static async Task<IndicatorResult> RunTimeframeAsync(NpgsqlConnection connection, string symbol, int minutes,
        TimeSpan maxWait, CancellationToken ct)
    {
        var staged = new List<(DateTime Timestamp, double? Rsi, double? Atr)>();
        long rows = 0;
        await using (var cmd = new NpgsqlCommand(await QueryAsync(connection, "read_indicator_series", minutes, ct), connection))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = symbol });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            var series = new List<StoredRow>();
            short phase = -1;
            while (await reader.ReadAsync(ct))
            {
                rows++;
                var rowPhase = reader.GetInt16(1);
                if (rowPhase != phase)
                {
                    Compute(series, staged);
                    series.Clear();
                    phase = rowPhase;
                }
                series.Add(new StoredRow(reader.GetFieldValue<DateTime>(0), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4),
                    reader.IsDBNull(5) ? null : reader.GetDouble(5), reader.IsDBNull(6) ? null : reader.GetDouble(6)));
            }
            Compute(series, staged);
        }
        if (staged.Count == 0) return new IndicatorResult(minutes, rows, 0, 0);

        await using (var batch = new NpgsqlBatch(connection))
        {
            foreach (var statement in MarketSql.Statements("create_indicator_staging")) batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
            await batch.ExecuteNonQueryAsync(ct);
        }
        await using (var importer = await connection.BeginBinaryImportAsync(
            "copy indicator_staging (symbol, \"timestamp\", rsi_14, atr_14) from stdin (format binary)", ct))
        {
            foreach (var (timestamp, rsi, atr) in staged)
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(symbol, NpgsqlDbType.Varchar, ct);
                await importer.WriteAsync(timestamp, NpgsqlDbType.TimestampTz, ct);
                if (rsi is { } r) await importer.WriteAsync(r, NpgsqlDbType.Double, ct); else await importer.WriteNullAsync(ct);
                if (atr is { } a) await importer.WriteAsync(a, NpgsqlDbType.Double, ct); else await importer.WriteNullAsync(ct);
            }
            await importer.CompleteAsync(ct);
        }

        long updated;
        await using (var cmd = new NpgsqlCommand(
            "call market.apply_indicator_updates($1, 'pg_temp.indicator_staging'::regclass, $2, 8, $3, null)", connection))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = minutes, NpgsqlDbType = NpgsqlDbType.Integer });
            cmd.Parameters.Add(new NpgsqlParameter { Value = Columns, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            cmd.Parameters.Add(new NpgsqlParameter { Value = maxWait, NpgsqlDbType = NpgsqlDbType.Interval });
            updated = (long)(await cmd.ExecuteScalarAsync(ct))!;
        }

        // statistics for the planner after the bulk write: the leaves that received rows (quoted regclass names)
        var leaves = new List<string>();
        await using (var cmd = new NpgsqlCommand(await QueryAsync(connection, "touched_leaves", minutes, ct), connection))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) leaves.Add(reader.GetString(0));
        foreach (var leaf in leaves)
        {
            await using var analyze = new NpgsqlCommand("analyze " + leaf, connection);
            await analyze.ExecuteNonQueryAsync(ct);
        }
        return new IndicatorResult(minutes, rows, staged.Count, updated);
    }

    /// <summary>Computes one phase's series and stages the rows whose stored values differ from the computed ones.</summary>
    private static void Compute(List<StoredRow> series, List<(DateTime, double?, double?)> staged)
    {
        if (series.Count == 0) return;
        var close = series.Select(r => r.Close).ToArray();
        var rsi = WilderIndicators.Rsi(close);
        var atr = WilderIndicators.Atr(series.Select(r => r.High).ToArray(), series.Select(r => r.Low).ToArray(), close);
        for (var i = 0; i < series.Count; i++)
            if (!Nullable.Equals(series[i].Rsi, rsi[i]) || !Nullable.Equals(series[i].Atr, atr[i]))
                staged.Add((series[i].Timestamp, rsi[i], atr[i]));
    }

    /// <summary>Runs an embedded query that returns the SQL text for one timeframe (names quoted server-side).</summary>
    private static async Task<string> QueryAsync(NpgsqlConnection connection, string name, int minutes, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(MarketSql.Load(name), connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = minutes, NpgsqlDbType = NpgsqlDbType.Integer });
        return await cmd.ExecuteScalarAsync(ct) as string
               ?? throw new MarketDataException($"timeframe {minutes} is not registered in market.timeframes");
    }
}
