namespace Schema.Core.Docs;

/// <summary>An index as documented: method and key (<c>btree (symbol, ts)</c>), unique, owned by a constraint.</summary>
public sealed record DocIndex(string Name, string Definition, bool Unique, bool OwnedByConstraint, bool Valid,
                              string? Comment);
