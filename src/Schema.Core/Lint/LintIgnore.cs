using Schema.Core.Scripts;

namespace Schema.Core.Lint;

/// <summary>
/// <c>-- schema:lint-ignore RULE reason</c> in a script: accepts findings of RULE on the statement the comment stands
/// in or before (the next statement). The reason is mandatory: a suppression without one suppresses nothing and is
/// itself a finding, as is one naming an unknown rule.
/// </summary>
public sealed record LintIgnore(string Rule, string Reason, int Line, int Offset)
{
    private const string Prefix = "schema:" + ScriptDirectives.LintIgnore;

    /// <summary>The suppressions of <paramref name="text"/> (offsets in it), and findings for malformed ones.</summary>
    public static (List<LintIgnore> Ignores, List<LintFinding> Problems) Read(string text, string file,
        Func<int, int> lineOf)
    {
        var ignores = new List<LintIgnore>();
        var problems = new List<LintFinding>();
        foreach (var token in SqlLexer.Tokenize(text))
        {
            if (token.Kind != SqlTokenKind.LineComment) continue;
            var body = text.Substring(token.Start + 2, token.End - token.Start - 2).Trim();
            if (!body.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            var rest = body[Prefix.Length..];
            if (rest.Length > 0 && !char.IsWhiteSpace(rest[0])) continue;
            var parts = rest.Trim().Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries);
            var line = lineOf(token.Start);
            if (parts.Length == 0 || !LintRule.All.Contains(parts[0]))
            {
                problems.Add(new LintFinding(LintRule.SuppressionUnknownRule, file, line,
                    $"lint-ignore names {(parts.Length == 0 ? "no rule" : $"an unknown rule '{parts[0]}'")}",
                    "write `-- schema:lint-ignore RULE reason` with a rule id `schema lint` printed"));
                continue;
            }
            if (parts.Length < 2 || string.IsNullOrWhiteSpace(parts[1]))
            {
                problems.Add(new LintFinding(LintRule.SuppressionWithoutReason, file, line,
                    $"lint-ignore {parts[0]} gives no reason, so it suppresses nothing",
                    $"say why the finding is acceptable: `-- schema:lint-ignore {parts[0]} <reason>`"));
                continue;
            }
            ignores.Add(new LintIgnore(parts[0], parts[1].Trim(), line, token.Start));
        }
        return (ignores, problems);
    }
}
