using System.Text;
using System.Text.RegularExpressions;

namespace Schema.Core.Drift;

/// <summary>
/// Compares two dumps made by <see cref="Dump.SchemaDumper"/>: <c>expected</c> (the scripts replayed on a shadow
/// database) and <c>actual</c> (the target). A dump is sections (<c>== tables</c>) of blocks (a header line such as
/// <c>table market.symbols</c>, then facts indented by two spaces, continuation lines deeper).
/// </summary>
public static partial class DumpComparison
{
    internal sealed record Fact(string Kind, string Name, string Text);
    internal sealed record Block(string Section, string Header, string Kind, string Name, List<Fact> Facts, string Text);

    /// <summary>The objects that differ, removals first, then additions and changes, each group sorted.</summary>
    public static IReadOnlyList<DriftChange> Compare(string expected, string actual, IReadOnlySet<string>? ignoredSections = null)
    {
        var before = Parse(expected, ignoredSections);
        var after = Parse(actual, ignoredSections);
        var changes = new List<DriftChange>();
        foreach (var (key, block) in before)
            if (!after.ContainsKey(key)) changes.Add(new DriftChange('-', block.Kind, block.Name));
        foreach (var (key, block) in after)
        {
            if (!before.TryGetValue(key, out var old)) { changes.Add(new DriftChange('+', block.Kind, block.Name)); continue; }
            if (old.Text == block.Text) continue;
            changes.AddRange(CompareFacts(old, block));
        }
        return changes.Distinct().OrderBy(c => c.Change switch { '-' => 0, '+' => 1, _ => 2 })
            .ThenBy(c => c.Kind, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Named parts of a block (columns, constraints, indexes, triggers) are listed on their own; any other difference
    /// (a function body, a comment, a grant, a setting) marks the whole object as changed.
    /// </summary>
    private static IEnumerable<DriftChange> CompareFacts(Block before, Block after)
    {
        static ILookup<(string, string), string> ByPart(Block b) =>
            b.Facts.Where(f => f.Name.Length > 0).ToLookup(f => (f.Kind, f.Name), f => f.Text);
        var old = ByPart(before);
        var now = ByPart(after);
        var wholeChanged = before.Header != after.Header || !before.Facts.Where(f => f.Name.Length == 0).Select(f => f.Text)
            .SequenceEqual(after.Facts.Where(f => f.Name.Length == 0).Select(f => f.Text));
        foreach (var part in old.Where(g => !now.Contains(g.Key)))
            yield return new DriftChange('-', part.Key.Item1, part.Key.Item2);
        foreach (var part in now)
        {
            if (!old.Contains(part.Key)) yield return new DriftChange('+', part.Key.Item1, part.Key.Item2);
            else if (!old[part.Key].SequenceEqual(part)) yield return new DriftChange('~', part.Key.Item1, part.Key.Item2);
        }
        if (wholeChanged) yield return new DriftChange('~', after.Kind, after.Name);
    }

    /// <summary>A unified diff (expected → actual) of every section that differs; empty when none does.</summary>
    public static string UnifiedDiff(string expected, string actual, IReadOnlySet<string>? ignoredSections = null)
    {
        var before = Sections(expected, ignoredSections);
        var after = Sections(actual, ignoredSections);
        var sb = new StringBuilder();
        foreach (var section in before.Keys.Union(after.Keys).Order(StringComparer.Ordinal))
        {
            var a = before.GetValueOrDefault(section) ?? [];
            var b = after.GetValueOrDefault(section) ?? [];
            if (a.SequenceEqual(b)) continue;
            sb.Append($"--- expected (scripts replayed): == {section}\n+++ actual (target): == {section}\n");
            UnifiedDiffText.Append(sb, a, b, context: 3);
        }
        return sb.ToString();
    }

    /// <summary>Section name → its lines (without the <c>== name</c> line).</summary>
    private static Dictionary<string, List<string>> Sections(string dump, IReadOnlySet<string>? ignored)
    {
        var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        List<string>? current = null;
        foreach (var line in Lines(dump))
        {
            if (line.StartsWith("== ", StringComparison.Ordinal))
            {
                var name = line[3..];
                current = ignored?.Contains(name) == true ? null : sections[name] = [];
            }
            else current?.Add(line);
        }
        return sections;
    }

    private static string[] Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');

    internal static Dictionary<(string, string), Block> Parse(string dump, IReadOnlySet<string>? ignored)
    {
        var blocks = new Dictionary<(string, string), Block>();
        string? section = null;
        string? header = null;
        var facts = new List<(string First, StringBuilder Text)>();
        void Flush()
        {
            if (section is null || header is null) return;
            if (ignored?.Contains(section) != true)
            {
                var (kind, name) = SplitHeader(header);
                var list = facts.Select(f => NameFact(f.First, name, f.Text.ToString())).ToList();
                blocks[(section, kind + " " + name)] = new Block(section, header, kind, name, list,
                    header + "\n" + string.Join("\n", facts.Select(f => f.Text.ToString())));
            }
            header = null;
            facts.Clear();
        }
        foreach (var line in Lines(dump))
        {
            if (line.StartsWith("== ", StringComparison.Ordinal)) { Flush(); section = line[3..]; }
            else if (line.Length == 0 || line.StartsWith("--", StringComparison.Ordinal)) Flush();
            else if (!line.StartsWith(' ')) { Flush(); header = line; }
            else if (line.StartsWith("   ", StringComparison.Ordinal) && facts.Count > 0) facts[^1].Text.Append('\n').Append(line);
            else facts.Add((line.Trim(), new StringBuilder(line)));
        }
        Flush();
        return blocks;
    }

    /// <summary>
    /// <c>partitioned table market.ohlcv_1m</c> → (<c>partitioned table</c>, <c>market.ohlcv_1m</c>);
    /// <c>function app.f(integer) returns numeric</c> → (<c>function</c>, <c>app.f(integer)</c>): the signature names it,
    /// the rest of the header is compared as part of the object.
    /// </summary>
    private static (string Kind, string Name) SplitHeader(string header)
    {
        var open = header.IndexOf('(');
        if (open < 0)
        {
            var last = header.LastIndexOf(' ');
            return last <= 0 ? (header, "") : (header[..last], header[(last + 1)..]);
        }
        var start = header.LastIndexOf(' ', open);
        var (depth, end) = (0, header.Length);
        for (var i = open; i < header.Length; i++)
        {
            depth += header[i] == '(' ? 1 : header[i] == ')' ? -1 : 0;
            if (depth == 0) { end = i + 1; break; }
        }
        return start <= 0 ? (header, "") : (header[..start], header[(start + 1)..end]);
    }

    /// <summary>The part of the object a fact describes, when it has a name of its own; else an empty name.</summary>
    private static Fact NameFact(string first, string objectName, string text)
    {
        var schema = objectName.Contains('.') ? objectName[..objectName.IndexOf('.')] : "";
        var m = NamedPart().Match(first);
        if (m.Success) return new Fact(m.Groups["kind"].Value, $"{objectName}.{m.Groups["name"].Value}", text);
        m = IndexDefinition().Match(first);
        if (m.Success) return new Fact("index", schema.Length > 0 ? $"{schema}.{m.Groups["name"].Value}" : m.Groups["name"].Value, text);
        return new Fact("", "", text);
    }

    [GeneratedRegex(@"^(?<kind>column|constraint|trigger|policy|rule) (?<name>""(?:[^""]|"""")*""|\S+)")]
    private static partial Regex NamedPart();

    [GeneratedRegex(@"^CREATE (?:UNIQUE )?INDEX (?<name>""(?:[^""]|"""")*""|\S+) ON ")]
    private static partial Regex IndexDefinition();
}
