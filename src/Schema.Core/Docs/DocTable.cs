namespace Schema.Core.Docs;

/// <summary>A documented table (plain, partitioned root or foreign) with everything the document shows about it.</summary>
public sealed record DocTable(string Schema, string Name, string Kind, string? Comment,
                              IReadOnlyList<DocColumn> Columns, IReadOnlyList<DocConstraint> Constraints,
                              IReadOnlyList<DocIndex> Indexes, DocPartitioning? Partitioning,
                              DocHypertable? Hypertable)
{
    /// <summary>The qualified name as written in the document (<c>market.symbols</c>; not SQL-quoted).</summary>
    public string QualifiedName => Schema + "." + Name;
}
