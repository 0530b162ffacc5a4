namespace Schema.Core.Drift;

/// <summary>What <see cref="DriftCheck"/> found. Equal when no object and no dump line differs.</summary>
public sealed record DriftReport(
    IReadOnlyList<DriftChange> Changes,
    string UnifiedDiff,
    IReadOnlyList<string> Replayed,
    IReadOnlyList<string> DeferredOnShadow,
    IReadOnlyList<string> IgnoredSections,
    string ShadowDatabase)
{
    public bool Equal => Changes.Count == 0 && UnifiedDiff.Length == 0;
}
