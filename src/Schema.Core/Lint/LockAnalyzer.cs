using Npgsql;

namespace Schema.Core.Lint;

/// <summary>
/// Runs a script statement by statement inside one transaction on the throwaway database and, after each statement,
/// reads the locks its own backend holds on relations that existed before the script, whether a table's relfilenode
/// changed (a rewrite), and which indexes and validated constraints appeared on existing tables; then rolls back.
/// A no-transaction script runs the same way with a savepoint per statement: a statement that cannot run in a
/// transaction (<c>create index concurrently</c>: that is the fix, not a finding) is noted and skipped.
/// Returns false when the script fails (reported as a finding): the scripts after it cannot be linted.
/// </summary>
public sealed class LockAnalyzer(LintSink sink)
{
    /// <summary>Fan-out is reported when one script's transaction holds more than this share of
    /// <c>max_locks_per_transaction</c> relation locks.</summary>
    public const double FanOutShare = 0.5;

    public async Task<bool> AnalyseAsync(NpgsqlConnection connection, LintedScript script, CancellationToken ct)
    {
        var before = await CatalogSnapshot.ReadAsync(connection, ct);
        var timescale = await ScalarAsync<bool>(connection,
            "select to_regclass('timescaledb_information.hypertables') is not null", ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await ExecAsync(connection, "set local lock_timeout = '30s'", ct);
        var previous = before;
        var previousLocks = await CatalogSnapshot.LocksAsync(connection, ct);
        var fanOutReported = false;
        try
        {
            foreach (var statement in script.Statements)
            {
                await TimescaleStatementRules.CheckAsync(connection, script, statement, before, timescale, sink, ct);
                await ExecAsync(connection, "savepoint lint_statement", ct);
                try
                {
                    await using var cmd = new NpgsqlCommand(statement.Text, connection) { CommandTimeout = 0 };
                    // as the runner does: a parameter makes Npgsql send the text as is, not split at its semicolons
                    if (statement.HasInnerSemicolon) cmd.Parameters.Add(new NpgsqlParameter { Value = 0 });
                    await cmd.ExecuteNonQueryAsync(ct);
                }
                catch (PostgresException e)
                {
                    await ExecAsync(connection, "rollback to savepoint lint_statement", ct);
                    if (script.NoTransaction && e.SqlState == "25001")
                    {
                        sink.Notices.Add($"{script.Name}:{statement.Line}: not analysed: it cannot run inside a " +
                                         "transaction (the runner runs it outside one)");
                        continue;
                    }
                    Failed(script, statement, e);
                    return false;
                }
                var after = await CatalogSnapshot.ReadAsync(connection, ct);
                var locks = await CatalogSnapshot.LocksAsync(connection, ct);
                Compare(script, statement, before, previous, after, previousLocks, locks);
                if (!fanOutReported) fanOutReported = await FanOutAsync(connection, script, statement, before, locks, ct);
                previous = after;
                previousLocks = locks;
            }
            return true;
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open) await tx.RollbackAsync(CancellationToken.None);
        }
    }

    private void Failed(LintedScript script, LintedStatement statement, PostgresException e)
    {
        if (e.MessageText.Contains("cannot create a unique index without the column", StringComparison.Ordinal))
            sink.Findings.Add(new LintFinding(LintRule.UniqueWithoutTimeColumn, script.Name, statement.Line,
                $"a unique key on a hypertable must include its time column: {e.MessageText}",
                "add the time column to the primary key or unique constraint"));
        else if (e.SqlState == "25001" && TimescaleStatementRules.IsContinuousAggregate(statement.Text))
        {
            if (!sink.Findings.Any(f => f.Rule == LintRule.ContinuousAggregateWithData && f.File == script.Name
                                        && f.Line == statement.Line))
                sink.Findings.Add(new LintFinding(LintRule.ContinuousAggregateWithData, script.Name, statement.Line,
                    e.MessageText, "end it with `with no data` and refresh it in a no-transaction script"));
        }
        else
            sink.Findings.Add(new LintFinding(LintRule.ScriptFails, script.Name, statement.Line,
                $"the statement fails at this version: {e.SqlState}: {e.MessageText}",
                "fix the statement; the scripts after it were not linted"));
    }

    private void Compare(LintedScript script, LintedStatement statement, CatalogSnapshot before,
        CatalogSnapshot previous, CatalogSnapshot after, HashSet<(long Oid, string Mode)> previousLocks,
        HashSet<(long Oid, string Mode)> locks)
    {
        var taken = CatalogSnapshot.Strongest(locks.Except(previousLocks));
        // stronger than anything the script held on the relation before this statement: a new wait for others
        var stronger = CatalogSnapshot.Strongest(previousLocks);
        var explained = new HashSet<long>(); // tables a specific finding already covers for this statement
        var partitions = new Dictionary<string, int>();
        foreach (var (oid, mode) in taken.OrderBy(l => l.Key))
        {
            if (!before.Relations.TryGetValue(oid, out var rel) || !CatalogSnapshot.IsTable(rel)) continue;
            var rewrite = after.Relations.TryGetValue(oid, out var now) && previous.Relations.TryGetValue(oid, out var was)
                          && now.FileNode != was.FileNode;
            if (rel.IsPartition)
            {
                partitions[mode] = partitions.GetValueOrDefault(mode) + 1;
                continue;
            }
            sink.Locks.Add(new LockObservation(script.Name, statement.Line, rel.Name, mode, LockObservation.BlocksOf(mode), rewrite));
        }
        foreach (var rel in before.Relations.Values.Where(r => CatalogSnapshot.IsTable(r) && !r.IsPartition))
        {
            if (!after.Relations.TryGetValue(rel.Oid, out var now) || !previous.Relations.TryGetValue(rel.Oid, out var was)
                || now.FileNode == was.FileNode) continue;
            explained.Add(rel.Oid);
            sink.Findings.Add(new LintFinding(LintRule.TableRewrite, script.Name, statement.Line,
                $"rewrites {rel.Name} (a new relfilenode) under ACCESS EXCLUSIVE: every row is copied while reads and " +
                "writes wait",
                "add the column without a volatile default / change the type in steps (new column, backfill in " +
                "batches, swap) instead of rewriting", rel.Name));
        }
        foreach (var (mode, count) in partitions)
            sink.Locks.Add(new LockObservation(script.Name, statement.Line, $"({count} partition(s) or chunk(s))", mode,
                LockObservation.BlocksOf(mode), false, count));

        foreach (var index in after.Relations.Values.Where(r => r.Kind is 'i' or 'I' && !previous.Relations.ContainsKey(r.Oid)))
        {
            if (!before.Relations.TryGetValue(index.IndexTable, out var table) || table.IsPartition) continue;
            explained.Add(table.Oid);
            sink.Findings.Add(new LintFinding(LintRule.IndexNotConcurrent, script.Name, statement.Line,
                $"builds index {index.Name} on existing table {table.Name} without concurrently: writes wait for the " +
                "whole build (SHARE lock)",
                table.Kind == 'p'
                    ? "create the index on the parent only (`on only`), build each partition's concurrently in a " +
                      "no-transaction script and attach them"
                    : "`create index concurrently` in a `-- schema:no-transaction` script (for a key: build the " +
                      "unique index concurrently, then `add constraint … using index`)", table.Name));
        }

        foreach (var (oid, c) in after.Constraints.Where(c => !previous.Constraints.ContainsKey(c.Key)))
        {
            if (!c.Validated || !before.Relations.TryGetValue(c.Table, out var table) || table.IsPartition) continue;
            explained.Add(table.Oid);
            sink.Findings.Add(new LintFinding(LintRule.ConstraintValidated, script.Name, statement.Line,
                $"adds {(c.Type == 'f' ? "foreign key" : "check")} {c.Name} to existing table {table.Name} and validates " +
                "every row in the same step, under a lock that blocks writes",
                "add it `not valid`, then `alter table … validate constraint` in a later statement or script (SHARE " +
                "UPDATE EXCLUSIVE only)", table.Name));
        }
        foreach (var (table, column) in after.NotNull.Where(n => !previous.NotNull.Contains(n)))
        {
            if (!before.Relations.TryGetValue(table, out var rel) || rel.IsPartition) continue;
            explained.Add(table);
            sink.Findings.Add(new LintFinding(LintRule.ConstraintValidated, script.Name, statement.Line,
                $"sets not null on {rel.Name}.{column}: every row is scanned under ACCESS EXCLUSIVE",
                "add a check (column is not null) not valid, validate it, then set not null (PostgreSQL uses the " +
                "validated check and skips the scan)", rel.Name));
        }

        foreach (var (oid, mode) in taken)
        {
            if (!before.Relations.TryGetValue(oid, out var rel) || !CatalogSnapshot.IsTable(rel) || rel.IsPartition
                || explained.Contains(oid)) continue;
            if (stronger.TryGetValue(oid, out var held) && LockObservation.Strength(held) >= LockObservation.Strength(mode))
                continue;
            if (mode == "AccessExclusiveLock")
                sink.Findings.Add(new LintFinding(LintRule.AccessExclusiveLock, script.Name, statement.Line,
                    $"takes ACCESS EXCLUSIVE on existing table {rel.Name}: reads and writes wait until the script commits " +
                    "(and queue behind any long query on it)",
                    "keep the script short and alone with this statement, rely on lock_timeout + retries, or use a " +
                    "change that needs a weaker lock", rel.Name));
            else if (LockObservation.Strength(mode) >= LockObservation.Strength("ShareLock"))
                sink.Findings.Add(new LintFinding(LintRule.BlocksWrites, script.Name, statement.Line,
                    $"takes {LockObservation.SqlName(mode)} on existing table {rel.Name}: writes wait until the script commits",
                    "use the concurrent / not valid form of the change, or keep the script short", rel.Name));
        }
    }

    /// <summary>Locks held on relations that existed before the script (partitions, chunks and their indexes
    /// included): what grows with the data, unlike the locks on objects the script creates.</summary>
    private async Task<bool> FanOutAsync(NpgsqlConnection connection, LintedScript script, LintedStatement statement,
        CatalogSnapshot before, HashSet<(long Oid, string Mode)> locks, CancellationToken ct)
    {
        var held = locks.Select(l => l.Oid).Distinct().Count(before.Relations.ContainsKey);
        await using var cmd = new NpgsqlCommand("select current_setting('max_locks_per_transaction')::int", connection);
        var max = (int)(await cmd.ExecuteScalarAsync(ct))!;
        if (held <= max * FanOutShare) return false;
        sink.Findings.Add(new LintFinding(LintRule.LockFanOut, script.Name, statement.Line,
            $"the script's transaction holds {held} locks on existing relations by here, over {FanOutShare:P0} of " +
            $"max_locks_per_transaction ({max}): with partitions or chunks it can run out of lock memory",
            "split the script (one partition batch per transaction, or a no-transaction script with one statement per " +
            "partition), or raise max_locks_per_transaction"));
        return true;
    }

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        return (T)(await cmd.ExecuteScalarAsync(ct))!;
    }

    private static async Task ExecAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
