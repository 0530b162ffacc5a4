using Npgsql;
using Schema.Core.Execution;

namespace Schema.Core.Lint;

/// <summary>The functions and procedures of a database, by signature, with a fingerprint of their definition.</summary>
public sealed class FunctionSnapshot
{
    public sealed record Function(long Oid, string Signature, string Name, string Fingerprint, string Language,
        bool IsTrigger, bool IsEventTrigger, long? TriggerTable);

    public Dictionary<string, Function> BySignature { get; } = new(StringComparer.Ordinal);

    public static async Task<FunctionSnapshot> ReadAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var snapshot = new FunctionSnapshot();
        await using var cmd = new NpgsqlCommand(SqlResource.Load("Lint.lint_functions"), connection);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var f = new Function(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4),
                r.GetBoolean(5), r.GetBoolean(6), r.IsDBNull(7) ? null : r.GetInt64(7));
            snapshot.BySignature[f.Signature] = f;
        }
        return snapshot;
    }

    /// <summary>Functions new in <paramref name="after"/> or whose definition changed since this snapshot.</summary>
    public IEnumerable<Function> ChangedIn(FunctionSnapshot after) =>
        after.BySignature.Values.Where(f => !BySignature.TryGetValue(f.Signature, out var was) || was.Fingerprint != f.Fingerprint);
}
