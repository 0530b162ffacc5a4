using Npgsql;
using Schema.Core.Configuration;
using Schema.Core.Execution;

namespace Schema.Core.Lint;

/// <summary>
/// The throwaway database <c>schema lint</c> replays and analyses scripts in (<c>schema_lint_&lt;random&gt;</c>, from
/// template0). Dropped on dispose whatever happened before (a failing script, cancellation): the drop does not take
/// the caller's token.
/// </summary>
public sealed class LintDatabase : IAsyncDisposable
{
    public const string NamePrefix = "schema_lint_";

    private readonly string _adminConnectionString;
    public string Name { get; }
    public string ConnectionString { get; }

    private LintDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Creates it on the server <paramref name="serverConnectionString"/> points at (its database, else
    /// <c>postgres</c>, only issues <c>create database</c>).</summary>
    public static async Task<LintDatabase> CreateAsync(string serverConnectionString, CancellationToken ct)
    {
        var builder = ConnectionInfo.Parse(serverConnectionString);
        builder.Pooling = false;
        if (string.IsNullOrEmpty(builder.Database)) builder.Database = "postgres";
        var database = new LintDatabase(builder.ConnectionString, NamePrefix + Guid.NewGuid().ToString("N"));
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        await DatabaseAdmin.ExecFormattedAsync(connection, "create database %I template template0", database.Name, ct);
        return database;
    }

    /// <summary>How long the drop may take: <c>drop database</c> waits for a checkpoint, which on a busy server (a CI
    /// machine running tests in parallel) takes far longer than the drop itself.</summary>
    public static readonly TimeSpan DropTimeout = TimeSpan.FromMinutes(10);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        using var timeout = new CancellationTokenSource(DropTimeout);
        try
        {
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync(timeout.Token);
            await DatabaseAdmin.ExecFormattedAsync(connection, "drop database if exists %I with (force)", Name, timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or NpgsqlException)
        {
            throw new LintDatabaseException($"the throwaway database {Name} could not be dropped ({e.Message.TrimEnd('.')}); " +
                                            "drop it by hand: drop database … with (force)");
        }
    }
}
