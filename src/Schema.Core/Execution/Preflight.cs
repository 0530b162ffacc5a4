using System.Text.RegularExpressions;
using Schema.Core.Scripts;

namespace Schema.Core.Execution;

/// <summary>
/// Checks, before any script runs, that the server can take the pending scripts: PostgreSQL 15 or newer, and every
/// extension the (not deferred) pending scripts create is installable — a missing one is a one-line error saying
/// what to install, instead of a failure halfway through a deploy.
/// </summary>
public static partial class Preflight
{
    public const int MinimumServerVersionNum = 150000;

    [GeneratedRegex(@"create\s+extension\s+(?:if\s+not\s+exists\s+)?(?:""(?<q>[^""]+)""|(?<n>[A-Za-z_][A-Za-z0-9_\-]*))", RegexOptions.IgnoreCase)]
    private static partial Regex CreateExtension();

    public static IReadOnlyList<string> ExtensionsCreatedBy(IEnumerable<MigrationScript> scripts) =>
        scripts.SelectMany(s => SqlStatementSplitter.Split(s.Contents))
            .Select(st => CreateExtension().Match(st.Text))
            .Where(m => m.Success && m.Index == 0)
            .Select(m => (m.Groups["q"].Success ? m.Groups["q"].Value : m.Groups["n"].Value).ToLowerInvariant())
            .Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Returns the problems found; empty when the server is fit.</summary>
    public static IReadOnlyList<string> Check(ServerFacts server, IEnumerable<MigrationScript> pending)
    {
        var problems = new List<string>();
        if (server.VersionNum < MinimumServerVersionNum)
            problems.Add($"PostgreSQL {server.Version} is too old: these migrations need PostgreSQL 15 or newer (17 recommended)");
        foreach (var extension in ExtensionsCreatedBy(pending))
        {
            if (!server.AvailableExtensions.Contains(extension))
                problems.Add($"extension \"{extension}\" is not available on the server: install {PackageHint(extension)}");
            else if (extension == "timescaledb" && !server.PreloadedLibraries.Contains("timescaledb"))
                problems.Add("extension \"timescaledb\" must be preloaded: add timescaledb to shared_preload_libraries and restart the server");
        }
        return problems;
    }

    private static string PackageHint(string extension) => extension switch
    {
        "timescaledb" => "TimescaleDB (Debian: postgresql-17-timescaledb; or the timescale/timescaledb-ha:pg17 image)",
        "vector" => "pgvector (Debian: postgresql-17-pgvector)",
        "pgcrypto" or "pg_stat_statements" => "the PostgreSQL contrib modules (postgresql-contrib)",
        _ => $"the package that provides it",
    };
}
