namespace Schema.Core.Lint;

/// <summary>
/// <c>migrations/lint-suppressions.txt</c>: findings not tied to one statement (the live schema's tables, columns,
/// indexes, functions) and findings in scripts already applied (a comment would change their checksum), one per line:
/// <c>RULE OBJECT reason…</c>; <c>#</c> starts a comment. OBJECT is the finding's object or a dotted prefix of it
/// (<c>market.symbols</c> covers the column <c>market.symbols.name</c>, <c>market.f</c> every <c>market.f(…)</c>), or a script name, alone (every finding of
/// RULE in it) or with its line (<c>0111_x.sql:7</c>).
/// A line without a reason suppresses nothing and is itself a finding.
/// </summary>
public sealed class LintSuppressionFile
{
    public const string FileName = Scripts.FileSystemScriptProvider.LintSuppressionsFile;

    private readonly List<(string Rule, string Object, string Reason, int Line)> _entries = [];
    public List<LintFinding> Problems { get; } = [];

    public static LintSuppressionFile Read(string migrationsDirectory)
    {
        var file = new LintSuppressionFile();
        var path = Path.Combine(migrationsDirectory, FileName);
        if (!File.Exists(path)) return file;
        var lines = File.ReadAllLines(path);
        for (var i = 0; i < lines.Length; i++)
        {
            var text = lines[i];
            var hash = text.IndexOf('#');
            if (hash >= 0) text = text[..hash];
            var parts = text.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) continue;
            if (!LintRule.All.Contains(parts[0]))
                file.Problems.Add(new LintFinding(LintRule.SuppressionUnknownRule, FileName, i + 1,
                    $"unknown rule '{parts[0]}'", "use a rule id `schema lint` printed"));
            else if (parts.Length < 3)
                file.Problems.Add(new LintFinding(LintRule.SuppressionWithoutReason, FileName, i + 1,
                    $"{parts[0]} {(parts.Length > 1 ? parts[1] : "")} gives no reason, so it suppresses nothing",
                    "write RULE OBJECT reason"));
            else
                file._entries.Add((parts[0], parts[1], parts[2].Trim(), i + 1));
        }
        return file;
    }

    /// <summary>The reason and line of the entry that accepts <paramref name="finding"/>, if any.</summary>
    public (string Reason, int Line)? Match(LintFinding finding)
    {
        foreach (var e in _entries)
        {
            if (e.Rule != finding.Rule) continue;
            if (e.Object == finding.File || e.Object == $"{finding.File}:{finding.Line}") return (e.Reason, e.Line);
            if (finding.Object is { } obj && (obj == e.Object || obj.StartsWith(e.Object + ".", StringComparison.Ordinal)
                                              || obj.StartsWith(e.Object + "(", StringComparison.Ordinal)))
                return (e.Reason, e.Line);
        }
        return null;
    }
}
