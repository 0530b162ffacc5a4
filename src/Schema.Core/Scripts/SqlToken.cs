namespace Schema.Core.Scripts;

/// <summary>One token: [Start, End) in the text; <see cref="Unterminated"/> when the text ends inside it.</summary>
internal readonly record struct SqlToken(SqlTokenKind Kind, int Start, int End, bool Unterminated = false)
{
    public bool IsTrivia => Kind is SqlTokenKind.Whitespace or SqlTokenKind.LineComment or SqlTokenKind.BlockComment;
}
