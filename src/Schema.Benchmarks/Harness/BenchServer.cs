using System.Net.Sockets;
using Npgsql;
using Schema.Core.Configuration;
using Schema.Core.Execution;
using Schema.Core.Scripts;

namespace Schema.Benchmarks.Harness;

/// <summary>
/// The real server: SCHEMA_TEST_CONNECTION, else the zero-config local one. Creates every database it needs under
/// <c>{prefix}_…</c> (stamped with a comment so that a later run can drop what an interrupted one left) and drops
/// them when disposed. Names go through format('%I') (DatabaseAdmin), never concatenation.
/// </summary>
public sealed class BenchServer : IAsyncDisposable
{
    private const string Stamp = "schema-bench scratch";
    private readonly string _prefix;
    private readonly NpgsqlConnection _admin;
    private readonly List<string> _created = [];
    private int _counter;
    private string? _template;

    private BenchServer(string adminConnectionString, string prefix, NpgsqlConnection admin)
    {
        AdminConnectionString = adminConnectionString;
        _prefix = prefix;
        _admin = admin;
    }

    public string AdminConnectionString { get; }
    public NpgsqlConnection Admin => _admin;

    /// <summary>Connects to the maintenance database; an unreachable server is a <see cref="UsageException"/>.</summary>
    public static async Task<BenchServer> ConnectAsync(string prefix, CancellationToken ct)
    {
        var configured = Environment.GetEnvironmentVariable("SCHEMA_TEST_CONNECTION");
        string admin;
        try
        {
            admin = configured is { Length: > 0 }
                ? new NpgsqlConnectionStringBuilder(configured) { Database = "postgres", Pooling = false }.ConnectionString
                : new NpgsqlConnectionStringBuilder(
                    (await Schema.Core.LocalServer.LocalServer.EnsureAsync(ct)).ConnectionString("postgres")) { Pooling = false }
                    .ConnectionString;
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"SCHEMA_TEST_CONNECTION is not a valid connection string: {e.Message}");
        }
        catch (Exception e) when (e is not OperationCanceledException and not UsageException)
        {
            throw new UsageException($"the zero-config local server could not be started: {FirstLine(e.Message)}");
        }
        var connection = new NpgsqlConnection(admin);
        try
        {
            await connection.OpenAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or SocketException or TimeoutException)
        {
            await connection.DisposeAsync();
            throw new UsageException($"cannot reach the server {ConnectionInfo.Describe(admin)}: "
                                     + ConnectionInfo.Mask(FirstLine(e.Message), admin));
        }
        var server = new BenchServer(admin, prefix, connection);
        await server.DropLeftoversAsync(ct);
        return server;
    }

    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = false }.ConnectionString;

    public NpgsqlDataSource DataSource(string database) => NpgsqlDataSource.Create(ConnectionInfo.ForRunner(ConnectionString(database)));

    /// <summary>PG* variables for psql (the password by environment, never on a command line).</summary>
    public Dictionary<string, string> PsqlEnvironment(string database)
    {
        var b = new NpgsqlConnectionStringBuilder(AdminConnectionString);
        return new Dictionary<string, string>
        {
            ["PGHOST"] = b.Host ?? "127.0.0.1",
            ["PGPORT"] = b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGUSER"] = b.Username ?? Environment.UserName,
            ["PGPASSWORD"] = b.Password ?? "",
            ["PGDATABASE"] = database,
        };
    }

    /// <summary>What the CLI reads (ConnectionStrings__Schema), pointing at <paramref name="database"/>.</summary>
    public Dictionary<string, string> CliEnvironment(string database) =>
        new() { ["ConnectionStrings__Schema"] = ConnectionString(database), ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" };

    /// <summary>A fresh database named <c>{prefix}_{tag}_{n}</c>, empty or cloned from <paramref name="template"/>.</summary>
    public async Task<string> CreateDatabaseAsync(string tag, string? template = null, CancellationToken ct = default)
    {
        var name = NewName(tag);
        if (template is null) await DatabaseAdmin.CreateDatabaseAsync(_admin, name, null, ct);
        else await DatabaseAdmin.CloneAsync(_admin, name, template, ct);
        _created.Add(name);
        await DatabaseAdmin.SetCommentAsync(_admin, name, Stamp, ct);
        return name;
    }

    /// <summary>A name for a database someone else (the CLI, psql) creates; dropped with the others at the end.</summary>
    public string NewName(string tag)
    {
        var name = $"{_prefix}_{tag}_{++_counter}";
        _created.Add(name);
        return name;
    }

    public async Task DropDatabaseAsync(string name, CancellationToken ct = default)
    {
        await DatabaseAdmin.ExecFormattedAsync(_admin, "drop database if exists %I with (force)", name, ct);
        _created.Remove(name);
    }

    /// <summary>Stops a database from taking connections (TimescaleDB's scheduler included) so it can be cloned.</summary>
    public Task SealAsync(string name, CancellationToken ct = default) =>
        DatabaseAdmin.ExecFormattedAsync(_admin, "alter database %I with allow_connections false", name, ct);

    /// <summary>A database with every migration applied (in-process engine), cloned by <see cref="CloneMigratedAsync"/>.</summary>
    public async Task<string> MigratedTemplateAsync(string migrationsDirectory, CancellationToken ct)
    {
        if (_template is not null) return _template;
        var name = await CreateDatabaseAsync("template", null, ct);
        await using (var dataSource = DataSource(name))
            await new MigrationEngine(dataSource, new FileSystemScriptProvider(migrationsDirectory), new RunnerOptions(),
                new CollectingRunLog()).UpAsync(null, ct);
        await SealAsync(name, ct);
        return _template = name;
    }

    public async Task<string> CloneMigratedAsync(string tag, string migrationsDirectory, CancellationToken ct) =>
        await CreateDatabaseAsync(tag, await MigratedTemplateAsync(migrationsDirectory, ct), ct);

    public async Task ExecAsync(string database, string sql, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task DropLeftoversAsync(CancellationToken ct)
    {
        var names = new List<string>();
        await using (var cmd = new NpgsqlCommand(BenchSql.Load("leftover_databases"), _admin))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = _prefix });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) names.Add(reader.GetString(0));
        }
        foreach (var name in names) await DropDatabaseAsync(name, ct);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var name in _created.ToArray())
        {
            try
            {
                await DatabaseAdmin.ExecFormattedAsync(_admin, "drop database if exists %I with (force)", name);
            }
            catch (PostgresException)
            {
                // left for the next run's DropLeftoversAsync (it carries the stamp)
            }
        }
        await _admin.DisposeAsync();
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
