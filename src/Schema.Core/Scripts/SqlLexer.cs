namespace Schema.Core.Scripts;

/// <summary>
/// The little SQL lexing the runner needs, following PostgreSQL's own lexer (scan.l) with
/// <c>standard_conforming_strings</c> on: where comments (<c>--</c> ends at LF or CR; <c>/* */</c> nests), quoted
/// strings (<c>E'…'</c> has backslash escapes, the others do not), quoted identifiers and dollar-quoted bodies start
/// and end, so statement splitting, validation and variable substitution never look inside the wrong thing. The
/// tokens cover the text completely: every character belongs to exactly one token.
/// </summary>
internal static class SqlLexer
{
    // scan.l: ident_start [A-Za-z\200-\377_], ident_cont adds [0-9\$]; every non-ASCII character counts as a letter.
    public static bool IsIdentStart(char c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '_' or >= '\u0080';
    public static bool IsIdentPart(char c) => IsIdentStart(c) || c is >= '0' and <= '9' or '$';
    private static bool IsDollarTagPart(char c) => IsIdentStart(c) || c is >= '0' and <= '9';
    public static bool IsWhitespace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';

    /// <summary>
    /// If a <c>$tag$</c> starts at <paramref name="i"/>, its length; otherwise 0. <c>$1</c> and <c>a$b</c> are not tags.
    /// </summary>
    public static int DollarTagLength(string s, int i)
    {
        if (s[i] != '$') return 0;
        if (i > 0 && IsIdentPart(s[i - 1])) return 0;
        return TagAt(s, i);
    }

    /// <summary>Length of <c>$tag$</c> at i regardless of what precedes it, or 0.</summary>
    private static int TagAt(string s, int i)
    {
        var j = i + 1;
        if (j < s.Length && s[j] == '$') return 2;
        if (j >= s.Length || !IsIdentStart(s[j])) return 0;
        while (j < s.Length && IsDollarTagPart(s[j])) j++;
        return j < s.Length && s[j] == '$' ? j - i + 1 : 0;
    }

    /// <summary>End (exclusive) of the comment starting at i, or -1 if none starts there. Block comments nest.</summary>
    public static int CommentEnd(string s, int i)
    {
        if (i + 1 >= s.Length) return -1;
        if (s[i] == '-' && s[i + 1] == '-')
        {
            var nl = s.IndexOfAny(['\n', '\r'], i);
            return nl < 0 ? s.Length : nl;
        }
        if (s[i] == '/' && s[i + 1] == '*') return BlockCommentEnd(s, i, out _);
        return -1;
    }

    private static int BlockCommentEnd(string s, int i, out bool unterminated)
    {
        var depth = 1;
        var j = i + 2;
        while (j < s.Length && depth > 0)
        {
            if (j + 1 < s.Length && s[j] == '/' && s[j + 1] == '*') { depth++; j += 2; }
            else if (j + 1 < s.Length && s[j] == '*' && s[j + 1] == '/') { depth--; j += 2; }
            else j++;
        }
        unterminated = depth > 0;
        return j;
    }

    /// <summary>End (exclusive) of a quoted string or identifier starting at i ('…', E'…', "…"), or -1.</summary>
    public static int QuotedEnd(string s, int i)
    {
        var c = s[i];
        if ((c == 'E' || c == 'e') && i + 1 < s.Length && s[i + 1] == '\'' && (i == 0 || !IsIdentPart(s[i - 1])))
            return QuoteEnd(s, i + 1, backslashEscapes: true, out _);
        return c is '\'' or '"' ? QuoteEnd(s, i, backslashEscapes: false, out _) : -1;
    }

    /// <summary>End of the quoted text opening at <paramref name="quote"/>; a doubled quote is one character.</summary>
    private static int QuoteEnd(string s, int quote, bool backslashEscapes, out bool unterminated)
    {
        var q = s[quote];
        var j = quote + 1;
        while (j < s.Length)
        {
            if (backslashEscapes && s[j] == '\\') { j += 2; continue; }
            if (s[j] == q)
            {
                if (j + 1 < s.Length && s[j + 1] == q) { j += 2; continue; }
                unterminated = false;
                return j + 1;
            }
            j++;
        }
        unterminated = true;
        return s.Length;
    }

    /// <summary>The tokens of <paramref name="s"/>, in order, covering it completely.</summary>
    public static IEnumerable<SqlToken> Tokenize(string s)
    {
        var i = 0;
        while (i < s.Length)
        {
            var token = Next(s, i);
            yield return token;
            i = token.End;
        }
    }

    private static SqlToken Next(string s, int i)
    {
        var c = s[i];
        var next = i + 1 < s.Length ? s[i + 1] : '\0';
        bool open;
        int end;
        if (IsWhitespace(c))
        {
            end = i + 1;
            while (end < s.Length && IsWhitespace(s[end])) end++;
            return new SqlToken(SqlTokenKind.Whitespace, i, end);
        }
        if (c == '-' && next == '-') return new SqlToken(SqlTokenKind.LineComment, i, CommentEnd(s, i));
        if (c == '/' && next == '*')
        {
            end = BlockCommentEnd(s, i, out open);
            return new SqlToken(SqlTokenKind.BlockComment, i, end, open);
        }
        if (c == '\'')
        {
            end = QuoteEnd(s, i, backslashEscapes: false, out open);
            return new SqlToken(SqlTokenKind.String, i, end, open);
        }
        if (c == '"')
        {
            end = QuoteEnd(s, i, backslashEscapes: false, out open);
            return new SqlToken(SqlTokenKind.QuotedIdentifier, i, end, open);
        }
        if (next == '\'' && c is 'e' or 'E')
        {
            end = QuoteEnd(s, i + 1, backslashEscapes: true, out open);
            return new SqlToken(SqlTokenKind.String, i, end, open);
        }
        if (next == '\'' && c is 'b' or 'B' or 'x' or 'X' or 'n' or 'N')
        {
            end = QuoteEnd(s, i + 1, backslashEscapes: false, out open);
            return new SqlToken(SqlTokenKind.String, i, end, open);
        }
        if (c is 'u' or 'U' && next == '&' && i + 2 < s.Length && s[i + 2] is '\'' or '"')
        {
            end = QuoteEnd(s, i + 2, backslashEscapes: false, out open);
            return new SqlToken(s[i + 2] == '"' ? SqlTokenKind.QuotedIdentifier : SqlTokenKind.String, i, end, open);
        }
        if (IsIdentStart(c))
        {
            end = i + 1;
            while (end < s.Length && IsIdentPart(s[end])) end++;
            return new SqlToken(SqlTokenKind.Word, i, end);
        }
        if (c is >= '0' and <= '9' || c == '.' && next is >= '0' and <= '9')
            return new SqlToken(SqlTokenKind.Number, i, NumberEnd(s, i));
        if (c == '$')
        {
            if (next is >= '0' and <= '9')
            {
                end = i + 1;
                while (end < s.Length && s[end] is >= '0' and <= '9') end++;
                return new SqlToken(SqlTokenKind.Parameter, i, end);
            }
            var tag = TagAt(s, i);
            if (tag > 0)
            {
                var close = s.IndexOf(s.Substring(i, tag), i + tag, StringComparison.Ordinal);
                return close < 0
                    ? new SqlToken(SqlTokenKind.DollarQuoted, i, s.Length, Unterminated: true)
                    : new SqlToken(SqlTokenKind.DollarQuoted, i, close + tag);
            }
        }
        var kind = c switch
        {
            ';' => SqlTokenKind.Semicolon,
            '(' => SqlTokenKind.OpenParen,
            ')' => SqlTokenKind.CloseParen,
            '\\' => SqlTokenKind.Backslash,
            _ => SqlTokenKind.Other,
        };
        return new SqlToken(kind, i, i + 1);
    }

    // Digits, '.', '_', an exponent sign, and letters run on (PostgreSQL rejects those as trailing junk; what matters
    // here is only that a number never swallows a quote, a '$' or a comment).
    private static int NumberEnd(string s, int i)
    {
        var end = i + 1;
        while (end < s.Length)
        {
            var ch = s[end];
            if (ch is >= '0' and <= '9' or '.' or '_' || IsIdentStart(ch)) { end++; continue; }
            if (ch is '+' or '-' && s[end - 1] is 'e' or 'E' && end + 1 < s.Length && s[end + 1] is >= '0' and <= '9')
            {
                end++;
                continue;
            }
            break;
        }
        return end;
    }
}
