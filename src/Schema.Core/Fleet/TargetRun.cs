namespace Schema.Core.Fleet;

/// <summary>What happened on one target: its result when it succeeded, its error (one line) when it failed.</summary>
public sealed record TargetRun<T>(
    FleetTarget Target, TargetState State, T? Result, string? Error, long Milliseconds, bool Canary);
