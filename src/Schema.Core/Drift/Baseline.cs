using Npgsql;
using Schema.Core.Configuration;
using Schema.Core.Execution;
using Schema.Core.Journal;
using Schema.Core.Scripts;

namespace Schema.Core.Drift;

/// <summary>
/// Adopts a database whose schema was built by other means: when it matches what the scripts up to a version build
/// (a <see cref="DriftCheck"/>), journals those scripts without running them, so that <c>up</c> applies only later ones.
/// Refuses a database that already has journal rows, and journals nothing when anything differs.
/// </summary>
public static class Baseline
{
    public static async Task<BaselineResult> RunAsync(NpgsqlDataSource target, ScriptSet set, string version, DriftCheck check,
        RunnerOptions options, IRunLog log, JournalTable? journal = null, CancellationToken ct = default)
    {
        journal ??= new JournalTable();
        var upTo = set.FindVersioned(version) ?? throw new ScriptDefinitionException($"no script with version {version}");
        await using var connection = await target.OpenConnectionAsync(ct);
        // Held throughout: no up may journal or change anything between the comparison and the journal rows.
        await RunnerLock.AcquireAsync(connection, options.RunnerLockWait, ct);
        try
        {
            var rows = await journal.ReadAsync(connection, ct);
            if (rows.Count > 0)
                throw new ConfigurationException($"the target's journal already has {rows.Count} row(s): baseline adopts " +
                                                 "only a database the runner never migrated; nothing was journaled");

            // Scripts gated on what the target lacks stay pending, as up would leave them.
            var gate = new CapabilityGate(await ServerFacts.ReadAsync(connection, ct));
            var scripts = set.Versioned.Where(s => string.CompareOrdinal(s.Name, upTo.Name) <= 0).ToList();
            foreach (var s in scripts.Where(s => gate.Missing(s).Count > 0))
                log.Info($"not journaled: {s.Name} (the target lacks {string.Join(", ", gate.Missing(s))}; a later up applies it)");
            scripts = scripts.Where(s => gate.Missing(s).Count == 0).ToList();

            var report = await check.CompareAsync(connection, scripts, [], ct);
            if (!report.Equal) return new BaselineResult(false, [], report);

            await using (var tx = await connection.BeginTransactionAsync(ct))
            {
                await journal.EnsureAsync(connection, ct);
                foreach (var s in scripts)
                    await journal.RecordAsync(connection, s.Name, s.Checksum, 0, "versioned", ct);
                await tx.CommitAsync(ct);
            }
            return new BaselineResult(true, scripts.Select(s => s.Name).ToList(), report);
        }
        finally
        {
            await RunnerLock.ReleaseAsync(connection);
        }
    }
}
