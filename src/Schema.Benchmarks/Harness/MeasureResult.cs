namespace Schema.Benchmarks.Harness;

/// <summary>What one measure reports: its figures, free-form notes (extra tables, sizes) and, when a figure missed its
/// target, why and what would fix it.</summary>
public sealed record MeasureResult(
    int Number,
    string Title,
    string Setup,
    IReadOnlyList<Figure> Figures,
    IReadOnlyList<string> Notes,
    string? WhenMissed,
    TimeSpan Took,
    string? Error = null)
{
    public bool AnyMissed => Figures.Any(f => f.Met == false);
}
