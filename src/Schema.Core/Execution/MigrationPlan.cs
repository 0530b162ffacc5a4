using Schema.Core.Journal;
using Schema.Core.Scripts;

namespace Schema.Core.Execution;

public enum ScriptState { Applied, Pending, Deferred, Changed, Missing, Partial }

/// <summary>One line of <c>schema status</c>.</summary>
public sealed record ScriptStatus(string Name, ScriptKind Kind, ScriptState State, MigrationScript? Script,
    JournalEntry? Journal, IReadOnlyList<Capability> MissingCapabilities)
{
    /// <summary>For <see cref="ScriptState.Partial"/>: the no-transaction script's record of how far it got.</summary>
    public ScriptAttempt? Attempt { get; init; }
}

/// <summary>The journal compared with the scripts on disk and the server's capabilities.</summary>
public sealed class MigrationPlan
{
    public IReadOnlyList<ScriptStatus> Scripts { get; }
    public MigrationPlan(ScriptSet set, IReadOnlyList<JournalEntry> journal, CapabilityGate gate,
        IReadOnlyList<ScriptAttempt>? attempts = null)
    {
        var latest = journal.GroupBy(j => j.ScriptName, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        var list = new List<ScriptStatus>();
        foreach (var script in set.Versioned)
        {
            var missing = gate.Missing(script);
            if (latest.TryGetValue(script.Name, out var row))
                list.Add(new ScriptStatus(script.Name, ScriptKind.Versioned,
                    row.Checksum is not null && row.Checksum != script.Checksum ? ScriptState.Changed : ScriptState.Applied, script, row, []));
            else
                list.Add(new ScriptStatus(script.Name, ScriptKind.Versioned, missing.Count > 0 ? ScriptState.Deferred : ScriptState.Pending, script, null, missing));
        }
        var onDisk = set.Versioned.Select(s => s.Name).Concat(set.Repeatable.Select(s => s.Name)).ToHashSet(StringComparer.Ordinal);
        foreach (var row in latest.Values.Where(r => !onDisk.Contains(r.ScriptName)).OrderBy(r => r.ScriptName, StringComparer.Ordinal))
            list.Add(new ScriptStatus(row.ScriptName, row.Kind == "repeatable" ? ScriptKind.Repeatable : ScriptKind.Versioned, ScriptState.Missing, null, row, []));
        foreach (var script in set.Repeatable)
        {
            var missing = gate.Missing(script);
            latest.TryGetValue(script.Name, out var row);
            var state = row is not null && row.Checksum == script.Checksum ? ScriptState.Applied
                : missing.Count > 0 ? ScriptState.Deferred : ScriptState.Pending;
            list.Add(new ScriptStatus(script.Name, ScriptKind.Repeatable, state, script, row, state == ScriptState.Deferred ? missing : []));
        }
        // A script recorded as started and not journaled is partial, whatever else it would be (not pending: up
        // must not start it again on top of what it left).
        var started = (attempts ?? []).ToDictionary(a => a.ScriptName, StringComparer.Ordinal);
        Scripts = list.Select(s => s.State is ScriptState.Pending or ScriptState.Deferred
                                   && started.TryGetValue(s.Name, out var a)
            ? s with { State = ScriptState.Partial, Attempt = a } : s).ToList();
    }

    public IEnumerable<ScriptStatus> InState(ScriptState state) => Scripts.Where(s => s.State == state);
    public IEnumerable<MigrationScript> PendingVersioned => InState(ScriptState.Pending).Where(s => s.Kind == ScriptKind.Versioned).Select(s => s.Script!);
    public IEnumerable<MigrationScript> PendingRepeatable => InState(ScriptState.Pending).Where(s => s.Kind == ScriptKind.Repeatable).Select(s => s.Script!);
    public IReadOnlyList<ScriptStatus> Changed => InState(ScriptState.Changed).ToList();
    public IReadOnlyList<ScriptStatus> Deferred => InState(ScriptState.Deferred).ToList();
    public IReadOnlyList<ScriptStatus> Missing => InState(ScriptState.Missing).ToList();
    public IReadOnlyList<ScriptStatus> Partial => InState(ScriptState.Partial).ToList();
}
