using System.Text.RegularExpressions;

namespace Schema.Core.Scripts;

/// <summary>
/// Finds the scripts under a migrations folder. Versioned: <c>**/NNNN_name.sql</c> (not <c>*.down.sql</c>, not under
/// <c>repeatable/</c>), ordered by version as a number. Down: <c>NNNN_name.down.sql</c> beside its script.
/// Repeatable: <c>repeatable/**/*.sql</c>, ordered by relative path. Every file is read as strict UTF-8.
/// Nothing is skipped silently: a file that looks like a script but does not match exactly (<c>0002_x.SQL</c>), a
/// dangling symbolic link or an empty folder stops the run; any other file is listed in <see cref="ScriptSet.Ignored"/>
/// for the engine to warn about. Hidden files and folders (<c>.gitkeep</c>) are skipped.
/// </summary>
public sealed partial class FileSystemScriptProvider(string directory)
{
    public const string RepeatableFolder = "repeatable";
    private const string ScriptExtension = ".sql", DownExtension = ".down.sql";

    /// <summary><c>schema lint</c>'s suppressions of findings not tied to a statement: not a script, not warned about.</summary>
    public const string LintSuppressionsFile = "lint-suppressions.txt";
    public string Directory { get; } = System.IO.Path.GetFullPath(directory);

    [GeneratedRegex(@"^(?<version>\d+)_[A-Za-z0-9_\-\.]+\.sql$")]
    private static partial Regex VersionedName();

    public ScriptSet Load()
    {
        if (!System.IO.Directory.Exists(Directory))
            throw new ScriptDefinitionException($"migrations folder not found: {Directory}");

        var versioned = new List<MigrationScript>();
        var repeatable = new List<MigrationScript>();
        var ignored = new List<string>();
        var downs = new Dictionary<string, (string Full, string Rel)>(StringComparer.Ordinal);
        var scripts = new List<(string Full, string Rel)>();
        foreach (var (full, rel) in Files())
        {
            if (ScriptText.DanglingLinkTarget(full) is { } target)
                throw new ScriptDefinitionException($"{rel}: a symbolic link to {target}, which does not exist");
            if (rel.EndsWith(DownExtension, StringComparison.Ordinal))
                downs[System.IO.Path.GetFileName(rel)[..^DownExtension.Length] + ScriptExtension] = (full, rel);
            else if (rel.EndsWith(ScriptExtension, StringComparison.Ordinal))
                scripts.Add((full, rel));
            else if (rel.EndsWith(ScriptExtension, StringComparison.OrdinalIgnoreCase))
                throw new ScriptDefinitionException($"{rel}: scripts end in lowercase {ScriptExtension} (rename it, or move it out of the migrations folder)");
            else if (rel != LintSuppressionsFile)
                ignored.Add(rel);
        }

        foreach (var (full, rel) in scripts)
        {
            var contents = ScriptText.Read(full, rel);
            if (rel.StartsWith(RepeatableFolder + "/", StringComparison.Ordinal))
            {
                repeatable.Add(new MigrationScript(rel, full, ScriptKind.Repeatable, null, contents,
                    ScriptDirectives.Parse(contents, rel), null));
                continue;
            }
            var name = System.IO.Path.GetFileName(rel);
            var match = VersionedName().Match(name);
            if (!match.Success || name.Contains(DownExtension, StringComparison.OrdinalIgnoreCase))
                throw new ScriptDefinitionException($"{rel}: a versioned script is named NNNN_description.sql (digits, underscore, name)");
            var down = downs.TryGetValue(name, out var d) ? d : default;
            versioned.Add(new MigrationScript(name, full, ScriptKind.Versioned, match.Groups["version"].Value, contents,
                ScriptDirectives.Parse(contents, rel), down.Full)
            {
                DownContents = down.Full is null ? null : ScriptText.Read(down.Full, down.Rel),
            });
        }

        if (versioned.Count == 0 && repeatable.Count == 0)
            throw new ScriptDefinitionException($"no migration scripts in {Directory} (expected NNNN_description.sql files); nothing was done");
        var duplicateNames = versioned.GroupBy(s => s.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicateNames.Count > 0)
            throw new ScriptDefinitionException($"the same script name appears in more than one folder: {string.Join(", ", duplicateNames)}");
        var duplicateVersions = versioned.GroupBy(s => ScriptVersion.Key(s.Version!)).Where(g => g.Count() > 1).ToList();
        if (duplicateVersions.Count > 0)
            throw new ScriptDefinitionException("two scripts share a version number: " + string.Join("; ",
                duplicateVersions.Select(g => string.Join(" and ", g.Select(s => s.Name).Order(StringComparer.Ordinal)))));
        var orphanDowns = downs.Keys.Where(k => versioned.All(s => s.Name != k)).ToList();
        if (orphanDowns.Count > 0)
            throw new ScriptDefinitionException($"down script without its up script: {string.Join(", ", orphanDowns.Select(k => k[..^4] + DownExtension))}");

        versioned.Sort(ScriptVersion.ScriptOrder);
        repeatable.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        ignored.Sort(StringComparer.Ordinal);
        return new ScriptSet(versioned, repeatable) { Ignored = ignored };
    }

    /// <summary>Every file under the folder except hidden ones (and those in hidden folders), as full and relative paths.</summary>
    private IEnumerable<(string Full, string Rel)> Files() =>
        System.IO.Directory.EnumerateFiles(Directory, "*", new EnumerationOptions
            {
                RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false, MatchCasing = MatchCasing.CaseSensitive,
            })
            .Select(f => (full: f, rel: System.IO.Path.GetRelativePath(Directory, f).Replace('\\', '/')))
            .Where(f => !f.rel.Split('/').Any(part => part.StartsWith('.')));

    /// <summary>0042 and 42 are the same version.</summary>
    public static string VersionKey(string version) => ScriptVersion.Key(version);
}
