namespace Schema.Core.Scripts;

/// <summary>The kinds of lexical token the runner tells apart (PostgreSQL's scan.l is the reference).</summary>
internal enum SqlTokenKind
{
    Whitespace,
    LineComment,
    BlockComment,
    /// <summary><c>'…'</c>, <c>E'…'</c>, <c>U&amp;'…'</c>, <c>B'…'</c>, <c>X'…'</c>, <c>N'…'</c>.</summary>
    String,
    /// <summary><c>"…"</c> or <c>U&amp;"…"</c>.</summary>
    QuotedIdentifier,
    DollarQuoted,
    /// <summary>An identifier or keyword (may contain <c>$</c> after its first character).</summary>
    Word,
    Number,
    /// <summary><c>$1</c>.</summary>
    Parameter,
    Semicolon,
    OpenParen,
    CloseParen,
    /// <summary>A backslash outside any string, comment or dollar quote: a psql meta-command, never SQL.</summary>
    Backslash,
    Other,
}
