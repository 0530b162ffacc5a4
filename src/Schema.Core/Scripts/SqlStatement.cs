namespace Schema.Core.Scripts;

/// <summary>A statement of a script and where it starts in the (substituted) script text.</summary>
public sealed record SqlStatement(int Offset, string Text)
{
    /// <summary>
    /// True when the statement holds a semicolon anywhere (a <c>begin atomic</c> body, parentheses, a string, a
    /// comment, a dollar quote): it must reach the server as one piece, not be split again by a driver whose own
    /// lexer knows less than this one (Npgsql's knows neither <c>begin atomic</c> nor non-Latin-1 dollar tags).
    /// </summary>
    public bool HasInnerSemicolon => Text.Contains(';');

    /// <summary>
    /// The offset in <see cref="Text"/> of the server's 1-based error position, which counts characters (code
    /// points), not UTF-16 units: a character outside the BMP (an emoji, 𝔸) is one position but two chars here.
    /// </summary>
    public int OffsetOfServerPosition(int position)
    {
        var offset = 0;
        for (var n = 1; n < position && offset < Text.Length; n++)
            offset += char.IsSurrogatePair(Text, offset) ? 2 : 1;
        return offset;
    }
}
