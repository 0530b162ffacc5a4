namespace Schema.Core.Journal;

/// <summary>One row of the journal: a script that was applied.</summary>
public sealed record JournalEntry(int Id, string ScriptName, DateTime Applied, string? Checksum, int? DurationMs, string? AppliedBy, string? Kind);
