namespace Schema.Core.Lint;

/// <summary>
/// One thing <c>schema lint</c> objects to: the rule, where (script and line; <c>Object</c> for findings on the live
/// schema), one line saying what is wrong and one saying how to fix it.
/// </summary>
public sealed record LintFinding(string Rule, string File, int Line, string Message, string Fix, string? Object = null)
{
    public string Location => Line > 0 ? $"{File}:{Line}" : File;
}
