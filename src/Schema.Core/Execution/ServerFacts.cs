using Npgsql;

namespace Schema.Core.Execution;

/// <summary>What the server offers, read once per run: version, available extensions, TimescaleDB edition.</summary>
public sealed record ServerFacts(int VersionNum, string Version, IReadOnlySet<string> AvailableExtensions,
    IReadOnlySet<string> PreloadedLibraries, string? TimescaleLicense, string? TimescaleVersion)
{
    public bool IsTimescaleCommunity => TimescaleLicense == "timescale";

    public static async Task<ServerFacts> ReadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            select current_setting('server_version_num')::int,
                   current_setting('server_version'),
                   (select coalesce(string_agg(name, ','), '') from pg_available_extensions),
                   current_setting('shared_preload_libraries'),
                   current_setting('timescaledb.license', true),
                   (select default_version from pg_available_extensions where name = 'timescaledb')
            """, connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        static IReadOnlySet<string> Set(string csv) =>
            csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        return new ServerFacts(reader.GetInt32(0), reader.GetString(1), Set(reader.GetString(2)), Set(reader.GetString(3)),
            reader.IsDBNull(4) || reader.GetString(4) == "" ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5));
    }
}
