using Npgsql;

namespace Schema.Core.Journal;

/// <summary>
/// The record of started no-transaction scripts: <c>&lt;journal schema&gt;.&lt;journal table&gt;_attempts</c>, created
/// the first time such a script runs. A transactional script needs none (it commits with its journal row or not at
/// all); a no-transaction script's statements commit one by one, so the runner writes a row before the first, updates
/// it before each next one, and deletes it in the transaction that journals the script.
/// </summary>
public sealed class ScriptAttempts(JournalTable journal)
{
    private string Qualified => $"{JournalTable.Quote(journal.Schema)}.{JournalTable.Quote(journal.Table + "_attempts")}";
    private string QualifiedText => $"{journal.Schema}.{journal.Table}_attempts";

    public async Task EnsureAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var sql = Execution.SqlResource.Load("Journal.script_attempts_create").Replace("{table}", Qualified);
        foreach (var statement in Scripts.SqlStatementSplitter.Split(sql))
        {
            await using var cmd = new NpgsqlCommand(statement.Text, connection);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    public async Task<IReadOnlyList<ScriptAttempt>> ReadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using (var exists = new NpgsqlCommand("select to_regclass(@name) is not null", connection))
        {
            exists.Parameters.AddWithValue("name", Qualified);
            if (!(bool)(await exists.ExecuteScalarAsync(ct))!) return [];
        }
        await using var cmd = new NpgsqlCommand(
            $"select scriptname, checksum, started, statement, statements, line, error, started_by from {Qualified} order by scriptname",
            connection);
        var rows = new List<ScriptAttempt>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new ScriptAttempt(reader.GetString(0), reader.GetString(1), reader.GetDateTime(2), reader.GetInt32(3),
                reader.GetInt32(4), reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetString(6), reader.GetString(7)));
        return rows;
    }

    /// <summary>Records the start (statement 1), replacing what an earlier attempt left.</summary>
    public Task StartAsync(NpgsqlConnection connection, string name, string checksum, int statements, int line, CancellationToken ct) =>
        ExecAsync(connection, $"""
            insert into {Qualified} (scriptname, checksum, started, statement, statements, line, error, started_by)
            values (@name, @checksum, (now() at time zone 'utc'), 1, @statements, @line, null, current_user)
            on conflict (scriptname) do update set checksum = excluded.checksum, started = excluded.started,
                statement = 1, statements = excluded.statements, line = excluded.line, error = null,
                started_by = excluded.started_by
            """, ct, ("name", name), ("checksum", checksum), ("statements", statements), ("line", line));

    public Task ReachedAsync(NpgsqlConnection connection, string name, int statement, int line, CancellationToken ct) =>
        ExecAsync(connection, $"update {Qualified} set statement = @statement, line = @line where scriptname = @name",
            ct, ("name", name), ("statement", statement), ("line", line));

    public Task FailedAsync(NpgsqlConnection connection, string name, string error, CancellationToken ct) =>
        ExecAsync(connection, $"update {Qualified} set error = @error where scriptname = @name", ct, ("name", name), ("error", error));

    public Task DeleteAsync(NpgsqlConnection connection, string name, CancellationToken ct) =>
        ExecAsync(connection, $"delete from {Qualified} where scriptname = @name", ct, ("name", name));

    public override string ToString() => QualifiedText;

    private static async Task ExecAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params (string Name, object Value)[] args)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        foreach (var (n, v) in args) cmd.Parameters.AddWithValue(n, v);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
