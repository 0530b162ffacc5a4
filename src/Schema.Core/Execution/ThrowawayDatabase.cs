using Npgsql;
using Schema.Core.Configuration;

namespace Schema.Core.Execution;

/// <summary>
/// A database with a generated name (<c>prefix + random</c>, from template0) that <c>schema diff</c> replays journaled
/// scripts in and <c>schema lint</c> analyses scripts in. Dropped on dispose whatever happened before (a failing
/// script, cancellation): the drop does not take the caller's token.
/// </summary>
public sealed class ThrowawayDatabase : IAsyncDisposable
{
    /// <summary>How long the drop may take: <c>drop database</c> waits for a checkpoint, which on a busy server (a CI
    /// machine running tests in parallel) takes far longer than the drop itself.</summary>
    public static readonly TimeSpan DropTimeout = TimeSpan.FromMinutes(10);

    private readonly string _adminConnectionString;
    public string Name { get; }
    public string ConnectionString { get; }

    private ThrowawayDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Creates it on the server <paramref name="serverConnectionString"/> points at; the database it names (else
    /// <c>postgres</c>) is only used to issue <c>create database</c>.
    /// </summary>
    public static async Task<ThrowawayDatabase> CreateAsync(string serverConnectionString, string namePrefix,
        CancellationToken ct)
    {
        var builder = ConnectionInfo.Parse(serverConnectionString);
        builder.Pooling = false;
        if (string.IsNullOrEmpty(builder.Database)) builder.Database = "postgres";
        var database = new ThrowawayDatabase(builder.ConnectionString, namePrefix + Guid.NewGuid().ToString("N"));
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        // template0: whatever was installed into template1 on that server is not part of any expected schema.
        await DatabaseAdmin.ExecFormattedAsync(connection, "create database %I template template0", database.Name, ct);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        using var timeout = new CancellationTokenSource(DropTimeout);
        try
        {
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync(timeout.Token);
            await DatabaseAdmin.ExecFormattedAsync(connection, "drop database if exists %I with (force)", Name,
                timeout.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or NpgsqlException)
        {
            throw new ThrowawayDatabaseException($"the throwaway database {Name} could not be dropped " +
                $"({e.Message.TrimEnd('.')}); drop it by hand: drop database … with (force)");
        }
    }
}
