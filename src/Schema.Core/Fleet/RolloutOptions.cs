namespace Schema.Core.Fleet;

/// <summary>
/// How a fleet is worked through: the first <see cref="Canary"/> targets one at a time (any failure stops the
/// rollout), then the rest <see cref="Parallel"/> at a time; without <see cref="ContinueOnError"/> the first failure
/// stops scheduling new targets (running ones finish).
/// </summary>
public sealed record RolloutOptions(int Parallel, int Canary, bool ContinueOnError);
