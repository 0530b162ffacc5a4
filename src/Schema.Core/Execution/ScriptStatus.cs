using Schema.Core.Journal;
using Schema.Core.Scripts;

namespace Schema.Core.Execution;

/// <summary>
/// One line of <c>schema status</c>. <see cref="Journal"/> is the journal row the script was matched with: for a
/// <see cref="ScriptState.Renamed"/> script the row of the same version under its old name; for an applied script
/// journaled by DbUp under a prefixed name (<c>MyApp.Scripts.0001_a.sql</c>) that row (see <see cref="JournaledAs"/>).
/// </summary>
public sealed record ScriptStatus(string Name, ScriptKind Kind, ScriptState State, MigrationScript? Script,
    JournalEntry? Journal, IReadOnlyList<Capability> MissingCapabilities)
{
    /// <summary>For <see cref="ScriptState.Partial"/>: the no-transaction script's record of how far it got.</summary>
    public ScriptAttempt? Attempt { get; init; }

    /// <summary>A partial versioned script that is journaled as applied: its no-transaction down script started and did
    /// not finish (an up attempt's record is deleted in the transaction that journals the script). Not a changed
    /// repeatable script: it keeps its older row while the new version re-runs.</summary>
    public bool Reverting { get; init; }

    /// <summary>The journaled name when it differs from the file name (a prefix matched, or a rename); else null.</summary>
    public string? JournaledAs => Journal is { } j && j.ScriptName != Name ? j.ScriptName : null;

    /// <summary>The version: the script's, or for a missing row the one its journaled name carries.</summary>
    public string? Version => Script?.Version ?? (Kind == ScriptKind.Versioned && Journal is { } j ? JournaledName.Version(j.ScriptName) : null);
}
