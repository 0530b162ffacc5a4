namespace Schema.Core.Scripts;

/// <summary>
/// The little SQL lexing the runner needs: where comments, quoted strings, quoted identifiers and dollar-quoted
/// bodies start and end, so statement splitting and variable substitution never look inside the wrong thing.
/// </summary>
internal static class SqlLexer
{
    public static bool IsIdentStart(char c) => char.IsLetter(c) || c == '_';
    public static bool IsIdentPart(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '$';

    /// <summary>If a <c>$tag$</c> starts at <paramref name="i"/>, its length; otherwise 0. <c>$1</c> and <c>a$b</c> are not tags.</summary>
    public static int DollarTagLength(string s, int i)
    {
        if (s[i] != '$') return 0;
        if (i > 0 && IsIdentPart(s[i - 1])) return 0;
        var j = i + 1;
        if (j < s.Length && s[j] == '$') return 2;
        if (j >= s.Length || !IsIdentStart(s[j])) return 0;
        while (j < s.Length && (char.IsLetterOrDigit(s[j]) || s[j] == '_')) j++;
        return j < s.Length && s[j] == '$' ? j - i + 1 : 0;
    }

    /// <summary>End (exclusive) of the comment starting at i, or -1 if none starts there. Block comments nest.</summary>
    public static int CommentEnd(string s, int i)
    {
        if (i + 1 >= s.Length) return -1;
        if (s[i] == '-' && s[i + 1] == '-')
        {
            var nl = s.IndexOf('\n', i);
            return nl < 0 ? s.Length : nl + 1;
        }
        if (s[i] == '/' && s[i + 1] == '*')
        {
            var depth = 1;
            var j = i + 2;
            while (j < s.Length && depth > 0)
            {
                if (j + 1 < s.Length && s[j] == '/' && s[j + 1] == '*') { depth++; j += 2; }
                else if (j + 1 < s.Length && s[j] == '*' && s[j + 1] == '/') { depth--; j += 2; }
                else j++;
            }
            return j;
        }
        return -1;
    }

    /// <summary>End (exclusive) of a quoted string or identifier starting at i ('…', E'…', "…"), or -1.</summary>
    public static int QuotedEnd(string s, int i)
    {
        var c = s[i];
        var backslashEscapes = false;
        if ((c == 'E' || c == 'e') && i + 1 < s.Length && s[i + 1] == '\'' && (i == 0 || !IsIdentPart(s[i - 1])))
        {
            backslashEscapes = true;
            i++;
            c = '\'';
        }
        if (c != '\'' && c != '"') return -1;
        var j = i + 1;
        while (j < s.Length)
        {
            if (backslashEscapes && s[j] == '\\') { j += 2; continue; }
            if (s[j] == c)
            {
                if (j + 1 < s.Length && s[j + 1] == c) { j += 2; continue; } // doubled quote
                return j + 1;
            }
            j++;
        }
        return s.Length;
    }
}
