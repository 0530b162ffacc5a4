using Npgsql;

namespace Schema.Core.Execution;

/// <summary>Create and drop whole databases (reset, tests). Names go through format('%I'), never concatenation.</summary>
public static class DatabaseAdmin
{
    /// <summary>The same server and credentials, connected to the maintenance database <c>postgres</c>.</summary>
    public static string MaintenanceConnectionString(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false }.ConnectionString;

    public static async Task DropAndCreateAsync(string connectionString, CancellationToken ct = default)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database
                       ?? throw new Configuration.ConfigurationException(
                           "the connection string names no database (add Database=…)");
        await using var connection = new NpgsqlConnection(MaintenanceConnectionString(connectionString));
        await connection.OpenAsync(ct);
        await ExecFormattedAsync(connection, "drop database if exists %I with (force)", database, ct);
        await ExecFormattedAsync(connection, "create database %I", database, ct);
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Creates <paramref name="name"/>, optionally as a copy of <paramref name="template"/> (names quoted by the server).</summary>
    public static async Task CreateDatabaseAsync(NpgsqlConnection connection, string name, string? template = null, CancellationToken ct = default)
    {
        if (template is null)
        {
            await ExecFormattedAsync(connection, "create database %I", name, ct);
            return;
        }
        await using var format = new NpgsqlCommand("select format('create database %I template %I', @name::text, @template::text)", connection);
        format.Parameters.AddWithValue("name", name);
        format.Parameters.AddWithValue("template", template);
        var sql = (string)(await format.ExecuteScalarAsync(ct))!;
        await using var run = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await run.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Creates <paramref name="name"/> as a copy of <paramref name="template"/>. A session on the template makes the
    /// copy fail (55006): TimescaleDB's scheduler may have connected since, so its sessions are ended and the copy
    /// tried again.
    /// </summary>
    public static async Task CloneAsync(NpgsqlConnection connection, string name, string template,
        CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            await TerminateConnectionsAsync(connection, template, ct);
            try
            {
                await CreateDatabaseAsync(connection, name, template, ct);
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20) { }
        }
    }

    /// <summary>
    /// Ends every other session on <paramref name="database"/> (TimescaleDB's scheduler connects to each database that
    /// allows it; a database being copied as a template must have none).
    /// </summary>
    public static async Task TerminateConnectionsAsync(NpgsqlConnection connection, string database, CancellationToken ct = default)
    {
        await using var cmd = new NpgsqlCommand("select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = @name and pid <> pg_backend_pid()", connection);
        cmd.Parameters.AddWithValue("name", database);
        await cmd.ExecuteScalarAsync(ct);
    }

    /// <summary>The database's comment, or null.</summary>
    public static async Task<string?> CommentAsync(NpgsqlConnection connection, string database, CancellationToken ct = default)
    {
        await using var cmd = new NpgsqlCommand(
            "select shobj_description(oid, 'pg_database') from pg_database where datname = @name", connection);
        cmd.Parameters.AddWithValue("name", database);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    public static async Task SetCommentAsync(NpgsqlConnection connection, string database, string comment,
        CancellationToken ct = default)
    {
        await using var format = new NpgsqlCommand(
            "select format('comment on database %I is %L', @name::text, @comment::text)", connection);
        format.Parameters.AddWithValue("name", database);
        format.Parameters.AddWithValue("comment", comment);
        await using var run = new NpgsqlCommand((string)(await format.ExecuteScalarAsync(ct))!, connection);
        await run.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Runs <c>format(template, name)</c> built by the server, so the identifier is quoted by PostgreSQL's own rules.</summary>
    public static async Task ExecFormattedAsync(NpgsqlConnection connection, string template, string name, CancellationToken ct = default)
    {
        await using var format = new NpgsqlCommand("select format(@template, @name::text)", connection);
        format.Parameters.AddWithValue("template", template);
        format.Parameters.AddWithValue("name", name);
        var sql = (string)(await format.ExecuteScalarAsync(ct))!;
        await using var run = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await run.ExecuteNonQueryAsync(ct);
    }
}
