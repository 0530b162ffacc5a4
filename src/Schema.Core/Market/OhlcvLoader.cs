using Npgsql;
using NpgsqlTypes;

namespace Schema.Core.Market;

/// <summary>
/// Loads validated one-minute bars of one symbol: creates the missing partitions of every timeframe first
/// (<c>market.ensure_partitions_all</c>, its own short transaction), then in ONE transaction binary-COPYs the bars
/// into a staging table, replaces the symbol's one-minute rows in the bars' time range, and recomputes the session
/// gaps and the rolling windows that contain a loaded minute (<c>market.refresh_session_gaps</c>,
/// <c>market.refresh_windows</c>, which also analyzes the touched leaves). A failure leaves no bar behind.
/// </summary>
public static class OhlcvLoader
{
    private const int ProgressEvery = 50_000;

    public static async Task<LoadResult> LoadAsync(NpgsqlDataSource dataSource, string symbol, IReadOnlyList<MinuteBar> bars,
        IProgress<int>? progress = null, CancellationToken ct = default)
    {
        if (bars.Count == 0) throw new MarketDataException("no bars to load");
        for (var i = 1; i < bars.Count; i++)
            if (bars[i].Timestamp <= bars[i - 1].Timestamp)
                throw new MarketDataException($"bar {i + 1} ({bars[i].Timestamp:yyyy-MM-dd HH:mm}Z) is not after the bar before it");
        var first = bars[0].Timestamp;
        var last = bars[^1].Timestamp;

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var normalized = await RegisteredSymbolAsync(connection, symbol, ct);

        // partitions for every timeframe: the windows of the last bar reach (largest timeframe - 1) minutes further
        int created;
        await using (var cmd = new NpgsqlCommand("select coalesce(max(minutes), 1)::integer from market.timeframes", connection))
        {
            var reach = last.AddMinutes((int)(await cmd.ExecuteScalarAsync(ct))!);
            await using var call = new NpgsqlCommand("call market.ensure_partitions_all($1, $2, $3, null)", connection);
            call.Parameters.Add(new NpgsqlParameter { Value = normalized });
            call.Parameters.Add(new NpgsqlParameter { Value = DateOnly.FromDateTime(first), NpgsqlDbType = NpgsqlDbType.Date });
            call.Parameters.Add(new NpgsqlParameter { Value = DateOnly.FromDateTime(reach).AddDays(1), NpgsqlDbType = NpgsqlDbType.Date });
            created = (int)(await call.ExecuteScalarAsync(ct))!;
        }

        await using var tx = await connection.BeginTransactionAsync(ct);
        await ExecAsync(connection, MarketSql.Load("create_load_staging"), ct);
        await using (var importer = await connection.BeginBinaryImportAsync(
            "copy ohlcv_load_staging (\"timestamp\", open, high, low, close, volume, trade_count, vwap) from stdin (format binary)", ct))
        {
            for (var i = 0; i < bars.Count; i++)
            {
                var b = bars[i];
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(b.Timestamp, NpgsqlDbType.TimestampTz, ct);
                await importer.WriteAsync(b.Open, NpgsqlDbType.Double, ct);
                await importer.WriteAsync(b.High, NpgsqlDbType.Double, ct);
                await importer.WriteAsync(b.Low, NpgsqlDbType.Double, ct);
                await importer.WriteAsync(b.Close, NpgsqlDbType.Double, ct);
                await importer.WriteAsync(b.Volume, NpgsqlDbType.Double, ct);
                if (b.TradeCount is { } n) await importer.WriteAsync(n, NpgsqlDbType.Integer, ct); else await importer.WriteNullAsync(ct);
                if (b.Vwap is { } v) await importer.WriteAsync(v, NpgsqlDbType.Double, ct); else await importer.WriteNullAsync(ct);
                if ((i + 1) % ProgressEvery == 0) progress?.Report(i + 1);
            }
            await importer.CompleteAsync(ct);
        }
        progress?.Report(bars.Count);

        await using (var batch = new NpgsqlBatch(connection))
        {
            foreach (var statement in await ReplaceStatementsAsync(connection, ct))
            {
                var command = new NpgsqlBatchCommand(statement);
                command.Parameters.Add(new NpgsqlParameter { Value = normalized });
                command.Parameters.Add(new NpgsqlParameter { Value = first, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                command.Parameters.Add(new NpgsqlParameter { Value = last, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync(ct);
        }
        long windowRows;
        await using (var cmd = new NpgsqlCommand("call market.refresh_session_gaps($1, $2, null)", connection))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = normalized });
            cmd.Parameters.Add(new NpgsqlParameter { Value = first, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await using (var cmd = new NpgsqlCommand("call market.refresh_windows($1, $2, $3, null)", connection))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = normalized });
            cmd.Parameters.Add(new NpgsqlParameter { Value = first, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            cmd.Parameters.Add(new NpgsqlParameter { Value = last, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            windowRows = (long)(await cmd.ExecuteScalarAsync(ct))!;
        }
        await tx.CommitAsync(ct);
        return new LoadResult(normalized, bars.Count, first, last, created, windowRows);
    }

    /// <summary>The symbol as stored (upper case), or a one-line error when it is malformed or not in market.symbols.</summary>
    internal static async Task<string> RegisteredSymbolAsync(NpgsqlConnection connection, string symbol, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "select s.symbol::text from market.symbols s where s.symbol = market.normalize_symbol($1)", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = symbol });
        try
        {
            return await cmd.ExecuteScalarAsync(ct) as string
                   ?? throw new MarketDataException($"unknown symbol '{symbol}': register it in market.symbols first (see `schema seed`)");
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidParameterValue)
        {
            throw new MarketDataException(e.MessageText);
        }
    }

    /// <summary>The delete and upsert of <c>replace_minutes.sql</c> (built server-side from the indicator registry).</summary>
    private static async Task<string[]> ReplaceStatementsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(MarketSql.Load("replace_minutes"), connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return [reader.GetString(0), reader.GetString(1)];
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
