using Npgsql;
using Xunit;

namespace Schema.Tests.Harness;

/// <summary>A database of the test server owned by one test class; dropped when the class is done.</summary>
public abstract class TestDatabase : IAsyncLifetime
{
    private string? _name;
    private string? _connectionString;
    private NpgsqlDataSource? _dataSource;
    private ServerInfo? _server;

    public string DatabaseName => _name ?? throw NotReady();
    public string ConnectionString => _connectionString ?? throw NotReady();
    public NpgsqlDataSource DataSource => _dataSource ?? throw NotReady();
    public ServerInfo Server => _server ?? throw NotReady();

    protected abstract Task<string> CreateAsync();

    public async ValueTask InitializeAsync()
    {
        _server = await TestServer.InfoAsync();
        _name = await CreateAsync();
        _connectionString = await TestServer.ConnectionStringForAsync(_name);
        var builder = new NpgsqlDataSourceBuilder(_connectionString);
        _dataSource = builder.Build();
        await OnCreatedAsync();
    }

    protected virtual Task OnCreatedAsync() => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null) await _dataSource.DisposeAsync();
        if (_name is not null) await TestServer.DropDatabaseAsync(_name);
        GC.SuppressFinalize(this);
    }

    /// <summary>Skips the calling test on the Apache edition (Debian's TimescaleDB): compression, continuous aggregates and policies need Community.</summary>
    public void RequireCommunityEdition() =>
        Assert.SkipUnless(Server.IsCommunityEdition,
            $"needs the TimescaleDB Community edition (compression, continuous aggregates, policies); this server's TimescaleDB {Server.TimescaleVersion} is the '{Server.TimescaleLicense ?? "none"}' edition");

    public Task<int> ExecAsync(string sql, params (string name, object? value)[] args) => Sql.ExecAsync(DataSource, sql, args);

    public Task<T> ScalarAsync<T>(string sql, params (string name, object? value)[] args) => Sql.ScalarAsync<T>(DataSource, sql, args);

    /// <summary>Deterministic schema dump of this database (see Schema.Core.Dump).</summary>
    public async Task<string> DumpAsync(bool includeJournal = true)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await Schema.Core.Dump.SchemaDumper.DumpAsync(connection, new Schema.Core.Dump.SchemaDumpOptions(includeJournal));
    }

    private static InvalidOperationException NotReady() => new("the test database is not initialised yet");
}

/// <summary>A fresh, empty database per test class (runner tests apply their own scripts to it).</summary>
public sealed class EmptyDatabase : TestDatabase
{
    protected override Task<string> CreateAsync() => TestServer.CreateDatabaseAsync("empty");
}

/// <summary>
/// A database cloned (CREATE DATABASE … TEMPLATE, milliseconds) from the template migrated once with every script
/// in migrations/ (gated scripts deferred on the Apache edition).
/// </summary>
public sealed class MigratedDatabase : TestDatabase
{
    private string[] _referenceTables = [];

    protected override async Task<string> CreateAsync() => await TestServer.CreateDatabaseAsync("m", await TestServer.TemplateAsync());

    protected override async Task OnCreatedAsync() =>
        // Tables that hold rows straight after migrating are reference data written by migrations
        // (timeframes, retention rules…): ResetAsync keeps them.
        _referenceTables = await ReadTablesAsync(withRowsOnly: true);

    /// <summary>Respawn-style: empties every application table in one statement, keeping the journal and the reference data migrations wrote.</summary>
    public async Task ResetAsync()
    {
        var tables = (await ReadTablesAsync(withRowsOnly: false)).Except(_referenceTables).ToArray();
        if (tables.Length == 0) return;
        await using var cmd = DataSource.CreateCommand("select 'truncate table ' || string_agg(t, ', ') || ' restart identity cascade' from unnest(@tables) t");
        cmd.Parameters.AddWithValue("tables", tables);
        var truncate = (string)(await cmd.ExecuteScalarAsync())!;
        await ExecAsync(truncate);
    }

    /// <summary>Top-level application tables (partition parents, hypertables, plain tables), as quoted qualified names.</summary>
    private async Task<string[]> ReadTablesAsync(bool withRowsOnly)
    {
        var all = await Sql.ListAsync<string>(DataSource, """
            select format('%I.%I', n.nspname, c.relname)
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('r', 'p') and not c.relispartition
              and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\_%'
              and n.nspname not like '\_timescaledb%' and n.nspname not like 'timescaledb%'
              and not (n.nspname = 'public' and c.relname = 'schemaversions')
              and not exists (select from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
            order by 1
            """);
        if (!withRowsOnly) return [.. all];
        var withRows = new List<string>();
        foreach (var table in all)
            if (await ScalarAsync<bool>($"select exists (select from {table})")) withRows.Add(table); // names come from format('%I.%I') above
        return [.. withRows];
    }
}
