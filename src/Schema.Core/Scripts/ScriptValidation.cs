namespace Schema.Core.Scripts;

/// <summary>
/// What a script may not contain, checked on its substituted text before anything runs (for every command):
/// <list type="bullet">
/// <item>an unterminated comment, quote, quoted identifier or dollar quote — the rest of the file would be one token
/// the runner cannot split, and every byte of a script must reach the server or the run must fail;</item>
/// <item>a backslash outside any string, comment or dollar quote — a psql meta-command (<c>\i</c>, <c>\set</c>,
/// <c>\!</c> runs a shell command), never SQL; <c>schema script</c> output is meant to be run with psql;</item>
/// <item>transaction control at the top level (<c>begin</c>, <c>start transaction</c>, <c>commit</c>, <c>end</c>,
/// <c>rollback</c>, <c>abort</c>, <c>prepare transaction</c>, <c>commit/rollback prepared</c>) — the runner owns the
/// transaction: it journals the script inside it, so a script that ends or replaces it gets journaled without its
/// effects or half-applied and never journaled. Savepoints (<c>savepoint</c>, <c>release</c>,
/// <c>rollback to</c>) stay inside the runner's transaction and are allowed;</item>
/// <item><c>set standard_conforming_strings</c> — it changes how later strings are lexed (backslash escapes in
/// <c>'…'</c>), and the runner lexes with it on.</item>
/// </list>
/// Errors are <c>file:line: what</c>, line counted in the original script (before variable substitution).
/// </summary>
public static class ScriptValidation
{
    public static void Check(string original, SubstitutedSql substituted, string scriptName)
    {
        var problem = FindProblem(substituted.Text);
        if (problem is not { } p) return;
        var line = TextPosition.Of(original, substituted.ToSourceOffset(p.Offset)).Line;
        throw new ScriptDefinitionException($"{scriptName}:{line}: {p.Message}");
    }

    /// <summary>The first problem in <paramref name="sql"/> with its offset, or null when the script may run.</summary>
    public static (int Offset, string Message)? FindProblem(string sql)
    {
        foreach (var token in SqlLexer.Tokenize(sql))
        {
            if (token.Unterminated)
                return (token.Start, $"unterminated {Describe(sql, token)}: it runs to the end of the script; close it");
            if (token.Kind == SqlTokenKind.Backslash)
            {
                var end = token.End;
                while (end < sql.Length && (char.IsAsciiLetter(sql[end]) || sql[end] is '!' or '?')) end++;
                return (token.Start, $"'{sql[token.Start..end]}' is a psql meta-command, not SQL: the runner does not "
                    + "run psql commands (and `schema script` output is run with psql); remove it");
            }
        }
        foreach (var statement in SqlStatementSplitter.Split(sql))
        {
            var command = TransactionControl(statement.Text);
            if (command is not null)
                return (statement.Offset, $"'{command}' controls the transaction, which the runner owns (it journals the "
                    + "script in it, or runs it without one after -- schema:no-transaction); remove it");
            if (ChangesStringLexing(statement.Text))
                return (statement.Offset, "setting standard_conforming_strings changes how the server reads every later "
                    + "'…' string, and the runner splits scripts as PostgreSQL does with it on; use E'…' for escapes");
        }
        return null;
    }

    private static string Describe(string sql, SqlToken token) => token.Kind switch
    {
        SqlTokenKind.BlockComment => "/* comment",
        SqlTokenKind.QuotedIdentifier => "quoted identifier",
        SqlTokenKind.DollarQuoted => $"dollar-quoted string {sql[token.Start..(sql.IndexOf('$', token.Start + 1) + 1)]}",
        _ => "quoted string",
    };

    /// <summary><c>set [session|local] standard_conforming_strings …</c>: later backslashes would mean something else.</summary>
    private static bool ChangesStringLexing(string statement)
    {
        var words = SqlLexer.Tokenize(statement).Where(t => !t.IsTrivia).Take(3)
            .Select(t => statement[t.Start..t.End].ToLowerInvariant()).ToList();
        if (words.Count > 1 && words[1] is "session" or "local") words.RemoveAt(1);
        return words.Count > 1 && words[0] == "set" && words[1] is "standard_conforming_strings" or "\"standard_conforming_strings\"";
    }

    /// <summary>The transaction-control words a statement starts with, or null (PostgreSQL's TransactionStmt).</summary>
    private static string? TransactionControl(string statement)
    {
        var words = SqlLexer.Tokenize(statement).Where(t => !t.IsTrivia).Take(4)
            .Select(t => t.Kind == SqlTokenKind.Word ? statement[t.Start..t.End].ToLowerInvariant() : "").ToArray();
        if (words.Length == 0) return null;
        string Words(int n) => string.Join(' ', words.Take(n));
        switch (words[0])
        {
            case "begin" or "commit" or "end" or "abort":
                return words[0];
            case "start" when words.ElementAtOrDefault(1) == "transaction":
            case "prepare" when words.ElementAtOrDefault(1) == "transaction":
                return Words(2);
            case "rollback":
                // rollback [work | transaction] to [savepoint] name: back to a savepoint, the transaction goes on.
                var next = words.ElementAtOrDefault(1) is "work" or "transaction" ? 2 : 1;
                return words.ElementAtOrDefault(next) == "to" ? null : "rollback";
            default:
                return null;
        }
    }
}
