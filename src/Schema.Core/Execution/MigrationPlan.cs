using Schema.Core.Journal;
using Schema.Core.Scripts;

namespace Schema.Core.Execution;

/// <summary>
/// The journal compared with the scripts on disk and the server's capabilities. A versioned script's identity is its
/// version: a journal row of the same version counts as that script whatever its name. Under the file name itself or
/// under a prefixed form of it (DbUp's embedded and subfolder names) the script is applied (or changed, when the
/// recorded checksum differs); under another name it is renamed, and never pending — it is not run again.
/// Repeatable scripts are matched by their relative path.
/// </summary>
public sealed class MigrationPlan
{
    public IReadOnlyList<ScriptStatus> Scripts { get; }
    public MigrationPlan(ScriptSet set, IReadOnlyList<JournalEntry> journal, CapabilityGate gate,
        IReadOnlyList<ScriptAttempt>? attempts = null)
    {
        // The newest row per name is the current one (repeatable scripts get a row per application).
        var latest = journal.GroupBy(j => j.ScriptName, StringComparer.Ordinal).Select(g => g.Last()).ToList();
        var matched = new HashSet<string>(StringComparer.Ordinal);
        var repeatableNames = set.Repeatable.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        var byVersion = latest
            .Where(r => r.Kind != "repeatable" && !repeatableNames.Contains(r.ScriptName))
            .Select(r => (Row: r, Version: JournaledName.Version(r.ScriptName)))
            .Where(r => r.Version is not null)
            .ToLookup(r => ScriptVersion.Key(r.Version!), r => r.Row, StringComparer.Ordinal);

        var list = new List<ScriptStatus>();
        foreach (var script in set.Versioned)
        {
            var rows = byVersion[ScriptVersion.Key(script.Version!)].ToList();
            var row = rows.FirstOrDefault(r => r.ScriptName == script.Name) ?? rows.FirstOrDefault(r => JournaledName.Matches(r.ScriptName, script.Name));
            if (row is not null)
            {
                matched.Add(row.ScriptName);
                list.Add(new ScriptStatus(script.Name, ScriptKind.Versioned,
                    row.Checksum is not null && row.Checksum != script.Checksum ? ScriptState.Changed : ScriptState.Applied, script, row, []));
            }
            else if (rows.Count > 0)
            {
                // Applied under another name: the newest such row is the one a repair renames.
                var old = rows.MaxBy(r => r.Id)!;
                matched.Add(old.ScriptName);
                list.Add(new ScriptStatus(script.Name, ScriptKind.Versioned, ScriptState.Renamed, script, old, []));
            }
            else
            {
                var missing = gate.Missing(script);
                list.Add(new ScriptStatus(script.Name, ScriptKind.Versioned, missing.Count > 0 ? ScriptState.Deferred : ScriptState.Pending, script, null, missing));
            }
        }
        var orphans = latest
            .Where(r => !matched.Contains(r.ScriptName) && !repeatableNames.Contains(r.ScriptName))
            .Select(r => new ScriptStatus(r.ScriptName, r.Kind == "repeatable" ? ScriptKind.Repeatable : ScriptKind.Versioned, ScriptState.Missing, null, r, []))
            .ToList();
        orphans.Sort(NewestLast);
        list.AddRange(orphans);
        foreach (var script in set.Repeatable)
        {
            var missing = gate.Missing(script);
            var row = latest.FirstOrDefault(r => r.ScriptName == script.Name);
            var state = row is not null && row.Checksum == script.Checksum ? ScriptState.Applied
                : missing.Count > 0 ? ScriptState.Deferred : ScriptState.Pending;
            list.Add(new ScriptStatus(script.Name, ScriptKind.Repeatable, state, script, row, state == ScriptState.Deferred ? missing : []));
        }
        // A script recorded as started and not journaled is partial, whatever else it would be (not pending: up
        // must not start it again on top of what it left). So is an applied versioned script with a record: its
        // no-transaction down script started and did not finish (not applied: part of it is undone).
        var started = (attempts ?? []).ToDictionary(a => a.ScriptName, StringComparer.Ordinal);
        Scripts = list.Select(s =>
        {
            var reverting = s is { State: ScriptState.Applied, Kind: ScriptKind.Versioned };
            return (s.State is ScriptState.Pending or ScriptState.Deferred || reverting) && started.TryGetValue(s.Name, out var a)
                ? s with { State = ScriptState.Partial, Attempt = a, Reverting = reverting } : s;
        }).ToList();
    }

    /// <summary>Versioned before repeatable, by version as a number; names without a version first, by name.</summary>
    public static int NewestLast(ScriptStatus a, ScriptStatus b)
    {
        if (a.Kind != b.Kind) return a.Kind.CompareTo(b.Kind);
        if ((a.Version, b.Version) is ({ } x, { } y) && ScriptVersion.Compare(x, y) is var c and not 0) return c;
        if ((a.Version is null) != (b.Version is null)) return a.Version is null ? -1 : 1;
        return string.CompareOrdinal(a.Name, b.Name);
    }

    public IEnumerable<ScriptStatus> InState(ScriptState state) => Scripts.Where(s => s.State == state);
    public IEnumerable<MigrationScript> PendingVersioned => InState(ScriptState.Pending).Where(s => s.Kind == ScriptKind.Versioned).Select(s => s.Script!);
    public IEnumerable<MigrationScript> PendingRepeatable => InState(ScriptState.Pending).Where(s => s.Kind == ScriptKind.Repeatable).Select(s => s.Script!);
    public IReadOnlyList<ScriptStatus> Changed => InState(ScriptState.Changed).ToList();
    public IReadOnlyList<ScriptStatus> Renamed => InState(ScriptState.Renamed).ToList();
    public IReadOnlyList<ScriptStatus> Deferred => InState(ScriptState.Deferred).ToList();
    public IReadOnlyList<ScriptStatus> Missing => InState(ScriptState.Missing).ToList();
    public IReadOnlyList<ScriptStatus> Partial => InState(ScriptState.Partial).ToList();

    /// <summary>Applied scripts whose file no longer matches the journal (edited or renamed): <c>up</c> and <c>down</c> refuse to run.</summary>
    public IReadOnlyList<ScriptStatus> Drift => Scripts.Where(s => s.State is ScriptState.Changed or ScriptState.Renamed).ToList();
}
