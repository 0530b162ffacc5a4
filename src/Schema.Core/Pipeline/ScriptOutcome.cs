namespace Schema.Core.Pipeline;

/// <summary>
/// How one script fared in an <c>up</c> run, as <c>up --json</c> reports it. <see cref="Outcome"/> is
/// <c>applied</c>, <c>failed</c>, <c>skipped-deferred</c> (gated on a capability the server lacks) or <c>not-run</c>
/// (pending, after a failure). <see cref="LockTimeouts"/> counts the times it hit lock_timeout, <see cref="Retries"/>
/// the times the executor ran it again after one. <see cref="Line"/> is where a failure happened.
/// </summary>
public sealed record ScriptOutcome(string Name, string? Version, string Path, string Outcome, long? Milliseconds,
                                   int LockTimeouts, int Retries, string? Error, int? Line, int? Column);
