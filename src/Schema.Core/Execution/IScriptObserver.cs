using Schema.Core.Scripts;

namespace Schema.Core.Execution;

/// <summary>
/// Follows an <c>up</c> run script by script, for machine-readable reports (<c>up --json</c>, GitHub annotations):
/// what was going to run, each start, each lock_timeout the executor hit, and how each script ended.
/// </summary>
public interface IScriptObserver
{
    /// <summary>The scripts the run is about to apply, in order, and those deferred (gated on a capability).</summary>
    void Planned(IReadOnlyList<MigrationScript> pending, IReadOnlyList<ScriptStatus> deferred);

    void Started(MigrationScript script, string displayPath);

    /// <summary>The running script hit lock_timeout; <paramref name="willRetry"/> false when it gives up.</summary>
    void LockTimeout(bool willRetry);

    void Applied(MigrationScript script, TimeSpan elapsed);

    void Failed(MigrationScript script, TimeSpan elapsed, Exception error);
}
