using System.Data;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using NpgsqlTypes;

namespace Schema.Core.Dump;

/// <summary>
/// A deterministic text rendering of a database's schema, read from the catalogs: identical across runs and across
/// databases with the same schema (no OIDs, chunk or hypertable ids, sequence values, database or owner names).
/// Format: sections (<c>== tables</c>) of blocks sorted by object name (ordinal); a block is a header line
/// (<c>table market.symbols</c>) followed by one fact per line, indented, sorted by kind then name (columns in their
/// physical order); multi-line facts (view and function definitions) are indented further. See the .sql files
/// beside this class for what each fact means and what is left out.
/// </summary>
public static partial class SchemaDumper
{
    /// <summary>Sections in output order.</summary>
    private static readonly string[] SectionOrder =
    [
        "schemas", "extensions", "types", "tables", "views", "materialized views", "sequences", "functions",
        "hypertables", "compression", "continuous aggregates", "jobs", "default privileges",
    ];

    /// <summary>Queries that run on every database, in this order (all return section, object, rank, item, text).</summary>
    private static readonly string[] CatalogQueries =
    [
        "schemas", "extensions", "types", "relations", "columns", "table_parts", "partitions", "functions", "acl",
        "default_privileges",
    ];

    /// <summary>
    /// Dumps the schema of the database <paramref name="connection"/> is connected to. The connection may be open
    /// or closed (it is then opened and closed again) and must not have a transaction in progress: the dump runs in
    /// its own read-only repeatable-read transaction, with search_path, TimeZone, DateStyle and IntervalStyle set
    /// locally so that every rendered expression is schema-qualified and independent of the session.
    /// </summary>
    public static async Task<string> DumpAsync(NpgsqlConnection connection, SchemaDumpOptions? options = null,
                                               CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        options ??= new SchemaDumpOptions();
        var opened = false;
        if (connection.State != ConnectionState.Open)
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            opened = true;
        }
        try
        {
            await using var tx = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct)
                                                 .ConfigureAwait(false);
            await using (var set = new NpgsqlCommand(SessionSettings, connection, tx))
                await set.ExecuteNonQueryAsync(ct).ConfigureAwait(false);

            var ns = new List<uint>();
            await using (var cmd = new NpgsqlCommand(LoadSql("namespaces"), connection, tx))
            await using (var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false))
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    ns.Add(reader.GetFieldValue<uint>(0));
            var nsArray = ns.ToArray();

            var rows = new List<DumpRow>(4096);
            foreach (var name in CatalogQueries)
                await ReadRowsAsync(connection, tx, name, nsArray, options, rows, ct).ConfigureAwait(false);

            var (hasTimescale, hasCompressionView) = await ProbeTimescaleAsync(connection, tx, ct).ConfigureAwait(false);
            if (hasTimescale)
            {
                await ReadRowsAsync(connection, tx, "ts_hypertables", nsArray, options, rows, ct).ConfigureAwait(false);
                await ReadRowsAsync(connection, tx, "ts_caggs", nsArray, options, rows, ct).ConfigureAwait(false);
                await ReadRowsAsync(connection, tx, "ts_jobs", nsArray, options, rows, ct).ConfigureAwait(false);
                if (hasCompressionView)
                    await ReadRowsAsync(connection, tx, "ts_compression", nsArray, options, rows, ct)
                        .ConfigureAwait(false);
            }

            await tx.RollbackAsync(ct).ConfigureAwait(false);
            return Render(rows);
        }
        finally
        {
            if (opened)
                await connection.CloseAsync().ConfigureAwait(false);
        }
    }

    private const string SessionSettings =
        "set transaction read only; " +
        "select pg_catalog.set_config('search_path', 'pg_catalog', true), " +
        "pg_catalog.set_config('TimeZone', 'UTC', true), " +
        "pg_catalog.set_config('DateStyle', 'ISO, YMD', true), " +
        "pg_catalog.set_config('IntervalStyle', 'postgres', true), " +
        "pg_catalog.set_config('extra_float_digits', '1', true), " +
        "pg_catalog.set_config('quote_all_identifiers', 'off', true), " +
        // small catalog queries: parallel workers and JIT only add start-up time
        "pg_catalog.set_config('max_parallel_workers_per_gather', '0', true), " +
        "pg_catalog.set_config('jit', 'off', true)";

    private const string ProbeSql =
        "select exists (select from pg_catalog.pg_extension where extname = 'timescaledb'), " +
        "pg_catalog.to_regclass('timescaledb_information.compression_settings') is not null";

    private static async Task<(bool, bool)> ProbeTimescaleAsync(NpgsqlConnection connection, NpgsqlTransaction tx,
                                                                CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(ProbeSql, connection, tx);
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        return (reader.GetBoolean(0), reader.GetBoolean(1));
    }

    private static async Task ReadRowsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string name,
                                            uint[] ns, SchemaDumpOptions options, List<DumpRow> rows,
                                            CancellationToken ct)
    {
        var sql = LoadSql(name);
        await using var cmd = new NpgsqlCommand(sql, connection, tx);
        if (sql.Contains("@ns", StringComparison.Ordinal))
            cmd.Parameters.Add(new NpgsqlParameter("ns", NpgsqlDbType.Array | NpgsqlDbType.Oid) { Value = ns });
        if (sql.Contains("@include_journal", StringComparison.Ordinal))
            cmd.Parameters.Add(new NpgsqlParameter("include_journal", NpgsqlDbType.Boolean)
                { Value = options.IncludeJournal });
        if (sql.Contains("@journal_schema", StringComparison.Ordinal))
        {
            cmd.Parameters.Add(new NpgsqlParameter("journal_schema", NpgsqlDbType.Text) { Value = options.JournalSchema });
            cmd.Parameters.Add(new NpgsqlParameter("journal_table", NpgsqlDbType.Text) { Value = options.JournalTable });
        }
        await using var reader = await cmd.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            if (reader.IsDBNull(4) || reader.IsDBNull(1))
                continue;
            rows.Add(new DumpRow(reader.GetString(0), reader.GetString(1), reader.GetInt32(2),
                                 reader.IsDBNull(3) ? "" : reader.GetString(3), reader.GetString(4), rows.Count));
        }
    }

    private static readonly Dictionary<string, string> SqlCache = new(StringComparer.Ordinal);
    private static readonly Lock SqlCacheLock = new();

    /// <summary>Loads an embedded query (Schema.Core.Dump.&lt;name&gt;.sql).</summary>
    internal static string LoadSql(string name)
    {
        lock (SqlCacheLock)
        {
            if (SqlCache.TryGetValue(name, out var cached))
                return cached;
            var resource = $"Schema.Core.Dump.{name}.sql";
            using var stream = typeof(SchemaDumper).Assembly.GetManifestResourceStream(resource)
                               ?? throw new InvalidOperationException($"Embedded resource {resource} not found.");
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var sql = reader.ReadToEnd();
            SqlCache[name] = sql;
            return sql;
        }
    }

    internal readonly record struct DumpRow(string Section, string Object, int Rank, string Item, string Text, int Seq);

    private sealed class Block(string header)
    {
        public string Header { get; } = header;
        public List<DumpRow> Lines { get; } = [];
    }

    /// <summary>
    /// Assembles rows into the text. A block exists only if a header row (rank 0) exists for it; other rows for
    /// an unknown block are dropped (that is how the journal filter and the exclusion of extension members carry
    /// over to grants, comments and indexes). Views that are continuous aggregates move to that section.
    /// </summary>
    internal static string Render(List<DumpRow> rows)
    {
        var caggs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in rows)
            if (r.Section == "continuous aggregates" && r.Rank == 0)
                caggs.Add(r.Object);

        var blocks = new Dictionary<(string, string), Block>();
        var pending = new List<DumpRow>(rows.Count);
        foreach (var row in rows)
        {
            var r = row;
            if (r.Section == "views" && caggs.Contains(r.Object))
            {
                // the cagg's user view: its header and pg_get_viewdef (watermark union with ids) are replaced by
                // the continuous aggregate block; comments and grants move there.
                if (r.Rank == 0 || r.Rank == 95)
                    continue;
                r = r with { Section = "continuous aggregates" };
            }
            if (r.Rank == 0)
                blocks.TryAdd((r.Section, r.Object), new Block(r.Text));
            else
                pending.Add(r);
        }
        foreach (var r in pending)
            if (blocks.TryGetValue((r.Section, r.Object), out var block))
                block.Lines.Add(r);

        var sb = new StringBuilder(64 * 1024);
        sb.Append("-- schema dump, format 1: deterministic, sorted, no oids/ids/owners (Schema.Core.Dump.SchemaDumper)\n");
        foreach (var section in SectionOrder)
        {
            var keys = blocks.Keys.Where(k => k.Item1 == section).Select(k => k.Item2)
                             .OrderBy(k => k, StringComparer.Ordinal).ToList();
            if (keys.Count == 0)
                continue;
            sb.Append('\n').Append("== ").Append(section).Append('\n');
            foreach (var key in keys)
            {
                var block = blocks[(section, key)];
                sb.Append('\n');
                AppendText(sb, "", Normalise(block.Header));
                var lines = block.Lines
                                 .OrderBy(l => l.Rank)
                                 .ThenBy(l => Normalise(l.Item), StringComparer.Ordinal)
                                 .ThenBy(l => Normalise(l.Text), StringComparer.Ordinal)
                                 .ThenBy(l => l.Seq);
                string? previous = null;
                foreach (var line in lines)
                {
                    var text = Normalise(line.Text);
                    if (text == previous)
                        continue; // e.g. two identical jobs collapse; a duplicate fact adds nothing
                    previous = text;
                    AppendText(sb, "  ", text);
                }
            }
        }
        return sb.ToString();
    }

    /// <summary>Writes a fact: first line at <paramref name="indent"/>, continuation lines 2 deeper; trailing
    /// whitespace and blank lines inside multi-line definitions are dropped (a blank line separates blocks).</summary>
    private static void AppendText(StringBuilder sb, string indent, string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var first = true;
        foreach (var raw in lines)
        {
            var line = raw.TrimEnd();
            if (line.Length == 0 && !first)
                continue;
            sb.Append(first ? indent : indent + "    ").Append(line).Append('\n');
            first = false;
        }
    }

    /// <summary>Replaces TimescaleDB-internal ids that differ between databases with the same schema.</summary>
    internal static string Normalise(string text)
    {
        if (!text.Contains("hypertable", StringComparison.Ordinal) && !text.Contains("cagg_", StringComparison.Ordinal)
            && !text.Contains("_hyper_", StringComparison.Ordinal))
            return text;
        text = MaterializedHypertable().Replace(text, "_materialized_hypertable_N");
        text = CaggWatermark().Replace(text, "$1(N");
        text = ChunkName().Replace(text, "_hyper_N_N_chunk");
        text = ConfigHypertableId().Replace(text, "\"$1hypertable_id\": \"N\"");
        return text;
    }

    [GeneratedRegex(@"_materialized_hypertable_[0-9]+")]
    private static partial Regex MaterializedHypertable();

    [GeneratedRegex(@"(cagg_watermark\w*)\([0-9]+")]
    private static partial Regex CaggWatermark();

    [GeneratedRegex(@"_hyper_[0-9]+_[0-9]+_chunk")]
    private static partial Regex ChunkName();

    [GeneratedRegex(@"""(mat_)?hypertable_id"": ?[0-9]+")]
    private static partial Regex ConfigHypertableId();
}
