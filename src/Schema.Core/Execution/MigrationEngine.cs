using System.Text;
using Npgsql;
using Schema.Core.Journal;
using Schema.Core.Scripts;

namespace Schema.Core.Execution;

public sealed record UpResult(IReadOnlyList<string> Applied, IReadOnlyList<ScriptStatus> Deferred, IReadOnlyList<ScriptStatus> Missing);

/// <summary>
/// The engine: script provider + journal + capability gate + executor, composed the way DbUp composes them.
/// Every command that changes the database holds the runner lock for its whole run.
/// </summary>
public sealed class MigrationEngine(NpgsqlDataSource dataSource, FileSystemScriptProvider scripts, RunnerOptions options, IRunLog log, JournalTable? journal = null)
{
    private readonly JournalTable _journal = journal ?? new JournalTable();
    private readonly ScriptExecutor _executor = new(options, log);
    private ScriptAttempts Attempts => new(_journal);

    public JournalTable Journal => _journal;

    /// <summary>Applies pending versioned scripts (up to <paramref name="targetVersion"/> when given), then changed repeatable scripts.</summary>
    public async Task<UpResult> UpAsync(string? targetVersion = null, CancellationToken ct = default)
    {
        var set = scripts.Load();
        CheckVariables(set);
        var target = targetVersion is null ? null : set.FindVersioned(targetVersion)
            ?? throw new ScriptDefinitionException($"no script with version {targetVersion} in {scripts.Directory}");

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await RunnerLock.AcquireAsync(connection, options.RunnerLockWait, ct, log);
        try
        {
            var (server, plan) = await PlanAsync(connection, set, ct);
            if (plan.Changed.Count > 0)
                throw new DriftException(plan.Changed.Select(s => s.Name).ToList());
            if (plan.Partial.Count > 0)
                throw PartialScripts(plan.Partial);
            foreach (var m in plan.Missing)
                log.Warn($"{m.Name} is in the journal but not on disk (applied {m.Journal!.Applied:yyyy-MM-dd HH:mm:ss})");

            var versioned = plan.PendingVersioned.Where(s => target is null || string.CompareOrdinal(s.Name, target.Name) <= 0).ToList();
            var repeatable = target is null ? plan.PendingRepeatable.ToList() : [];
            var problems = Preflight.Check(server, versioned.Concat(repeatable));
            if (problems.Count > 0) throw new PreflightException(problems);

            await _journal.EnsureAsync(connection, ct);
            var applied = new List<string>();
            foreach (var script in versioned.Concat(repeatable))
            {
                var kind = script.Kind == ScriptKind.Versioned ? "versioned" : "repeatable";
                var elapsed = await _executor.ExecuteAsync(connection, DisplayPath(script.Path), script.Contents, script.Directives,
                    (c, ms) => _journal.RecordAsync(c, script.Name, script.Checksum, ms, kind, ct), ct,
                    script.Directives.NoTransaction ? new AttemptRecord(Attempts, script.Name, script.Checksum) : null);
                log.Info($"applied {script.Name} ({elapsed.TotalMilliseconds:0} ms){(script.Directives.NoTransaction ? " [no transaction]" : "")}");
                applied.Add(script.Name);
            }
            var deferred = plan.Deferred.Where(d => target is null || string.CompareOrdinal(d.Name, target.Name) <= 0).ToList();
            foreach (var d in deferred)
                log.Info($"deferred {d.Name}: the server lacks {string.Join(", ", d.MissingCapabilities)}");
            return new UpResult(applied, deferred, plan.Missing);
        }
        finally
        {
            await RunnerLock.ReleaseAsync(connection);
        }
    }

    public async Task<MigrationPlan> StatusAsync(CancellationToken ct = default)
    {
        var set = scripts.Load();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await PlanAsync(connection, set, ct)).Plan;
    }

    /// <summary>The journal compared with <paramref name="set"/> on this server.</summary>
    private async Task<(ServerFacts Server, MigrationPlan Plan)> PlanAsync(NpgsqlConnection connection, ScriptSet set, CancellationToken ct)
    {
        var server = await ServerFacts.ReadAsync(connection, ct);
        return (server, new MigrationPlan(set, await _journal.ReadAsync(connection, ct), new CapabilityGate(server),
            await Attempts.ReadAsync(connection, ct)));
    }

    /// <summary>
    /// Exactly the SQL <c>up</c> would run against this database now, in order, variables substituted, each script in
    /// the transaction <c>up</c> gives it and followed by its journal row — for a reviewer or a DBA to read or run with psql.
    /// </summary>
    public async Task<string> ScriptAsync(CancellationToken ct = default)
    {
        var set = scripts.Load();
        CheckVariables(set);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var (_, plan) = await PlanAsync(connection, set, ct);
        if (plan.Changed.Count > 0) throw new DriftException(plan.Changed.Select(s => s.Name).ToList());

        var sb = new StringBuilder();
        sb.Append("-- Generated by `schema script`: the SQL `schema up` would run now, in order.\n");
        sb.Append("-- Run with: psql -v ON_ERROR_STOP=1 -f this-file.sql\n");
        sb.Append("\\set ON_ERROR_STOP on\n\n-- journal\n").Append(_journal.CreateSql).Append('\n');
        foreach (var script in plan.PendingVersioned.Concat(plan.PendingRepeatable))
        {
            var kind = script.Kind == ScriptKind.Versioned ? "versioned" : "repeatable";
            var body = VariableSubstitution.Apply(script.Contents, options.Variables, script.Name).Text;
            sb.Append($"\n-- ==== {script.Name} (sha256 {script.Checksum}){(script.Directives.NoTransaction ? " [no transaction]" : "")}\n");
            if (!script.Directives.NoTransaction)
                sb.Append("begin;\n").Append($"set local lock_timeout = '{RunnerOptions.ToPostgresInterval(options.LockTimeout)}';\n");
            sb.Append(body.TrimEnd()).Append("\n;\n");
            sb.Append(_journal.InsertLiteralSql(script.Name, script.Checksum, kind)).Append('\n');
            if (!script.Directives.NoTransaction) sb.Append("commit;\n");
        }
        foreach (var d in plan.Deferred)
            sb.Append($"\n-- deferred: {d.Name} (the server lacks {string.Join(", ", d.MissingCapabilities)})\n");
        return sb.ToString();
    }

    /// <summary>Reverts applied versioned scripts newest first: the last <paramref name="count"/>, or all above <paramref name="toVersion"/>.</summary>
    public async Task<IReadOnlyList<string>> DownAsync(int? count, string? toVersion, CancellationToken ct = default)
    {
        var set = scripts.Load();
        CheckVariables(set);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await RunnerLock.AcquireAsync(connection, options.RunnerLockWait, ct, log);
        try
        {
            var applied = (await _journal.ReadAsync(connection, ct)).Where(j => j.Kind != "repeatable")
                .Select(j => j.ScriptName).Distinct().Order(StringComparer.Ordinal).Reverse().ToList();
            List<string> toRevert;
            if (toVersion is not null)
            {
                var target = set.FindVersioned(toVersion) ?? throw new ScriptDefinitionException($"no script with version {toVersion} in {scripts.Directory}");
                toRevert = applied.Where(n => string.CompareOrdinal(n, target.Name) > 0).ToList();
            }
            else
                toRevert = applied.Take(count ?? 1).ToList();

            var byName = set.Versioned.ToDictionary(s => s.Name, StringComparer.Ordinal);
            var notOnDisk = toRevert.Where(n => !byName.ContainsKey(n)).ToList();
            if (notOnDisk.Count > 0)
                throw new ScriptDefinitionException($"cannot revert {string.Join(", ", notOnDisk)}: not on disk");
            var noDown = toRevert.Where(n => !byName[n].HasDown).ToList();
            if (noDown.Count > 0)
                throw new ScriptDefinitionException($"cannot revert: no down script for {string.Join(", ", noDown)} (expected {string.Join(", ", noDown.Select(n => n[..^4] + ".down.sql"))}); nothing was reverted");

            var reverted = new List<string>();
            foreach (var name in toRevert)
            {
                var script = byName[name];
                var downText = await File.ReadAllTextAsync(script.DownPath!, ct);
                var directives = ScriptDirectives.Parse(downText, Path.GetFileName(script.DownPath!));
                var elapsed = await _executor.ExecuteAsync(connection, DisplayPath(script.DownPath!), downText, directives,
                    (c, _) => _journal.DeleteAsync(c, name, ct), ct);
                log.Info($"reverted {name} ({elapsed.TotalMilliseconds:0} ms)");
                reverted.Add(name);
            }
            return reverted;
        }
        finally
        {
            await RunnerLock.ReleaseAsync(connection);
        }
    }

    /// <summary>Accepts deliberate edits of applied scripts: records their current checksums (all changed ones when no name is given).</summary>
    public async Task<IReadOnlyList<string>> RepairAsync(IReadOnlyList<string> names, CancellationToken ct = default)
    {
        var set = scripts.Load();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await RunnerLock.AcquireAsync(connection, options.RunnerLockWait, ct, log);
        try
        {
            var changed = (await PlanAsync(connection, set, ct)).Plan.Changed;
            var unknown = names.Where(n => changed.All(c => c.Name != n)).ToList();
            if (unknown.Count > 0)
                throw new ScriptDefinitionException($"not a changed applied script: {string.Join(", ", unknown)}");
            var accepted = new List<string>();
            foreach (var s in changed.Where(c => names.Count == 0 || names.Contains(c.Name)))
            {
                await _journal.UpdateChecksumAsync(connection, s.Name, s.Script!.Checksum, ct);
                log.Info($"accepted the new checksum of {s.Name}");
                accepted.Add(s.Name);
            }
            return accepted;
        }
        finally
        {
            await RunnerLock.ReleaseAsync(connection);
        }
    }

    /// <summary>
    /// Settles partial no-transaction scripts (recorded as started, not journaled): <paramref name="retry"/> false
    /// journals them as applied (someone finished them by hand); true forgets the record so the next <c>up</c> runs
    /// them again from their first statement.
    /// </summary>
    public async Task<IReadOnlyList<string>> ResolvePartialAsync(IReadOnlyList<string> names, bool retry, CancellationToken ct = default)
    {
        var set = scripts.Load();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await RunnerLock.AcquireAsync(connection, options.RunnerLockWait, ct, log);
        try
        {
            var partial = (await PlanAsync(connection, set, ct)).Plan.Partial;
            var unknown = names.Where(n => partial.All(p => p.Name != n)).ToList();
            if (unknown.Count > 0)
                throw new ScriptDefinitionException($"not a partial script (see `schema status`): {string.Join(", ", unknown)}");
            var settled = new List<string>();
            foreach (var p in partial.Where(p => names.Count == 0 || names.Contains(p.Name)))
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                if (!retry)
                    await _journal.RecordAsync(connection, p.Name, p.Script!.Checksum, 0,
                        p.Kind == ScriptKind.Versioned ? "versioned" : "repeatable", ct);
                await Attempts.DeleteAsync(connection, p.Name, ct);
                await tx.CommitAsync(ct);
                log.Info(retry ? $"{p.Name} will run again from its first statement on the next `schema up`"
                    : $"journaled {p.Name} as applied");
                settled.Add(p.Name);
            }
            return settled;
        }
        finally
        {
            await RunnerLock.ReleaseAsync(connection);
        }
    }

    private static PartialScriptException PartialScripts(IReadOnlyList<ScriptStatus> partial) => new(
        string.Join("; ", partial.Select(p => $"{p.Name} started and did not finish: it reached {p.Attempt!.Reached}" +
            (p.Attempt.Error is { } e ? $" and failed ({e})" : " and was interrupted"))) +
        ". Nothing was run. Check what it left (statements up to there may be applied), then either finish it by hand " +
        $"and run `schema repair --resolve {string.Join(" ", partial.Select(p => p.Name))}` to journal it as applied, or undo " +
        $"what it did and run `schema repair --retry {string.Join(" ", partial.Select(p => p.Name))}` to run it again");

    /// <summary>Substitutes every script once up front, so an undefined variable fails before anything runs.</summary>
    private void CheckVariables(ScriptSet set)
    {
        foreach (var s in set.Versioned.Concat(set.Repeatable))
            VariableSubstitution.Apply(s.Contents, options.Variables, s.Name);
    }

    private static string DisplayPath(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}

public sealed class DriftException(IReadOnlyList<string> names)
    : Exception($"applied script{(names.Count == 1 ? "" : "s")} changed on disk: {string.Join(", ", names)}. Nothing was run. Revert the edit and write a new migration, or accept the change with `schema repair {string.Join(" ", names)}`")
{
    public IReadOnlyList<string> Names { get; } = names;
}

public sealed class PreflightException(IReadOnlyList<string> problems) : Exception(string.Join("; ", problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
