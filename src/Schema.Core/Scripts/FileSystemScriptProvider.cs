using System.Text.RegularExpressions;

namespace Schema.Core.Scripts;

/// <summary>
/// Finds the scripts under a migrations folder. Versioned: <c>**/NNNN_name.sql</c> (not <c>*.down.sql</c>, not under
/// <c>repeatable/</c>), ordered by file name, ordinal. Down: <c>NNNN_name.down.sql</c> beside its script.
/// Repeatable: <c>repeatable/**/*.sql</c>, ordered by relative path.
/// </summary>
public sealed partial class FileSystemScriptProvider(string directory)
{
    public const string RepeatableFolder = "repeatable";
    public string Directory { get; } = System.IO.Path.GetFullPath(directory);

    [GeneratedRegex(@"^(?<version>\d+)_[A-Za-z0-9_\-\.]+\.sql$")]
    private static partial Regex VersionedName();

    public ScriptSet Load()
    {
        if (!System.IO.Directory.Exists(Directory))
            throw new ScriptDefinitionException($"migrations folder not found: {Directory}");

        var versioned = new List<MigrationScript>();
        var repeatable = new List<MigrationScript>();
        var downs = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = System.IO.Directory.EnumerateFiles(Directory, "*.sql", SearchOption.AllDirectories)
            .Select(f => (full: f, rel: System.IO.Path.GetRelativePath(Directory, f).Replace('\\', '/')))
            .ToList();

        foreach (var (full, rel) in files.Where(f => f.rel.EndsWith(".down.sql", StringComparison.Ordinal)))
            downs[System.IO.Path.GetFileName(rel)[..^".down.sql".Length] + ".sql"] = full;

        foreach (var (full, rel) in files.Where(f => !f.rel.EndsWith(".down.sql", StringComparison.Ordinal)))
        {
            var contents = File.ReadAllText(full);
            if (rel.StartsWith(RepeatableFolder + "/", StringComparison.Ordinal))
            {
                repeatable.Add(new MigrationScript(rel, full, ScriptKind.Repeatable, null, contents,
                    ScriptDirectives.Parse(contents, rel), null));
                continue;
            }
            var name = System.IO.Path.GetFileName(rel);
            var match = VersionedName().Match(name);
            if (!match.Success)
                throw new ScriptDefinitionException($"{rel}: a versioned script is named NNNN_description.sql (digits, underscore, name)");
            versioned.Add(new MigrationScript(name, full, ScriptKind.Versioned, match.Groups["version"].Value, contents,
                ScriptDirectives.Parse(contents, rel), downs.GetValueOrDefault(name)));
        }

        var duplicateNames = versioned.GroupBy(s => s.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicateNames.Count > 0)
            throw new ScriptDefinitionException($"the same script name appears in more than one folder: {string.Join(", ", duplicateNames)}");
        var duplicateVersions = versioned.GroupBy(s => VersionKey(s.Version!)).Where(g => g.Count() > 1).ToList();
        if (duplicateVersions.Count > 0)
            throw new ScriptDefinitionException("two scripts share a version number: " + string.Join("; ",
                duplicateVersions.Select(g => string.Join(" and ", g.Select(s => s.Name).Order(StringComparer.Ordinal)))));
        var orphanDowns = downs.Keys.Where(k => versioned.All(s => s.Name != k)).ToList();
        if (orphanDowns.Count > 0)
            throw new ScriptDefinitionException($"down script without its up script: {string.Join(", ", orphanDowns.Select(k => k[..^4] + ".down.sql"))}");

        versioned.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        repeatable.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new ScriptSet(versioned, repeatable);
    }

    /// <summary>0042 and 42 are the same version.</summary>
    public static string VersionKey(string version) => version.TrimStart('0') is { Length: > 0 } v ? v : "0";
}

public sealed record ScriptSet(IReadOnlyList<MigrationScript> Versioned, IReadOnlyList<MigrationScript> Repeatable)
{
    public MigrationScript? FindVersioned(string nameOrVersion) =>
        Versioned.FirstOrDefault(s => s.Name == nameOrVersion)
        ?? Versioned.FirstOrDefault(s => FileSystemScriptProvider.VersionKey(s.Version!) == FileSystemScriptProvider.VersionKey(nameOrVersion));
}
