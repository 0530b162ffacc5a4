namespace Schema.Core.Docs;

/// <summary>
/// Declarative partitioning of a root table, summarised (never one entry per leaf): strategy and key, the keys of
/// partitioned partitions one level down, and how many direct partitions, leaves and levels there are.
/// </summary>
public sealed record DocPartitioning(string Key, string? SubpartitionKeys, long Partitions, long Leaves, int Levels);
