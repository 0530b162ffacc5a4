namespace Schema.Core.Lint;

/// <summary>The throwaway database could not be created or dropped: one line naming it, exit 1.</summary>
public sealed class LintDatabaseException(string message) : Exception(message);
