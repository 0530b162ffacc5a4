namespace Schema.Core.Docs;

/// <summary>
/// A TimescaleDB hypertable: its dimensions (the first is the time column with its chunk interval), compression
/// (enabled, segmentby, orderby) and retention/compression policies.
/// </summary>
public sealed record DocHypertable(IReadOnlyList<DocDimension> Dimensions, bool CompressionEnabled,
                                   string? SegmentBy, string? OrderBy, IReadOnlyList<DocPolicy> Policies);
