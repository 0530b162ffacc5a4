namespace Schema.Core.Scripts;

/// <summary>
/// Line and column (1-based) of an offset in a text. Lines end at LF, CRLF or a lone CR (as PostgreSQL's lexer sees
/// them); columns count characters (code points, as the server does), so a character outside the BMP is one column.
/// </summary>
public readonly record struct TextPosition(int Line, int Column)
{
    public static TextPosition Of(string text, int offset)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        var line = 1;
        var column = 1;
        for (var i = 0; i < offset; i++)
        {
            var c = text[i];
            if (c == '\n' || c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')) { line++; column = 1; }
            else if (!char.IsLowSurrogate(c) || i == 0 || !char.IsHighSurrogate(text[i - 1])) column++;
        }
        return new TextPosition(line, column);
    }

    public override string ToString() => $"{Line}:{Column}";
}
