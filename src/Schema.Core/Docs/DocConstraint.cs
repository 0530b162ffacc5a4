namespace Schema.Core.Docs;

/// <summary>
/// A constraint as documented. For a foreign key: the referenced table, whether a referencing column may be null
/// (zero-or-one parent) and whether the referencing columns are unique in their table (at most one child).
/// </summary>
public sealed record DocConstraint(string Name, DocConstraintKind Kind, string Definition, string? Comment,
                                   string? ReferencedSchema = null, string? ReferencedTable = null,
                                   bool NullableReference = false, bool UniqueReference = false);
