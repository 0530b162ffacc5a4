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

    public static async Task<Dictionary<long, string>> LocksAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var locks = new Dictionary<long, string>();
        await using var cmd = new NpgsqlCommand(SqlResource.Load("Lint.lint_locks"), connection);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var (oid, mode) = (r.GetInt64(0), r.GetString(1));
            if (!locks.TryGetValue(oid, out var held) || LockObservation.Strength(mode) > LockObservation.Strength(held))
                locks[oid] = mode;
        }
        return locks;
    }
}
