namespace Schema.Core.Docs;

/// <summary>A hypertable dimension: the column, its kind (time or space), chunk interval or number of partitions.</summary>
public sealed record DocDimension(int Number, string Column, string Kind, string? ChunkInterval, int? Partitions);
