namespace Schema.Core.Market;

/// <summary>A seeded session the sample fills with bars.</summary>
public sealed record SampleSession(DateOnly Date, DateTime Start, DateTime End);
