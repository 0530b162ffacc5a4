using Schema.Core.Journal;

namespace Schema.Core.Execution;

/// <summary>The record a no-transaction script keeps while it runs (see <see cref="ScriptAttempts"/>).</summary>
public sealed record AttemptRecord(ScriptAttempts Attempts, string Name, string Checksum);
