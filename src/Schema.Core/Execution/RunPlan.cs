using Schema.Core.Journal;
using Schema.Core.Scripts;

namespace Schema.Core.Execution;

/// <summary>
/// One run of <c>schema up</c>, decided before anything runs: the journal's DDL, the scripts in order with their
/// transaction mode and journal row, the session settings every script runs under, and the SQL that clears a session
/// between scripts. <see cref="MigrationEngine.UpAsync"/> executes it and <see cref="RunPlanSql"/> prints it for
/// <c>schema script</c>: one description, so what a reviewer reads cannot drift from what the deploy runs.
/// </summary>
public sealed record RunPlan(
    string JournalCreateSql,
    IReadOnlyList<PlannedScript> Scripts,
    IReadOnlyList<SessionSetting> Settings,
    IReadOnlyList<ScriptStatus> Deferred,
    IReadOnlyList<ScriptStatus> Missing)
{
    /// <summary>
    /// What a script may leave on its session, undone after every script. Not <c>discard all</c>: it would also
    /// release the runner's advisory lock, which this session holds.
    /// </summary>
    public const string ResetSessionSql =
        "reset all; reset role; reset session authorization; discard temp; discard plans; discard sequences; unlisten *";

    /// <summary>
    /// Before the journal row: it is written by the runner's own user, not by a role the script switched to.
    /// </summary>
    public const string ResetIdentitySql = "reset role; reset session authorization";

    /// <summary>The session settings of <paramref name="options"/>, in the order they are set.</summary>
    public static IReadOnlyList<SessionSetting> SettingsOf(RunnerOptions options) =>
    [
        new("lock_timeout", RunnerOptions.ToPostgresInterval(options.LockTimeout)),
        new("statement_timeout", RunnerOptions.ToPostgresInterval(options.StatementTimeout)),
    ];

    /// <summary>
    /// The pending scripts of <paramref name="plan"/>: versioned ones up to <paramref name="upTo"/> (all when null),
    /// then changed repeatable ones (none when a target version is given).
    /// </summary>
    public static RunPlan From(MigrationPlan plan, MigrationScript? upTo, RunnerOptions options, JournalTable journal)
    {
        bool UpToTarget(string? version) =>
            upTo is null || version is not null && ScriptVersion.Compare(version, upTo.Version!) <= 0;
        var versioned = plan.PendingVersioned.Where(s => UpToTarget(s.Version));
        var repeatable = upTo is null ? plan.PendingRepeatable : [];
        var scripts = versioned.Concat(repeatable).Select(s =>
        {
            var kind = s.Kind == ScriptKind.Versioned ? "versioned" : "repeatable";
            var sql = VariableSubstitution.Apply(s.Contents, options.Variables, s.Name).Text;
            return new PlannedScript(s, sql, kind, journal.InsertLiteralSql(s.Name, s.Checksum, kind));
        }).ToList();
        var deferred = plan.Deferred
            .Where(d => upTo is null || d.Kind == ScriptKind.Versioned && UpToTarget(d.Version)).ToList();
        return new RunPlan(journal.CreateSql, scripts, SettingsOf(options), deferred, plan.Missing);
    }
}
