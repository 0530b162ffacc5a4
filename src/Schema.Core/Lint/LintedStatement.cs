namespace Schema.Core.Lint;

/// <summary>A statement of a linted script: its text (variables substituted), the line it starts on and the
/// suppressions that apply to it.</summary>
public sealed record LintedStatement(string Text, int Line, IReadOnlyList<LintIgnore> Ignores)
{
    /// <summary>True when the statement holds a semicolon (sent as one piece, like the runner does).</summary>
    public bool HasInnerSemicolon => Text.Contains(';');
}
