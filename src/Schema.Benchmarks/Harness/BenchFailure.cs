namespace Schema.Benchmarks.Harness;

/// <summary>A measure could not run (a process failed, an unexpected result): reported in its section, exit code 1.</summary>
public sealed class BenchFailure(string message) : Exception(message);
