namespace Schema.Core.Scripts;

/// <summary>
/// Splits a script into statements at top-level semicolons the way psql does: not inside comments, quotes, dollar
/// quotes or parentheses, nor inside the <c>begin atomic … end</c> body of
/// <c>create [or replace] function|procedure</c>.
/// The runner sends statements one at a time because PostgreSQL runs a multi-statement extended-protocol batch as one
/// implicit transaction (which breaks <c>create index concurrently</c> in no-transaction scripts), and because knowing
/// each statement's offset maps a server error position back to the script's line and column.
/// Nothing is dropped: text between semicolons that holds anything but whitespace and complete comments is a
/// statement, so an unterminated comment, quote or dollar quote at the end reaches the server, which rejects it.
/// </summary>
public static class SqlStatementSplitter
{
    public static IReadOnlyList<SqlStatement> Split(string sql)
    {
        var statements = new List<SqlStatement>();
        var state = new StatementState();
        int? first = null; // first token of the current statement that is not whitespace or a complete comment
        var last = 0;      // end of its last token that is not whitespace
        foreach (var token in SqlLexer.Tokenize(sql))
        {
            if (token.Kind == SqlTokenKind.Semicolon && state.AtTopLevel)
            {
                if (first is { } s) statements.Add(new SqlStatement(s, sql[s..last]));
                first = null;
                state = new StatementState();
                continue;
            }
            if (token.Kind == SqlTokenKind.Whitespace) continue;
            if (first is null && token.IsTrivia && !token.Unterminated) continue;
            first ??= token.Start;
            last = token.End;
            state.Add(sql, token);
        }
        if (first is { } start) statements.Add(new SqlStatement(start, sql[start..last]));
        return statements;
    }

    /// <summary>
    /// psql's heuristic (psqlscan.l) for where a semicolon ends a statement: parentheses, and <c>begin</c>/<c>case</c>
    /// … <c>end</c> nesting once the statement starts with <c>create [or replace] function|procedure</c>.
    /// </summary>
    private sealed class StatementState
    {
        private int _parenDepth;
        private int _beginDepth;
        private int _words;
        private readonly char[] _leading = new char[4];

        public bool AtTopLevel => _parenDepth == 0 && _beginDepth == 0;

        public void Add(string sql, SqlToken token)
        {
            switch (token.Kind)
            {
                case SqlTokenKind.OpenParen: _parenDepth++; return;
                case SqlTokenKind.CloseParen: if (_parenDepth > 0) _parenDepth--; return;
                case SqlTokenKind.Word: break;
                default: return;
            }
            var word = sql.AsSpan(token.Start, token.End - token.Start);
            if (_words < _leading.Length && IsAny(word, "create", "function", "procedure", "or", "replace"))
                _leading[_words] = char.ToLowerInvariant(word[0]);
            _words++;
            var routine = _leading[0] == 'c' && (_leading[1] is 'f' or 'p'
                || _leading[1] == 'o' && _leading[2] == 'r' && _leading[3] is 'f' or 'p');
            if (!routine || _parenDepth > 0) return;
            if (word.Equals("begin", StringComparison.OrdinalIgnoreCase)) _beginDepth++;
            else if (word.Equals("case", StringComparison.OrdinalIgnoreCase) && _beginDepth > 0) _beginDepth++;
            else if (word.Equals("end", StringComparison.OrdinalIgnoreCase) && _beginDepth > 0) _beginDepth--;
        }

        private static bool IsAny(ReadOnlySpan<char> word, params string[] candidates)
        {
            foreach (var c in candidates)
                if (word.Equals(c, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }
    }
}
