namespace Schema.Core.Market;

/// <summary>What a load did.</summary>
public sealed record LoadResult(string Symbol, int Bars, DateTime First, DateTime Last, int PartitionsCreated, long WindowRows);
