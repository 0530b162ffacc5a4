namespace Schema.Core.Execution;

/// <summary>A throwaway database (diff's shadow, lint's) could not be dropped: one line naming it, exit 1.</summary>
public sealed class ThrowawayDatabaseException(string message) : Exception(message);
