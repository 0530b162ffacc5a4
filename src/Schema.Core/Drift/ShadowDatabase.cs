using Npgsql;
using Schema.Core.Configuration;
using Schema.Core.Execution;

namespace Schema.Core.Drift;

/// <summary>
/// A throwaway database with a generated name on the shadow server, where the journaled scripts are replayed.
/// Dropped on dispose whatever happened before (failure, cancellation): the drop does not take the caller's token.
/// </summary>
public sealed class ShadowDatabase : IAsyncDisposable
{
    public const string NamePrefix = "schema_shadow_";

    private readonly string _adminConnectionString;
    public string Name { get; }
    public string ConnectionString { get; }

    private ShadowDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Creates the database on the server <paramref name="serverConnectionString"/> points at; the database it names
    /// (else <c>postgres</c>) is only used to issue <c>create database</c>.
    /// </summary>
    public static async Task<ShadowDatabase> CreateAsync(string serverConnectionString, CancellationToken ct)
    {
        var builder = ConnectionInfo.Parse(serverConnectionString);
        builder.Pooling = false;
        if (string.IsNullOrEmpty(builder.Database)) builder.Database = "postgres";
        var name = NamePrefix + Guid.NewGuid().ToString("N");
        var shadow = new ShadowDatabase(builder.ConnectionString, name);
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(ct);
        // template0: whatever was installed into template1 on that server is not part of the expected schema.
        await DatabaseAdmin.ExecFormattedAsync(connection, "create database %I template template0", name, ct);
        return shadow;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync(timeout.Token);
        await DatabaseAdmin.ExecFormattedAsync(connection, "drop database if exists %I with (force)", Name, timeout.Token);
    }
}
