using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Schema.Core.Configuration;
using Schema.Core.Execution;
using Schema.Core.Scripts;

namespace Schema.Tests.Harness;

/// <summary>What the test server is; tests that need the Community edition skip on Apache.</summary>
public sealed record ServerInfo(int ServerVersionNum, string? TimescaleVersion, string? TimescaleLicense)
{
    public bool IsCommunityEdition => TimescaleLicense == "timescale";
}

/// <summary>
/// The real server every integration test talks to: <c>SCHEMA_TEST_CONNECTION</c> (or <c>ConnectionStrings__Schema</c>)
/// when set — any database on it, the harness creates its own — otherwise the zero-config local server.
/// Also owns the migrated template database that test classes clone.
/// </summary>
public static class TestServer
{
    private static readonly Lazy<Task<string>> Admin = new(ResolveAdminAsync);
    private static readonly Lazy<Task<string>> Template = new(CreateTemplateAsync);
    private static readonly Lazy<Task<ServerInfo>> Info = new(ReadInfoAsync);

    public static Task<string> AdminConnectionStringAsync() => Admin.Value;
    public static Task<ServerInfo> InfoAsync() => Info.Value;

    /// <summary>The repository's migrations folder.</summary>
    public static string MigrationsDirectory => Path.Combine(RepositoryRoot, "migrations");
    public static string RepositoryRoot => Schema.Core.Configuration.RepositoryRoot.Find(AppContext.BaseDirectory)
                                           ?? throw new InvalidOperationException("tests must run inside the repository (Schema.sln not found)");

    public static async Task<string> ConnectionStringForAsync(string database) =>
        new NpgsqlConnectionStringBuilder(await AdminConnectionStringAsync()) { Database = database }.ConnectionString;

    private static string? ConfiguredConnection =>
        new[] { "SCHEMA_TEST_CONNECTION", "ConnectionStrings__Schema" }.Select(Environment.GetEnvironmentVariable)
            .FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>True when the tests run on the zero-config local server (no connection configured).</summary>
    public static bool UsesLocalServer => ConfiguredConnection is null;

    private static async Task<string> ResolveAdminAsync()
    {
        var configured = ConfiguredConnection;
        if (configured is not null)
            return new NpgsqlConnectionStringBuilder(configured) { Database = "postgres" }.ConnectionString;
        var endpoint = await Schema.Core.LocalServer.LocalServer.EnsureAsync();
        return endpoint.ConnectionString("postgres");
    }

    private static async Task<ServerInfo> ReadInfoAsync()
    {
        await using var connection = new NpgsqlConnection(await AdminConnectionStringAsync());
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand("select current_setting('server_version_num')::int, (select default_version from pg_available_extensions where name = 'timescaledb'), current_setting('timescaledb.license', true)", connection);
        await using var r = await cmd.ExecuteReaderAsync();
        await r.ReadAsync();
        return new ServerInfo(r.GetInt32(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2));
    }

    /// <summary>A new database, optionally cloned from <paramref name="template"/>. Names are generated, never user input.</summary>
    public static async Task<string> CreateDatabaseAsync(string prefix, string? template = null)
    {
        var name = $"schema_t_{prefix}_{Guid.NewGuid():N}"[..Math.Min(63, 20 + prefix.Length)].ToLowerInvariant();
        await using var connection = new NpgsqlConnection(await AdminConnectionStringAsync());
        await connection.OpenAsync();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await DatabaseAdmin.CreateDatabaseAsync(connection, name, template);
                await StampAsync(connection, name, "test database");
                return name;
            }
            // Another session (a TimescaleDB background worker) briefly connected to the template: terminate and retry.
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && template is not null && attempt < 20)
            {
                await DatabaseAdmin.TerminateConnectionsAsync(connection, template);
            }
        }
    }

    public static async Task DropDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(await AdminConnectionStringAsync());
        await connection.OpenAsync();
        await DatabaseAdmin.ExecFormattedAsync(connection, "drop database if exists %I with (force)", name);
    }

    /// <summary>The template: every migration applied once per set of scripts (named by their checksums), reused across runs.</summary>
    public static Task<string> TemplateAsync() => Template.Value;

    private static async Task<string> CreateTemplateAsync()
    {
        var set = new FileSystemScriptProvider(MigrationsDirectory).Load();
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join("\n", set.Versioned.Concat(set.Repeatable).Select(s => s.Name + " " + s.Checksum + " " + (s.HasDown ? ScriptChecksum.Compute(File.ReadAllText(s.DownPath!)) : ""))))))[..16];
        var name = "schema_tpl_" + fingerprint;
        await using var connection = new NpgsqlConnection(await AdminConnectionStringAsync());
        await connection.OpenAsync();
        // Several test processes (or developers' worktrees) may start together: one builds, the others wait.
        await using (var lockCmd = new NpgsqlCommand("select pg_advisory_lock(hashtext(@n))", connection))
        {
            lockCmd.Parameters.AddWithValue("n", name);
            await lockCmd.ExecuteNonQueryAsync();
        }
        try
        {
            await DropStaleAsync(connection, name);
            await using (var exists = new NpgsqlCommand("select exists (select from pg_database where datname = @n and datistemplate)", connection))
            {
                exists.Parameters.AddWithValue("n", name);
                if ((bool)(await exists.ExecuteScalarAsync())!) return name;
            }
            await DatabaseAdmin.ExecFormattedAsync(connection, "drop database if exists %I with (force)", name);
            await DatabaseAdmin.ExecFormattedAsync(connection, "create database %I", name);
            var log = new CollectingRunLog();
            await using (var ds = NpgsqlDataSource.Create(ConnectionInfo.ForRunner(await ConnectionStringForAsync(name))))
                await new MigrationEngine(ds, new FileSystemScriptProvider(MigrationsDirectory), new RunnerOptions(), log).UpAsync();
            NpgsqlConnection.ClearAllPools();
            // No connections from now on (TimescaleDB starts a scheduler per database that allows them), and usable as a template.
            await DatabaseAdmin.ExecFormattedAsync(connection, "alter database %I with allow_connections false is_template true", name);
            await DatabaseAdmin.TerminateConnectionsAsync(connection, name);
            await StampAsync(connection, name, "migrated template");
            return name;
        }
        finally
        {
            await using var unlock = new NpgsqlCommand("select pg_advisory_unlock(hashtext(@n))", connection);
            unlock.Parameters.AddWithValue("n", name);
            await unlock.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Records when a harness database was made (a comment), so leftovers of crashed runs can be dropped later.</summary>
    private static async Task StampAsync(NpgsqlConnection connection, string database, string what)
    {
        await using var cmd = new NpgsqlCommand("select format('comment on database %I is %L', @n::text, @c::text)", connection);
        cmd.Parameters.AddWithValue("n", database);
        cmd.Parameters.AddWithValue("c", $"schema-tests {what} created {DateTimeOffset.UtcNow.ToUnixTimeSeconds()}");
        await using var run = new NpgsqlCommand((string)(await cmd.ExecuteScalarAsync())!, connection);
        await run.ExecuteNonQueryAsync();
    }

    /// <summary>Drops harness databases (test databases and other templates) older than six hours: leftovers of killed runs.</summary>
    private static async Task DropStaleAsync(NpgsqlConnection connection, string keep)
    {
        var stale = new List<string>();
        await using (var cmd = new NpgsqlCommand("""
            select d.datname from pg_database d
            where (d.datname like 'schema\_t\_%' or d.datname like 'schema\_tpl\_%') and d.datname <> @keep
              and coalesce(substring(shobj_description(d.oid, 'pg_database') from 'created (\d+)$')::bigint, 0) < extract(epoch from now()) - 6 * 3600
            """, connection))
        {
            cmd.Parameters.AddWithValue("keep", keep);
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) stale.Add(r.GetString(0));
        }
        foreach (var db in stale)
        {
            await DatabaseAdmin.ExecFormattedAsync(connection, "alter database %I is_template false", db);
            await DatabaseAdmin.ExecFormattedAsync(connection, "drop database if exists %I with (force)", db);
        }
    }
}
