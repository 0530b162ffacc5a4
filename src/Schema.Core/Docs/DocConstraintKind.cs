namespace Schema.Core.Docs;

/// <summary>The constraint kinds a table's documentation lists (not-null is on the column).</summary>
public enum DocConstraintKind
{
    PrimaryKey,
    ForeignKey,
    Unique,
    Check,
    Exclusion,
}
