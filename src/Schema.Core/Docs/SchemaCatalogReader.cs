using System.Data;
using Npgsql;
using NpgsqlTypes;
using Schema.Core.Execution;

namespace Schema.Core.Docs;

/// <summary>
/// Reads what <c>schema docs</c> documents from the catalogs (the queries are the Docs/*.sql files beside this
/// class) into <see cref="DocSchema"/>s, sorted by name (ordinal) so that the document is identical across runs.
/// Runs in one read-only repeatable-read transaction with search_path = pg_catalog (every expression comes out
/// schema-qualified) and fixed TimeZone/DateStyle/IntervalStyle (intervals read "7 days" whatever the session).
/// </summary>
internal static class SchemaCatalogReader
{
    private const string SessionSettings =
        "set transaction read only; " +
        "select pg_catalog.set_config('search_path', 'pg_catalog', true), " +
        "pg_catalog.set_config('TimeZone', 'UTC', true), " +
        "pg_catalog.set_config('DateStyle', 'ISO, YMD', true), " +
        "pg_catalog.set_config('IntervalStyle', 'postgres', true), " +
        "pg_catalog.set_config('extra_float_digits', '1', true), " +
        "pg_catalog.set_config('quote_all_identifiers', 'off', true), " +
        "pg_catalog.set_config('jit', 'off', true)";

    private const string ProbeSql =
        "select exists (select from pg_catalog.pg_extension where extname = 'timescaledb'), " +
        "pg_catalog.to_regclass('timescaledb_information.compression_settings') is not null";

    private sealed record TableRow(uint Oid, string Schema, string Name, string Kind, string? Comment,
                                   string? SchemaComment);

    public static async Task<IReadOnlyList<DocSchema>> ReadAsync(NpgsqlConnection connection, SchemaDocsOptions options,
                                                                CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct)
                                             .ConfigureAwait(false);
        await using (var set = new NpgsqlCommand(SessionSettings, connection, tx))
            await set.ExecuteNonQueryAsync(ct).ConfigureAwait(false);

        var tables = new List<TableRow>();
        await using (var cmd = new NpgsqlCommand(SqlResource.Load("Docs.docs_tables"), connection, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter("journal_schema", NpgsqlDbType.Text) { Value = options.JournalSchema });
            cmd.Parameters.Add(new NpgsqlParameter("journal_table", NpgsqlDbType.Text) { Value = options.JournalTable });
            await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await r.ReadAsync(ct).ConfigureAwait(false))
                tables.Add(new TableRow(r.GetFieldValue<uint>(0), r.GetString(1), r.GetString(2), r.GetString(3),
                                        NullableString(r, 4), NullableString(r, 5)));
        }
        var oids = tables.Select(t => t.Oid).ToArray();

        var columns = new Dictionary<uint, List<(int Position, DocColumn Column)>>();
        await ReadAsync(connection, tx, "docs_columns", oids, r =>
            Add(columns, r.GetFieldValue<uint>(0), (r.GetInt32(1),
                new DocColumn(r.GetString(2), r.GetString(3), r.GetBoolean(4), NullableString(r, 5),
                              NullableString(r, 6)))), ct).ConfigureAwait(false);

        var constraints = new Dictionary<uint, List<DocConstraint>>();
        await ReadAsync(connection, tx, "docs_constraints", oids, r =>
            Add(constraints, r.GetFieldValue<uint>(0),
                new DocConstraint(r.GetString(1), KindOf(r.GetString(2)), r.GetString(3), NullableString(r, 8),
                                  NullableString(r, 4), NullableString(r, 5), r.GetBoolean(6), r.GetBoolean(7))),
            ct).ConfigureAwait(false);

        var indexes = new Dictionary<uint, List<DocIndex>>();
        await ReadAsync(connection, tx, "docs_indexes", oids, r =>
            Add(indexes, r.GetFieldValue<uint>(0),
                new DocIndex(r.GetString(1), r.GetString(2), r.GetBoolean(3), r.GetBoolean(4), r.GetBoolean(5),
                             NullableString(r, 6))), ct).ConfigureAwait(false);

        var partitioning = new Dictionary<uint, DocPartitioning>();
        await ReadAsync(connection, tx, "docs_partitioning", oids, r =>
            partitioning[r.GetFieldValue<uint>(0)] = new DocPartitioning(r.GetString(1), NullableString(r, 2),
                r.GetInt64(3), r.GetInt64(4), r.GetInt32(5)), ct).ConfigureAwait(false);

        var hypertables = await ReadTimescaleAsync(connection, tx, ct).ConfigureAwait(false);
        await tx.RollbackAsync(ct).ConfigureAwait(false);

        var docTables = tables.Select(t =>
        {
            var cols = columns.TryGetValue(t.Oid, out var c)
                ? c.OrderBy(x => x.Position).Select(x => x.Column).ToList() : [];
            hypertables.TryGetValue((t.Schema, t.Name), out var hypertable);
            return new DocTable(t.Schema, t.Name, t.Kind, t.Comment, cols,
                Sorted(constraints, t.Oid, x => x.Name), Sorted(indexes, t.Oid, x => x.Name),
                partitioning.GetValueOrDefault(t.Oid), hypertable);
        }).ToList();

        return tables.GroupBy(t => t.Schema, StringComparer.Ordinal)
                     .OrderBy(g => g.Key, StringComparer.Ordinal)
                     .Select(g => new DocSchema(g.Key, g.First().SchemaComment,
                         docTables.Where(t => t.Schema == g.Key)
                                  .OrderBy(t => t.Name, StringComparer.Ordinal).ToList()))
                     .ToList();
    }

    /// <summary>Hypertables by (schema, table), with compression settings and policies where TimescaleDB has them.</summary>
    private static async Task<Dictionary<(string, string), DocHypertable>> ReadTimescaleAsync(
        NpgsqlConnection connection, NpgsqlTransaction tx, CancellationToken ct)
    {
        var result = new Dictionary<(string, string), DocHypertable>();
        bool hasTimescale, hasCompressionView;
        await using (var probe = new NpgsqlCommand(ProbeSql, connection, tx))
        await using (var r = await probe.ExecuteReaderAsync(ct).ConfigureAwait(false))
        {
            await r.ReadAsync(ct).ConfigureAwait(false);
            (hasTimescale, hasCompressionView) = (r.GetBoolean(0), r.GetBoolean(1));
        }
        if (!hasTimescale)
            return result;

        var dimensions = new Dictionary<(string, string), List<DocDimension>>();
        var compressed = new Dictionary<(string, string), bool>();
        await ReadAsync(connection, tx, "docs_hypertables", null, r =>
        {
            var key = (r.GetString(0), r.GetString(1));
            compressed[key] = r.GetBoolean(2);
            var list = dimensions.TryGetValue(key, out var l) ? l : dimensions[key] = [];
            if (!r.IsDBNull(3))
                list.Add(new DocDimension(r.GetInt32(3), r.GetString(4), NullableString(r, 5) ?? "",
                                          NullableString(r, 6), r.IsDBNull(7) ? null : r.GetInt32(7)));
        }, ct).ConfigureAwait(false);

        var settings = new Dictionary<(string, string), (string? SegmentBy, string? OrderBy)>();
        if (hasCompressionView)
            await ReadAsync(connection, tx, "docs_compression", null, r =>
                settings[(r.GetString(0), r.GetString(1))] = (NullableString(r, 2), NullableString(r, 3)),
                ct).ConfigureAwait(false);

        var policies = new Dictionary<(string, string), List<DocPolicy>>();
        await ReadAsync(connection, tx, "docs_policies", null, r =>
            Add(policies, (r.GetString(0), r.GetString(1)),
                new DocPolicy(r.GetString(2), NullableString(r, 3), NullableString(r, 4), r.GetBoolean(5))),
            ct).ConfigureAwait(false);

        foreach (var (key, dims) in dimensions)
        {
            settings.TryGetValue(key, out var s);
            var jobs = policies.TryGetValue(key, out var p)
                ? p.OrderBy(x => x.Procedure, StringComparer.Ordinal)
                   .ThenBy(x => x.OlderThan, StringComparer.Ordinal).ToList()
                : [];
            result[key] = new DocHypertable(dims.OrderBy(d => d.Number).ToList(), compressed[key], s.SegmentBy,
                                            s.OrderBy, jobs);
        }
        return result;
    }

    private static async Task ReadAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string name, uint[]? tables,
                                        Action<NpgsqlDataReader> row, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(SqlResource.Load("Docs." + name), connection, tx);
        if (tables is not null)
            cmd.Parameters.Add(new NpgsqlParameter("tables", NpgsqlDbType.Array | NpgsqlDbType.Oid) { Value = tables });
        await using var r = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
            row(r);
    }

    private static string? NullableString(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static void Add<TKey, T>(Dictionary<TKey, List<T>> map, TKey key, T value) where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
            map[key] = list = [];
        list.Add(value);
    }

    private static List<T> Sorted<T>(Dictionary<uint, List<T>> map, uint oid, Func<T, string> name) =>
        map.TryGetValue(oid, out var list) ? list.OrderBy(name, StringComparer.Ordinal).ToList() : [];

    private static DocConstraintKind KindOf(string contype) => contype switch
    {
        "p" => DocConstraintKind.PrimaryKey,
        "f" => DocConstraintKind.ForeignKey,
        "u" => DocConstraintKind.Unique,
        "c" => DocConstraintKind.Check,
        _ => DocConstraintKind.Exclusion,
    };
}
