namespace Schema.Core.Execution;

/// <summary>How the engine runs scripts. Defaults are the safe ones for a production deploy.</summary>
public sealed record RunnerOptions
{
    /// <summary><c>lock_timeout</c> for every script: a migration never queues behind a long transaction for long (and blocks everyone queued behind it).</summary>
    public TimeSpan LockTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary><c>statement_timeout</c> for every statement of a script; zero = none.</summary>
    public TimeSpan StatementTimeout { get; init; } = TimeSpan.Zero;

    /// <summary>How often a script that hit its lock timeout is tried again before the run fails.</summary>
    public int LockRetries { get; init; } = 3;

    /// <summary>First wait before a retry; doubled each time.</summary>
    public TimeSpan LockRetryBackoff { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a run waits for another runner's advisory lock on the same database.</summary>
    public TimeSpan RunnerLockWait { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary><c>$name$</c> values.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();

    public static string ToPostgresInterval(TimeSpan t) => $"{(long)t.TotalMilliseconds}ms";
}
