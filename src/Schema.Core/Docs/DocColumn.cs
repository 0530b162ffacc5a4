namespace Schema.Core.Docs;

/// <summary>A column as documented: type with typmod, nullability, default (or identity/generated), comment.</summary>
public sealed record DocColumn(string Name, string Type, bool Nullable, string? Default, string? Comment);
