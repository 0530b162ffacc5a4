using System.Text.RegularExpressions;

namespace Schema.Core.Lint;

/// <summary>
/// Where a live-schema finding points: the statement of the linted scripts that creates the object (a table, a
/// function, an index), else the first one that names it; else nowhere (the object was not made by a linted script).
/// </summary>
public sealed class ScriptLocator(IReadOnlyList<LintedScript> scripts)
{
    public (string File, int Line) Locate(string qualifiedName)
    {
        var parts = qualifiedName.Split('.').Select(p => p.Trim('"')).ToArray();
        var bare = parts[^1];
        var qualified = string.Join(@"\s*\.\s*", parts.Select(p => "\"?" + Regex.Escape(p) + "\"?"));
        var creates = new Regex(
            @"^create\s+(?:or\s+replace\s+)?(?:unlogged\s+)?(?:unique\s+)?(?:table|function|procedure|index|view|materialized\s+view)" +
            $@"\s+(?:concurrently\s+)?(?:if\s+not\s+exists\s+)?(?:{qualified}|""?{Regex.Escape(bare)}""?)(?![\w$])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        var mentions = new Regex($@"(?<![\w$]){Regex.Escape(bare)}(?![\w$])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        foreach (var pattern in new[] { creates, mentions })
            foreach (var script in scripts)
                foreach (var statement in script.Statements)
                    if (pattern.IsMatch(statement.Text))
                        return (script.Name, statement.Line);
        return ("(schema)", 0);
    }
}
