using Npgsql;
using Schema.Core.Execution;
using Schema.Core.Scripts;

namespace Schema.Tests.Harness;

/// <summary>A fresh empty database for one test (runner tests need a clean journal each), dropped on dispose.</summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    public string Name { get; }
    public string ConnectionString { get; }
    public NpgsqlDataSource DataSource { get; }

    private ScratchDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(Schema.Core.Configuration.ConnectionInfo.ForRunner(connectionString));
    }

    public static async Task<ScratchDatabase> CreateAsync(string prefix = "scratch")
    {
        var name = await TestServer.CreateDatabaseAsync(prefix);
        return new ScratchDatabase(name, await TestServer.ConnectionStringForAsync(name));
    }

    /// <summary>A fresh clone of <paramref name="template"/> (e.g. the migrated template), dropped on dispose.</summary>
    public static async Task<ScratchDatabase> CloneAsync(string prefix, string template)
    {
        var name = await TestServer.CreateDatabaseAsync(prefix, template);
        return new ScratchDatabase(name, await TestServer.ConnectionStringForAsync(name));
    }

    public MigrationEngine Engine(string migrations, RunnerOptions? options = null, IRunLog? log = null) =>
        new(DataSource, new FileSystemScriptProvider(migrations), options ?? new RunnerOptions(), log ?? new CollectingRunLog());

    public Task<T> ScalarAsync<T>(string sql, params (string name, object? value)[] args) => Sql.ScalarAsync<T>(DataSource, sql, args);

    /// <summary>Journal rows as "name" strings in id order (empty when there is no journal).</summary>
    public async Task<List<string>> JournalAsync()
    {
        if (!await ScalarAsync<bool>("select to_regclass('public.schemaversions') is not null")) return [];
        return await Sql.ListAsync<string>(DataSource, "select scriptname from public.schemaversions order by schemaversionsid");
    }

    /// <summary>The schema dump reviewers diff (docs/schema dump format), with the journal's rows when asked.</summary>
    public async Task<string> DumpAsync(bool includeJournal)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await Schema.Core.Dump.SchemaDumper.DumpAsync(connection,
            new Schema.Core.Dump.SchemaDumpOptions(IncludeJournal: includeJournal));
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await TestServer.DropDatabaseAsync(Name);
    }
}
