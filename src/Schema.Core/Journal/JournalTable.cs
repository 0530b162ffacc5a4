using Npgsql;

namespace Schema.Core.Journal;

/// <summary>
/// The journal, compatible with DbUp's PostgreSQL journal: <c>public.schemaversions (schemaversionsid serial primary
/// key, scriptname varchar(255) not null, applied timestamp not null)</c>. Our columns (checksum, duration_ms,
/// applied_by, kind) are nullable additions, so a database already upgraded by DbUp is adopted as it is: its rows
/// count as applied, and a row without a checksum is never reported as drift.
/// Repeatable scripts get a new row each time they are re-applied; the newest row per name is the current one.
/// The schema and table are configurable as DbUp's are (<c>PostgresqlDatabase(connection, "app")</c>,
/// <c>JournalToPostgresqlTable("app", "schemaversions")</c>).
/// </summary>
public sealed class JournalTable(string schema = "public", string table = "schemaversions")
{
    public string Schema { get; } = schema;
    public string Table { get; } = table;
    private string Qualified => $"{Quote(Schema)}.{Quote(Table)}";

    public static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    /// <summary>The DDL that creates (or completes) the journal; also printed by <c>schema script</c>.</summary>
    public string CreateSql => (Schema == "public" ? "" : $"create schema if not exists {Quote(Schema)};\n") + $"""
        create table if not exists {Qualified} (
            schemaversionsid serial primary key,
            scriptname varchar(255) not null,
            applied timestamp not null
        );
        alter table {Qualified} add column if not exists checksum text;
        alter table {Qualified} add column if not exists duration_ms integer;
        alter table {Qualified} add column if not exists applied_by text;
        alter table {Qualified} add column if not exists kind text;
        comment on table {Qualified} is 'Migration journal (DbUp-compatible): one row per applied script; written by the schema runner';
        """;

    public async Task<bool> ExistsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select to_regclass(@name) is not null", connection);
        cmd.Parameters.AddWithValue("name", Qualified);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public async Task EnsureAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        foreach (var statement in Scripts.SqlStatementSplitter.Split(CreateSql))
        {
            await using var cmd = new NpgsqlCommand(statement.Text, connection);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    public async Task<IReadOnlyList<JournalEntry>> ReadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        if (!await ExistsAsync(connection, ct)) return [];
        // Columns of our own may be missing on a DbUp journal not yet adopted: read them through to_jsonb.
        await using var cmd = new NpgsqlCommand($"""
            select schemaversionsid, scriptname, applied, j->>'checksum', (j->>'duration_ms')::int, j->>'applied_by', j->>'kind'
            from {Qualified} t, lateral (select to_jsonb(t) as j) x
            order by schemaversionsid
            """, connection);
        var rows = new List<JournalEntry>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new JournalEntry(reader.GetInt32(0), reader.GetString(1), reader.GetDateTime(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetInt32(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
        return rows;
    }

    /// <summary>The insert that journals a script; parameters @name, @checksum, @duration, @kind.</summary>
    public string InsertSql => $"insert into {Qualified} (scriptname, applied, checksum, duration_ms, applied_by, kind) values (@name, (now() at time zone 'utc'), @checksum, @duration, current_user, @kind)";

    /// <summary>The same insert with literals, for <c>schema script</c> output (values quoted by the server's rules).</summary>
    public string InsertLiteralSql(string name, string checksum, string kind) =>
        $"insert into {Qualified} (scriptname, applied, checksum, duration_ms, applied_by, kind) values ({Literal(name)}, (now() at time zone 'utc'), {Literal(checksum)}, null, current_user, {Literal(kind)});";

    public static string Literal(string value) => "'" + value.Replace("'", "''") + "'";

    public async Task RecordAsync(NpgsqlConnection connection, string name, string checksum, int durationMs, string kind, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(InsertSql, connection);
        cmd.Parameters.AddWithValue("name", name);
        cmd.Parameters.AddWithValue("checksum", checksum);
        cmd.Parameters.AddWithValue("duration", durationMs);
        cmd.Parameters.AddWithValue("kind", kind);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task DeleteAsync(NpgsqlConnection connection, string name, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"delete from {Qualified} where scriptname = @name", connection);
        cmd.Parameters.AddWithValue("name", name);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Accepts a rename on disk: the rows journaled under <paramref name="oldName"/> now carry <paramref name="newName"/>.
    /// A recorded checksum becomes the renamed file's (an unverified DbUp row stays without one).
    /// </summary>
    public async Task<int> RenameAsync(NpgsqlConnection connection, string oldName, string newName, string checksum, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            update {Qualified} set scriptname = @new, checksum = case when checksum is null then null else @checksum end
            where scriptname = @old
            """, connection);
        cmd.Parameters.AddWithValue("old", oldName);
        cmd.Parameters.AddWithValue("new", newName);
        cmd.Parameters.AddWithValue("checksum", checksum);
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Accepts the current content of an applied script (after a deliberate edit): stores its checksum.</summary>
    public async Task<int> UpdateChecksumAsync(NpgsqlConnection connection, string name, string checksum, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"""
            update {Qualified} set checksum = @checksum
            where schemaversionsid = (select max(schemaversionsid) from {Qualified} where scriptname = @name)
            """, connection);
        cmd.Parameters.AddWithValue("name", name);
        cmd.Parameters.AddWithValue("checksum", checksum);
        return await cmd.ExecuteNonQueryAsync(ct);
    }
}
