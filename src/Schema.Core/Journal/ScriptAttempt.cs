namespace Schema.Core.Journal;

/// <summary>A no-transaction script that started and was not journaled: how far it got.</summary>
public sealed record ScriptAttempt(string ScriptName, string Checksum, DateTime Started, int Statement, int Statements,
    int Line, string? Error, string StartedBy)
{
    /// <summary>"statement 2 of 3 (line 5), started 2026-01-01 10:00:00 UTC".</summary>
    public string Reached => $"statement {Statement} of {Statements} (line {Line}), started {Started:yyyy-MM-dd HH:mm:ss} UTC";
}
