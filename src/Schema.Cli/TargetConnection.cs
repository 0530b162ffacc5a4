using Schema.Core.Configuration;
using Schema.Core.LocalServer;

namespace Schema.Cli;

/// <summary>The connection string of the target for commands that need only that (maintain, market).</summary>
internal static class TargetConnection
{
    /// <summary>The configured server, or the zero-config local one (as every other command resolves it).</summary>
    public static async Task<string> ResolveAsync(SchemaSettings settings, CancellationToken ct)
    {
        if (settings.ConnectionString is { } configured)
        {
            ConnectionInfo.Parse(configured); // a malformed string is a configuration error, not a crash
            return configured;
        }
        var endpoint = await LocalServer.EnsureAsync(ct);
        await LocalServer.EnsureDatabaseAsync(endpoint, settings.LocalDatabase, ct);
        return endpoint.ConnectionString(settings.LocalDatabase);
    }
}
