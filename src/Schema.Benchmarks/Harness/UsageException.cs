namespace Schema.Benchmarks.Harness;

/// <summary>A bad option or an unreachable server: one line on stderr, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
