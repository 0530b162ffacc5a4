using Npgsql;
using Schema.Core.Journal;
using Schema.Core.Scripts;

namespace Schema.Core.Execution;

/// <summary>
/// The engine: script provider + journal + capability gate + executor, composed the way DbUp composes them.
/// Every command that changes the database holds the runner lock for its whole run.
/// </summary>
public sealed class MigrationEngine(NpgsqlDataSource dataSource, FileSystemScriptProvider scripts, RunnerOptions options, IRunLog log, JournalTable? journal = null,
    IScriptObserver? observer = null)
{
    private readonly JournalTable _journal = journal ?? new JournalTable();
    private readonly ScriptExecutor _executor = new(options, log, observer);
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
            DriftException.ThrowIfAny(plan);
            if (plan.Partial.Count > 0)
                throw PartialScripts(plan.Partial);
            foreach (var m in plan.Missing)
                log.Warn($"{m.Name} is in the journal but not on disk (applied {m.Journal!.Applied:yyyy-MM-dd HH:mm:ss})");

            var run = RunPlan.From(plan, target, options, _journal);
            var problems = Preflight.Check(server, run.Scripts.Select(s => s.Script));
            if (problems.Count > 0) throw new PreflightException(problems);

            observer?.Planned([.. run.Scripts.Select(s => s.Script)], run.Deferred);
            await _journal.EnsureAsync(connection, ct);
            var applied = new List<string>();
            foreach (var planned in run.Scripts)
            {
                var script = planned.Script;
                observer?.Started(script, DisplayPath(script.Path));
                var clock = System.Diagnostics.Stopwatch.StartNew();
                TimeSpan elapsed;
                try
                {
                    elapsed = await _executor.ExecuteAsync(connection, DisplayPath(script.Path), script.Contents,
                        script.Directives,
                        (c, ms) => _journal.RecordAsync(c, script.Name, script.Checksum, ms, planned.JournalKind, ct), ct,
                        planned.InTransaction ? null : new AttemptRecord(Attempts, script.Name, script.Checksum));
                }
                catch (Exception e) when (observer is not null)
                {
                    observer.Failed(script, clock.Elapsed, e);
                    throw;
                }
                observer?.Applied(script, elapsed);
                log.Info($"applied {script.Name} ({elapsed.TotalMilliseconds:0} ms){(planned.InTransaction ? "" : " [no transaction]")}");
                applied.Add(script.Name);
            }
            foreach (var d in run.Deferred)
                log.Info($"deferred {d.Name}: the server lacks {string.Join(", ", d.MissingCapabilities)}");
            return new UpResult(applied, run.Deferred, run.Missing);
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
        foreach (var file in set.Ignored)
            log.Warn($"{file} in the migrations folder is not a script (only NNNN_description.sql, .down.sql and repeatable/*.sql are); ignored");
        return (server, new MigrationPlan(set, await _journal.ReadAsync(connection, ct), new CapabilityGate(server),
            await Attempts.ReadAsync(connection, ct)));
    }

    /// <summary>
    /// Exactly the SQL <c>up</c> would run against this database now: the same <see cref="RunPlan"/> <c>up</c> executes,
    /// rendered by <see cref="RunPlanSql"/> — for a reviewer or a DBA to read or run with psql.
    /// </summary>
    public async Task<string> ScriptAsync(CancellationToken ct = default)
    {
        var set = scripts.Load();
        CheckVariables(set);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var (_, plan) = await PlanAsync(connection, set, ct);
        DriftException.ThrowIfAny(plan);

        return RunPlanSql.Render(RunPlan.From(plan, null, options, _journal));
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
            // The same plan as up: an applied script edited or renamed on disk stops the run before anything is reverted.
            var (_, plan) = await PlanAsync(connection, set, ct);
            DriftException.ThrowIfAny(plan);
            var applied = plan.Scripts.Where(s => s.Kind == ScriptKind.Versioned && s.Journal is not null).ToList();
            applied.Sort(MigrationPlan.NewestLast);
            applied.Reverse();
            List<ScriptStatus> toRevert;
            if (toVersion is not null)
            {
                var target = set.FindVersioned(toVersion) ?? throw new ScriptDefinitionException($"no script with version {toVersion} in {scripts.Directory}");
                toRevert = applied.Where(s => s.Version is not null && ScriptVersion.Compare(s.Version, target.Version!) > 0).ToList();
            }
            else
                toRevert = applied.Take(count ?? 1).ToList();

            var notOnDisk = toRevert.Where(s => s.Script is null).Select(s => s.Name).ToList();
            if (notOnDisk.Count > 0)
                throw new ScriptDefinitionException($"cannot revert {string.Join(", ", notOnDisk)}: not on disk");
            var noDown = toRevert.Where(s => !s.Script!.HasDown).Select(s => s.Name).ToList();
            if (noDown.Count > 0)
                throw new ScriptDefinitionException($"cannot revert: no down script for {string.Join(", ", noDown)} (expected {string.Join(", ", noDown.Select(n => n[..^4] + ".down.sql"))}); nothing was reverted");

            foreach (var status in toRevert) // every down script checked (directives too) before the first runs
            {
                var downPath = status.Script!.DownPath!;
                CheckScript(downPath, status.Script.DownContents!);
                ScriptDirectives.Parse(status.Script.DownContents!, Path.GetFileName(downPath));
            }
            var reverted = new List<string>();
            foreach (var status in toRevert)
            {
                var script = status.Script!;
                var downText = script.DownContents!;
                var directives = ScriptDirectives.Parse(downText, Path.GetFileName(script.DownPath!));
                var journaledName = status.Journal!.ScriptName;
                var elapsed = await _executor.ExecuteAsync(connection, DisplayPath(script.DownPath!), downText, directives,
                    (c, _) => _journal.DeleteAsync(c, journaledName, ct), ct,
                    directives.NoTransaction ? new AttemptRecord(Attempts, script.Name, script.Checksum) : null,
                    reverting: true);
                log.Info($"reverted {script.Name} ({elapsed.TotalMilliseconds:0} ms)");
                reverted.Add(script.Name);
            }
            return reverted;
        }
        finally
        {
            await RunnerLock.ReleaseAsync(connection);
        }
    }

    /// <summary>
    /// Accepts deliberate edits and renames of applied scripts (all of them when no name is given; a renamed script
    /// may be named by its new or its journaled name): records the current checksum, or the new name.
    /// </summary>
    public async Task<IReadOnlyList<string>> RepairAsync(IReadOnlyList<string> names, CancellationToken ct = default)
    {
        var set = scripts.Load();
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await RunnerLock.AcquireAsync(connection, options.RunnerLockWait, ct, log);
        try
        {
            var drift = (await PlanAsync(connection, set, ct)).Plan.Drift;
            bool Named(ScriptStatus s, string n) => s.Name == n || s.State == ScriptState.Renamed && s.Journal!.ScriptName == n;
            var unknown = names.Where(n => !drift.Any(s => Named(s, n))).ToList();
            if (unknown.Count > 0)
                throw new ScriptDefinitionException($"not a changed or renamed applied script: {string.Join(", ", unknown)}; nothing was repaired");
            var accepted = new List<string>();
            foreach (var s in drift.Where(s => names.Count == 0 || names.Any(n => Named(s, n))))
            {
                if (s.State == ScriptState.Renamed)
                {
                    await _journal.RenameAsync(connection, s.Journal!.ScriptName, s.Name, s.Script!.Checksum, ct);
                    log.Info($"accepted the rename of {s.Journal.ScriptName} to {s.Name}");
                }
                else
                {
                    await _journal.UpdateChecksumAsync(connection, s.Journal!.ScriptName, s.Script!.Checksum, ct);
                    log.Info($"accepted the new checksum of {s.Name}");
                }
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
                if (!retry && p.Reverting)
                    await _journal.DeleteAsync(connection, p.Journal!.ScriptName, ct);
                else if (!retry)
                    await _journal.RecordAsync(connection, p.Name, p.Script!.Checksum, 0,
                        p.Kind == ScriptKind.Versioned ? "versioned" : "repeatable", ct);
                await Attempts.DeleteAsync(connection, p.Name, ct);
                await tx.CommitAsync(ct);
                log.Info((retry, p.Reverting) switch
                {
                    (true, false) => $"{p.Name} will run again from its first statement on the next `schema up`",
                    (true, true) => $"{p.Name} stays applied (its down script's partial run is forgotten)",
                    (false, false) => $"journaled {p.Name} as applied",
                    (false, true) => $"removed {p.Name} from the journal (its down script was finished by hand)",
                });
                settled.Add(p.Name);
            }
            return settled;
        }
        finally
        {
            await RunnerLock.ReleaseAsync(connection);
        }
    }

    private static PartialScriptException PartialScripts(IReadOnlyList<ScriptStatus> partial)
    {
        var ups = partial.Where(p => !p.Reverting).ToList();
        var downs = partial.Where(p => p.Reverting).ToList();
        string Reached(ScriptStatus p) => $"it reached {p.Attempt!.Reached}" +
            (p.Attempt.Error is { } e ? $" and failed ({e})" : " and was interrupted");
        string Names(IEnumerable<ScriptStatus> list) => string.Join(" ", list.Select(p => p.Name));
        var parts = new List<string>();
        if (ups.Count > 0)
            parts.Add(string.Join("; ", ups.Select(p => $"{p.Name} started and did not finish: {Reached(p)}")) +
                ". Check what it left (statements up to there may be applied), then either finish it by hand and run " +
                $"`schema repair --resolve {Names(ups)}` to journal it as applied, or undo what it did and run " +
                $"`schema repair --retry {Names(ups)}` to run it again");
        if (downs.Count > 0)
            parts.Add(string.Join("; ", downs.Select(p => $"the down script of {p.Name} started and did not finish: {Reached(p)}")) +
                ". Check what it left (statements up to there are undone), then either run `schema down` again, or " +
                $"finish reverting by hand and run `schema repair --resolve {Names(downs)}` to remove it from the " +
                $"journal, or restore what it undid and run `schema repair --retry {Names(downs)}` to keep it applied");
        return new PartialScriptException("Nothing was run. " + string.Join(". ", parts));
    }

    /// <summary>
    /// Substitutes and validates every script once up front, so an undefined variable, an unterminated token, a psql
    /// meta-command or transaction control fails before anything runs.
    /// </summary>
    private void CheckVariables(ScriptSet set)
    {
        foreach (var s in set.Versioned.Concat(set.Repeatable))
            CheckScript(s.Path, s.Contents);
    }

    private void CheckScript(string path, string contents) =>
        ScriptValidation.Check(contents, VariableSubstitution.Apply(contents, options.Variables, DisplayPath(path)),
            DisplayPath(path));

    private static string DisplayPath(string path)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
