namespace Schema.Core.Execution;

/// <summary>Applied scripts edited or renamed on disk: nothing runs until the edit is reverted or accepted.</summary>
public sealed class DriftException(IReadOnlyList<string> names, string message) : Exception(message)
{
    public DriftException(IReadOnlyList<string> names)
        : this(names, $"applied script{(names.Count == 1 ? "" : "s")} changed on disk: {string.Join(", ", names)}. Nothing was run. Revert the edit and write a new migration, or accept the change with `schema repair {string.Join(" ", names)}`")
    {
    }

    public IReadOnlyList<string> Names { get; } = names;

    public static void ThrowIfAny(MigrationPlan plan)
    {
        var drift = plan.Drift;
        if (drift.Count == 0) return;
        var changed = drift.Where(s => s.State == ScriptState.Changed).Select(s => s.Name).ToList();
        var renamed = drift.Where(s => s.State == ScriptState.Renamed).Select(s => $"{s.Journal!.ScriptName} is now {s.Name}").ToList();
        var names = drift.Select(s => s.Name).ToList();
        var parts = new List<string>();
        if (changed.Count > 0) parts.Add($"applied script{(changed.Count == 1 ? "" : "s")} changed on disk: {string.Join(", ", changed)}");
        if (renamed.Count > 0) parts.Add($"applied script{(renamed.Count == 1 ? "" : "s")} renamed on disk: {string.Join(", ", renamed)} (same version, not run again)");
        throw new DriftException(names, string.Join("; ", parts) +
            $". Nothing was run. Undo the edit or rename (write a new migration instead), or accept it with `schema repair {string.Join(" ", names)}`");
    }
}
