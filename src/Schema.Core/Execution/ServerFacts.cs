using Npgsql;

namespace Schema.Core.Execution;

/// <summary>What the server offers, read once per run: version, available extensions, TimescaleDB edition.</summary>
public sealed record ServerFacts(int VersionNum, string Version, IReadOnlySet<string> AvailableExtensions,
    IReadOnlySet<string> PreloadedLibraries, string? TimescaleLicense, string? TimescaleVersion)
{
    public bool IsTimescaleCommunity => TimescaleLicense == "timescale";

    private static readonly Lazy<string> Sql = new(() =>
    {
        using var stream = typeof(ServerFacts).Assembly
            .GetManifestResourceStream("Schema.Core.Execution.server_facts.sql")!;
        return new StreamReader(stream).ReadToEnd();
    });

    public static async Task<ServerFacts> ReadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(Sql.Value, connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        static IReadOnlySet<string> Set(string csv) =>
            csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        return new ServerFacts(reader.GetInt32(0), reader.GetString(1), Set(reader.GetString(2)), Set(reader.GetString(3)),
            reader.IsDBNull(4) || reader.GetString(4) == "" ? null : reader.GetString(4),
            reader.IsDBNull(5) ? null : reader.GetString(5));
    }
}
