namespace Schema.Core.Drift;

/// <summary>The comparison itself could not be made (not: the schemas differ). Exit code 1.</summary>
public sealed class DriftCheckException(string message) : Exception(message);
