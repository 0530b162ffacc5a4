namespace Schema.Core.Docs;

/// <summary>A documented schema: its comment and its tables, sorted by name (ordinal).</summary>
public sealed record DocSchema(string Name, string? Comment, IReadOnlyList<DocTable> Tables);
