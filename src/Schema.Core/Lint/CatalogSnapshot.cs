using Npgsql;
using Schema.Core.Execution;

namespace Schema.Core.Lint;

/// <summary>The catalog facts the lock analysis compares before and after each statement.</summary>
public sealed class CatalogSnapshot
{
    public sealed record Relation(long Oid, long FileNode, char Kind, string Name, bool IsPartition, long IndexTable);

    public Dictionary<long, Relation> Relations { get; } = [];
    public Dictionary<long, (long Table, char Type, bool Validated, string Name)> Constraints { get; } = [];
    public HashSet<(long Table, string Column)> NotNull { get; } = [];

    public static async Task<CatalogSnapshot> ReadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var snapshot = new CatalogSnapshot();
        await using (var cmd = new NpgsqlCommand(SqlResource.Load("Lint.lint_relations"), connection))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                snapshot.Relations[r.GetInt64(0)] = new Relation(r.GetInt64(0), r.GetInt64(1), r.GetString(2)[0],
                    r.GetString(3), r.GetBoolean(4), r.GetInt64(5));
        await using (var cmd = new NpgsqlCommand(SqlResource.Load("Lint.lint_constraints"), connection))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                snapshot.Constraints[r.GetInt64(0)] = (r.GetInt64(1), r.GetString(2)[0], r.GetBoolean(3), r.GetString(4));
        await using (var cmd = new NpgsqlCommand(SqlResource.Load("Lint.lint_not_null"), connection))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                snapshot.NotNull.Add((r.GetInt64(0), r.GetString(1)));
        return snapshot;
    }

    /// <summary>A table (plain, partitioned or materialized view), not an index.</summary>
    public static bool IsTable(Relation r) => r.Kind is 'r' or 'p' or 'm';

    /// <summary>The (relation, mode) pairs this backend holds: a statement's new pairs are the locks it took, even on
    /// a relation an earlier statement of the script already locked in a stronger mode.</summary>
    public static async Task<HashSet<(long Oid, string Mode)>> LocksAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var locks = new HashSet<(long, string)>();
        await using var cmd = new NpgsqlCommand(SqlResource.Load("Lint.lint_locks"), connection);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) locks.Add((r.GetInt64(0), r.GetString(1)));
        return locks;
    }

    /// <summary>The strongest mode per relation among <paramref name="locks"/>.</summary>
    public static Dictionary<long, string> Strongest(IEnumerable<(long Oid, string Mode)> locks) =>
        locks.GroupBy(l => l.Oid).ToDictionary(g => g.Key,
            g => g.MaxBy(l => LockObservation.Strength(l.Mode)).Mode);
}
