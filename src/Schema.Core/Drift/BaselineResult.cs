namespace Schema.Core.Drift;

/// <summary>The outcome of <see cref="Baseline.RunAsync"/>: the scripts journaled (none when refused) and the comparison.</summary>
public sealed record BaselineResult(bool Adopted, IReadOnlyList<string> Journaled, DriftReport Report);
