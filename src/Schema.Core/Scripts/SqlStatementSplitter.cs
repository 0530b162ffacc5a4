namespace Schema.Core.Scripts;

/// <summary>A statement of a script and where it starts in the (substituted) script text.</summary>
public sealed record SqlStatement(int Offset, string Text);

/// <summary>
/// Splits a script into statements at top-level semicolons. The runner sends statements one at a time because
/// PostgreSQL runs a multi-statement extended-protocol batch as one implicit transaction (which breaks
/// <c>create index concurrently</c> in no-transaction scripts), and because knowing each statement's offset maps a
/// server error position back to the script's line and column.
/// </summary>
public static class SqlStatementSplitter
{
    public static IReadOnlyList<SqlStatement> Split(string sql)
    {
        var statements = new List<SqlStatement>();
        var start = 0;
        var i = 0;
        var hasCode = false;
        while (i < sql.Length)
        {
            var commentEnd = SqlLexer.CommentEnd(sql, i);
            if (commentEnd >= 0) { i = commentEnd; continue; }
            var quotedEnd = SqlLexer.QuotedEnd(sql, i);
            if (quotedEnd >= 0) { hasCode = true; i = quotedEnd; continue; }
            var tag = SqlLexer.DollarTagLength(sql, i);
            if (tag > 0)
            {
                hasCode = true;
                var close = sql.IndexOf(sql.Substring(i, tag), i + tag, StringComparison.Ordinal);
                i = close < 0 ? sql.Length : close + tag;
                continue;
            }
            if (sql[i] == ';')
            {
                if (hasCode) Add(statements, sql, start, i);
                start = i + 1;
                hasCode = false;
                i++;
                continue;
            }
            if (!char.IsWhiteSpace(sql[i])) hasCode = true;
            i++;
        }
        if (hasCode) Add(statements, sql, start, sql.Length);
        return statements;
    }

    private static void Add(List<SqlStatement> list, string sql, int start, int end)
    {
        // Skip leading whitespace and comments so the statement starts at its first token (the error position the
        // server reports is relative to what we send).
        var s = start;
        while (s < end)
        {
            if (char.IsWhiteSpace(sql[s])) { s++; continue; }
            var ce = SqlLexer.CommentEnd(sql, s);
            if (ce >= 0 && ce <= end) { s = ce; continue; }
            break;
        }
        var e = end;
        while (e > s && char.IsWhiteSpace(sql[e - 1])) e--;
        if (e > s) list.Add(new SqlStatement(s, sql[s..e]));
    }
}
