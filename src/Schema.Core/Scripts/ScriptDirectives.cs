namespace Schema.Core.Scripts;

/// <summary>
/// Directives read from the header of a script — every comment (<c>--</c> lines and <c>/* */</c> blocks) before the
/// first SQL token: <c>-- schema:no-transaction</c> and <c>-- schema:requires &lt;capability&gt;</c> (repeatable).
/// A <c>-- schema:</c> comment anywhere else would be ignored, so it is an error naming file:line (a directive quoted
/// inside a string or a block comment further down does nothing). <c>-- schema:lint-ignore RULE reason</c> is the
/// exception: it may stand before any statement and is read by <c>schema lint</c> (Lint/LintIgnore).
/// </summary>
public sealed record ScriptDirectives(bool NoTransaction, IReadOnlyList<Capability> Requires)
{
    public static readonly ScriptDirectives None = new(false, []);

    /// <summary><c>-- schema:lint-ignore RULE reason</c>: read by <c>schema lint</c>, accepted anywhere in a script.</summary>
    public const string LintIgnore = "lint-ignore";

    public static ScriptDirectives Parse(string contents, string scriptName)
    {
        var noTransaction = false;
        var requires = new List<Capability>();
        var inHeader = true;
        var from = contents.StartsWith('\uFEFF') ? 1 : 0;
        foreach (var token in SqlLexer.Tokenize(contents[from..]))
        {
            if (!token.IsTrivia) inHeader = false;
            if (token.Kind != SqlTokenKind.LineComment) continue;
            var body = contents.Substring(from + token.Start + 2, token.End - token.Start - 2).Trim();
            if (!body.StartsWith("schema:", StringComparison.Ordinal)) continue;
            var directive = body["schema:".Length..].Trim();
            var lineNumber = TextPosition.Of(contents, from + token.Start).Line;
            // `schema lint`'s suppressions apply to the next statement, so they belong anywhere; lint reads them itself.
            if (directive == LintIgnore || directive.StartsWith(LintIgnore + " ", StringComparison.Ordinal)) continue;
            if (!inHeader)
                throw new ScriptDefinitionException($"{scriptName}:{lineNumber}: 'schema:{directive}' after the first SQL "
                    + "statement would be ignored: directives count only in the leading comments; move it up");
            if (directive == "no-transaction")
                noTransaction = true;
            else if (directive.StartsWith("requires ", StringComparison.Ordinal))
                requires.Add(Capability.Parse(directive["requires ".Length..].Trim(), scriptName, lineNumber));
            else
                throw new ScriptDefinitionException($"{scriptName}:{lineNumber}: unknown directive 'schema:{directive}' (known: schema:no-transaction, schema:requires <capability>, schema:lint-ignore <rule> <reason>)");
        }
        return new ScriptDirectives(noTransaction, requires);
    }
}
