namespace Schema.Core.Scripts;

public sealed record Replacement(int OutputOffset, int OutputLength, int SourceOffset, int SourceLength);
