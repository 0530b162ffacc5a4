using Schema.Tests.Harness;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Schema.Tests.Market;

/// <summary>Shared queries and data loaders of the market schema tests (real server, COPY for bulk rows).</summary>
internal static class MarketSql
{
    /// <summary>The base columns of every market.ohlcv_{N}m in order (seed 000): name, information_schema data_type, max length, nullable.</summary>
    public static readonly (string Name, string Type, int? Length, bool Nullable)[] BaseColumns =
    [
        ("timestamp", "timestamp with time zone", null, false),
        ("symbol", "character varying", 20, false),
        ("minute_index", "smallint", null, false),
        ("open", "double precision", null, false),
        ("high", "double precision", null, false),
        ("low", "double precision", null, false),
        ("close", "double precision", null, false),
        ("volume", "double precision", null, false),
        ("trade_count", "integer", null, true),
        ("vwap", "double precision", null, true),
        ("minutes_into_session", "smallint", null, true),
        ("window_minutes", "smallint", null, false),
        ("window_spans_sessions", "boolean", null, false),
        ("is_regular_session", "boolean", null, false),
        ("has_gap_from_prior_session", "boolean", null, false),
    ];

    /// <summary>The storage parameters every leaf must carry (autovacuum settings stay PostgreSQL's defaults, 0115).</summary>
    public static readonly string[] LeafOptions = ["fillfactor=70"];

    /// <summary>The autovacuum settings 0108 put on leaves: thresholds a monthly leaf never reaches.</summary>
    public static readonly string[] UnreachableAutovacuumOptions =
    [
        "autovacuum_vacuum_scale_factor=0",
        "autovacuum_vacuum_threshold=500000",
        "autovacuum_analyze_scale_factor=0",
        "autovacuum_analyze_threshold=500000",
    ];

    /// <summary>Columns of a table as "name type(length) null|not null", in column order.</summary>
    public static Task<List<string>> ColumnsAsync(NpgsqlConnection connection, string table) =>
        Sql.ListAsync<string>(connection, """
            select format('%s %s%s %s', column_name, data_type, coalesce('(' || character_maximum_length || ')', ''),
                          case is_nullable when 'YES' then 'null' else 'not null' end)
            from information_schema.columns
            where table_schema = 'market' and table_name = @t
            order by ordinal_position
            """, ("t", table));

    /// <summary>Every relation of a partition tree (root, symbol partitions, leaves) with its kind, as regclass text.</summary>
    public static Task<List<string>> LeavesAsync(NpgsqlConnection connection, string root) =>
        Sql.ListAsync<string>(connection, "select relid::regclass::text from pg_partition_tree(@r::regclass) where isleaf order by 1", ("r", root));

    /// <summary>Copies one row per minute for a symbol between two instants (UTC), weekdays only, into market.ohlcv_{N}m.</summary>
    public static async Task<long> CopyMinutesAsync(NpgsqlConnection connection, int minutes, string symbol, DateTime fromUtc, DateTime toUtc)
    {
        var random = new Random(minutes * 7919 + symbol.Length);
        long rows = 0;
        await using var importer = await connection.BeginBinaryImportAsync(
            $"copy market.ohlcv_{minutes}m (\"timestamp\", symbol, minute_index, open, high, low, close, volume, trade_count, vwap, minutes_into_session) from stdin (format binary)");
        var price = 5000.0;
        for (var t = fromUtc; t < toUtc; t = t.AddMinutes(1))
        {
            if (t.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            var epochMinute = (long)(t - DateTime.UnixEpoch).TotalMinutes;
            price += random.NextDouble() - 0.5;
            await importer.StartRowAsync();
            await importer.WriteAsync(t, NpgsqlDbType.TimestampTz);
            await importer.WriteAsync(symbol, NpgsqlDbType.Varchar);
            await importer.WriteAsync((short)(epochMinute % minutes), NpgsqlDbType.Smallint);
            await importer.WriteAsync(price, NpgsqlDbType.Double);
            await importer.WriteAsync(price + 1.25, NpgsqlDbType.Double);
            await importer.WriteAsync(price - 1.25, NpgsqlDbType.Double);
            await importer.WriteAsync(price + 0.25, NpgsqlDbType.Double);
            await importer.WriteAsync(random.Next(1, 5000) * 1.0, NpgsqlDbType.Double);
            await importer.WriteAsync(random.Next(1, 500), NpgsqlDbType.Integer);
            await importer.WriteAsync(price + 0.1, NpgsqlDbType.Double);
            await importer.WriteAsync((short)(t.Hour * 60 + t.Minute), NpgsqlDbType.Smallint);
            rows++;
        }
        await importer.CompleteAsync();
        return rows;
    }

    /// <summary>Creates the temp table <c>staging</c> (symbol, timestamp, rsi_14, atr_14, cvd) with one row per row of the given leaves' table, via COPY.</summary>
    public static async Task<long> CopyStagingAsync(NpgsqlConnection connection, int minutes, string symbol)
    {
        await Sql.ExecAsync(connection, """
            create temp table staging (symbol varchar(20) not null, "timestamp" timestamptz not null,
                                       rsi_14 double precision, atr_14 double precision, cvd double precision)
            """);
        var keys = await Sql.ListAsync<DateTime>(connection,
            $"select \"timestamp\" from market.ohlcv_{minutes}m where symbol = @s order by \"timestamp\"", ("s", symbol));
        var random = new Random(42);
        await using (var importer = await connection.BeginBinaryImportAsync(
            "copy staging (symbol, \"timestamp\", rsi_14, atr_14, cvd) from stdin (format binary)"))
        {
            var cvd = 0.0;
            foreach (var t in keys)
            {
                cvd += random.NextDouble() * 100 - 50;
                await importer.StartRowAsync();
                await importer.WriteAsync(symbol, NpgsqlDbType.Varchar);
                await importer.WriteAsync(t, NpgsqlDbType.TimestampTz);
                await importer.WriteAsync(random.NextDouble() * 100, NpgsqlDbType.Double);
                await importer.WriteAsync(random.NextDouble() * 10, NpgsqlDbType.Double);
                await importer.WriteAsync(cvd, NpgsqlDbType.Double);
            }
            await importer.CompleteAsync();
        }
        return keys.Count;
    }

    /// <summary>Sum of n_tup_upd and n_tup_hot_upd over the leaves of a partition tree, flushed from this session and read fresh.</summary>
    public static async Task<(long Updates, long Hot)> UpdateStatsAsync(NpgsqlConnection connection, string root)
    {
        await Sql.ExecAsync(connection, "select pg_stat_force_next_flush()");
        // a new transaction (autocommit) with a cleared stats snapshot sees what the flush wrote
        await Sql.ExecAsync(connection, "select pg_stat_clear_snapshot()");
        await using var cmd = Sql.Command(connection, """
            select coalesce(sum(s.n_tup_upd), 0)::bigint, coalesce(sum(s.n_tup_hot_upd), 0)::bigint
            from pg_partition_tree(@r::regclass) p join pg_stat_user_tables s on s.relid = p.relid
            where p.isleaf
            """, ("r", root));
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return (r.GetInt64(0), r.GetInt64(1));
    }

    public static Task<long> TreeSizeAsync(NpgsqlConnection connection, string root) =>
        Sql.ScalarAsync<long>(connection, "select sum(pg_total_relation_size(relid))::bigint from pg_partition_tree(@r::regclass)", ("r", root));

    /// <summary>Distinct "Relation Name" values of an EXPLAIN (FORMAT JSON) plan.</summary>
    public static async Task<SortedSet<string>> ScannedRelationsAsync(NpgsqlConnection connection, string query, params (string name, object? value)[] args)
    {
        var json = await Sql.ScalarAsync<string>(connection, "explain (format json, costs off) " + query, args);
        var names = new SortedSet<string>(StringComparer.Ordinal);
        Collect(JsonDocument.Parse(json).RootElement, names);
        return names;

        static void Collect(JsonElement e, SortedSet<string> names)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject())
                    {
                        if (p.Name == "Relation Name" && p.Value.ValueKind == JsonValueKind.String) names.Add(p.Value.GetString()!);
                        Collect(p.Value, names);
                    }
                    break;
                case JsonValueKind.Array:
                    foreach (var item in e.EnumerateArray()) Collect(item, names);
                    break;
            }
        }
    }
}
