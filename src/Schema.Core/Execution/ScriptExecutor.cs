using System.Diagnostics;
using System.Text.RegularExpressions;
using Npgsql;
using Schema.Core.Journal;
using Schema.Core.Scripts;

namespace Schema.Core.Execution;

/// <summary>
/// Runs one script on a connection: the transaction strategy (one transaction per script, or none when the header
/// says <c>-- schema:no-transaction</c>), lock_timeout/statement_timeout, retries after a lock timeout, and mapping a
/// server error back to the script's line and column. <paramref name="afterSuccess"/> journals the script; for a
/// transactional script it runs inside the same transaction, so a script and its journal row commit together.
/// A no-transaction script given an <see cref="AttemptRecord"/> records its start and progress, is not journaled
/// while an INVALID index it made exists, and is journaled together with the deletion of its record.
/// After every script the session is reset, so what one script <c>set</c> does not change the next.
/// </summary>
public sealed class ScriptExecutor(RunnerOptions options, IRunLog log, IScriptObserver? observer = null)
{
    /// <param name="reverting">a down script: <paramref name="afterSuccess"/> deletes the journal row, so a script
    /// that stops leaves the row in place (and the messages say so)</param>
    public async Task<TimeSpan> ExecuteAsync(NpgsqlConnection connection, string displayPath, string contents,
        ScriptDirectives directives, Func<NpgsqlConnection, int, Task> afterSuccess, CancellationToken ct,
        AttemptRecord? attempt = null, bool reverting = false)
    {
        var substituted = VariableSubstitution.Apply(contents, options.Variables, displayPath);
        var statements = SqlStatementSplitter.Split(substituted.Text);
        var watch = Stopwatch.StartNew();
        var script = new RunningScript(displayPath, contents, substituted, statements, directives.NoTransaction,
            Recorded: attempt is not null, reverting);
        var finished = false;
        try
        {
            if (directives.NoTransaction)
                await RunWithoutTransactionAsync(connection, script, afterSuccess, attempt, watch, ct);
            else
                await RunInTransactionAsync(connection, script, afterSuccess, watch, ct);
            finished = true;
            return watch.Elapsed;
        }
        catch (Exception e) when (e is ScriptFailedException or ScriptInterruptedException && attempt is not null && directives.NoTransaction)
        {
            // Reset first: a script that did `set role` and then failed must not decide who writes the record.
            try { await ResetSessionAsync(connection); } catch (NpgsqlException) { }
            await RecordFailureAsync(connection, attempt, e.Message);
            if (e is ScriptFailedException f)
                throw new ScriptFailedException(f, reverting ? "; " + script.Outcome(f.Position.Line) :
                    $"; not journaled: this no-transaction script's statements before line {f.Position.Line} stay applied " +
                    "(`schema status` shows it as partial; see `schema repair --resolve` / `--retry`)");
            throw;
        }
        catch (ScriptFailedException f) when (directives.NoTransaction && attempt is null)
        {
            throw new ScriptFailedException(f, "; " + script.Outcome(f.Position.Line));
        }
        catch (NpgsqlException e) when (ConnectionLost(e) && directives.NoTransaction)
        {
            // outside a statement (a statement's own loss is reported by RunStatementAsync, with its line)
            throw new ScriptInterruptedException(
                $"{displayPath}: the connection to the server was lost between its statements ({Why(e)}); this " +
                "no-transaction script may have run partly or wholly: `schema status` shows what the journal says" +
                (attempt is null ? "" : " (partial: see `schema repair --resolve` / `--retry`)"), cancelled: false, e);
        }
        finally
        {
            // After a failure the reset is best effort: the script's own error is the one to report. After success, a
            // session that is gone needs no reset: the script is committed and journaled, and the next one reports
            // the lost connection itself.
            try { await ResetSessionAsync(connection); }
            catch (NpgsqlException e) when (!finished || ConnectionLost(e)) { }
        }
    }

    private async Task RunInTransactionAsync(NpgsqlConnection connection, RunningScript script,
        Func<NpgsqlConnection, int, Task> afterSuccess, Stopwatch watch, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var committing = false;
            try
            {
                await using var tx = await connection.BeginTransactionAsync(ct);
                await SetTimeoutsAsync(connection, local: true, ct);
                for (var i = 0; i < script.Statements.Count; i++)
                    await RunStatementAsync(connection, script, i, ct);
                await ResetIdentityAsync(connection, ct);
                await afterSuccess(connection, (int)watch.ElapsedMilliseconds);
                committing = true;
                await tx.CommitAsync(ct);
                return;
            }
            catch (ScriptFailedException e) when (e.LockTimeout)
            {
                await WaitBeforeRetryAsync(script, e, attempt, ct);
            }
            catch (NpgsqlException e) when (ConnectionLost(e))
            {
                // Lost outside a statement: before the first one (e.g. while waiting to retry), at the journal insert,
                // or at COMMIT, whose outcome the client cannot know. The journal row commits with the script.
                throw new ScriptInterruptedException(committing
                    ? $"{script.DisplayPath}: the connection to the server was lost while committing ({Why(e)}); " +
                      "whether the script and its journal row committed is unknown until the server is back: " +
                      "`schema status` shows it (they commit together)"
                    : $"{script.DisplayPath}: the connection to the server was lost outside its statements " +
                      $"({Why(e)}); {script.Outcome(1)}", cancelled: false, e);
            }
            catch (PostgresException e) when (committing)
            {
                // Checked at COMMIT (a deferred constraint): the server rolled the transaction back, journal row too.
                var last = script.PositionOf(script.Statements.Count > 0 ? script.Statements[^1].Offset : 0);
                throw new ScriptFailedException(new ScriptFailedException(script.DisplayPath, last, e, "at commit: "),
                    "; " + script.Outcome(last.Line));
            }
        }
    }

    private async Task RunWithoutTransactionAsync(NpgsqlConnection connection, RunningScript script,
        Func<NpgsqlConnection, int, Task> afterSuccess, AttemptRecord? attempt, Stopwatch watch, CancellationToken ct)
    {
        var invalidBefore = (await InvalidIndexesAsync(connection, ct)).Select(i => i.Oid).ToHashSet();
        if (attempt is not null)
        {
            await attempt.Attempts.EnsureAsync(connection, ct);
            await attempt.Attempts.StartAsync(connection, attempt.Name, attempt.Checksum, script.Statements.Count,
                script.LineOf(0), ct);
        }
        var next = 0; // resumes at the statement that hit the lock timeout
        for (var retry = 0; ; retry++)
        {
            try
            {
                await SetTimeoutsAsync(connection, local: false, ct);
                try
                {
                    for (; next < script.Statements.Count; next++)
                    {
                        if (attempt is not null && next > 0)
                            await attempt.Attempts.ReachedAsync(connection, attempt.Name, next + 1, script.LineOf(next), ct);
                        await RunStatementAsync(connection, script, next, ct);
                    }
                }
                finally
                {
                    await ResetTimeoutsAsync(connection);
                }
                break;
            }
            catch (ScriptFailedException e) when (e.LockTimeout)
            {
                await WaitBeforeRetryAsync(script, e, retry, ct);
            }
        }

        var leftInvalid = (await InvalidIndexesAsync(connection, ct))
            .Where(i => !invalidBefore.Contains(i.Oid) || script.Mentions(i.Name)).Select(i => i.QualifiedName).ToList();
        if (leftInvalid.Count > 0)
        {
            var message = $"{script.DisplayPath}: not journaled: index {string.Join(", ", leftInvalid)} is INVALID " +
                "(a create index concurrently failed or was interrupted, and \"if not exists\" skips it); drop it with " +
                $"`drop index concurrently {leftInvalid[0]}`, fix the cause, then `schema repair --retry` and `schema up`";
            if (attempt is not null) await RecordFailureAsync(connection, attempt, message);
            throw new InvalidIndexException(message);
        }

        await ResetIdentityAsync(connection, ct);
        if (attempt is null)
        {
            await afterSuccess(connection, (int)watch.ElapsedMilliseconds);
            return;
        }
        await using var tx = await connection.BeginTransactionAsync(CancellationToken.None);
        await afterSuccess(connection, (int)watch.ElapsedMilliseconds);
        await attempt.Attempts.DeleteAsync(connection, attempt.Name, CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
    }

    private async Task WaitBeforeRetryAsync(RunningScript script, ScriptFailedException e, int attempt, CancellationToken ct)
    {
        observer?.LockTimeout(willRetry: attempt < options.LockRetries);
        if (attempt >= options.LockRetries)
            throw new ScriptFailedException(e.ScriptPath, e.Position, (PostgresException)e.InnerException!,
                $"waited for a lock {options.LockRetries + 1} times ({options.LockTimeout.TotalSeconds:0.###}s lock_timeout each) and gave up: another session holds a conflicting lock. ");
        var wait = options.LockRetryBackoff * Math.Pow(2, attempt);
        log.Warn($"{script.DisplayPath}: waited {options.LockTimeout.TotalSeconds:0.###}s for a lock ({e.InnerException?.Message}); retry {attempt + 1} of {options.LockRetries} in {wait.TotalSeconds:0.#}s");
        try
        {
            await Task.Delay(wait, ct);
        }
        catch (OperationCanceledException oce) when (ct.IsCancellationRequested)
        {
            throw new ScriptInterruptedException(
                $"{e.ScriptPath}:{e.Position.Line}:{e.Position.Column}: interrupted while waiting to retry this script; {script.Outcome(e.Position.Line)}",
                cancelled: true, oce);
        }
    }

    private async Task SetTimeoutsAsync(NpgsqlConnection connection, bool local, CancellationToken ct)
    {
        // The settings RunPlan names (and `schema script` prints), as parameters.
        var settings = RunPlan.SettingsOf(options);
        var calls = settings.Select((_, i) => $"set_config(@name{i}, @value{i}, @local)");
        await using var cmd = new NpgsqlCommand("select " + string.Join(", ", calls), connection);
        for (var i = 0; i < settings.Count; i++)
        {
            cmd.Parameters.AddWithValue("name" + i, settings[i].Name);
            cmd.Parameters.AddWithValue("value" + i, settings[i].Value);
        }
        cmd.Parameters.AddWithValue("local", local);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task ResetTimeoutsAsync(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open) return;
        // names from RunPlan.SettingsOf, constants of this code
        var resets = RunPlan.SettingsOf(options).Select(s => $"reset {s.Name}");
        await using var cmd = new NpgsqlCommand(string.Join("; ", resets), connection);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task ResetSessionAsync(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open) return;
        await using var cmd = new NpgsqlCommand(RunPlan.ResetSessionSql, connection);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>The journal row is written by the runner's own user, not by a role the script switched to.</summary>
    private static async Task ResetIdentityAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(RunPlan.ResetIdentitySql, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Best effort: the connection may be gone, and the record already says which statement was reached.</summary>
    private static async Task RecordFailureAsync(NpgsqlConnection connection, AttemptRecord attempt, string error)
    {
        if (connection.State != System.Data.ConnectionState.Open) return;
        try { await attempt.Attempts.FailedAsync(connection, attempt.Name, error, CancellationToken.None); }
        catch (NpgsqlException) { }
    }

    private static async Task<List<(long Oid, string QualifiedName, string Name)>> InvalidIndexesAsync(
        NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(SqlResource.Load("Execution.invalid_indexes"), connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var list = new List<(long, string, string)>();
        while (await reader.ReadAsync(ct)) list.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        return list;
    }

    private static async Task RunStatementAsync(NpgsqlConnection connection, RunningScript script, int index, CancellationToken ct)
    {
        var statement = script.Statements[index];
        try
        {
            await using var cmd = new NpgsqlCommand(statement.Text, connection) { CommandTimeout = 0 };
            // Npgsql splits a parameterless command at semicolons by its own rules (begin atomic bodies too); a
            // positional parameter makes it send the text as is (npgsql/npgsql#4445). The statement does not use it.
            if (statement.HasInnerSemicolon) cmd.Parameters.Add(new NpgsqlParameter { Value = 0 });
            await cmd.ExecuteNonQueryAsync(ct);
        }
        catch (OperationCanceledException e) when (ct.IsCancellationRequested)
        {
            var at = script.PositionOf(statement.Offset);
            throw new ScriptInterruptedException(
                $"{script.DisplayPath}:{at.Line}:{at.Column}: interrupted{script.StatementOf(index)}; {script.Outcome(at.Line)}",
                cancelled: true, e);
        }
        catch (NpgsqlException e) when (ConnectionLost(e))
        {
            var at = script.PositionOf(statement.Offset);
            throw new ScriptInterruptedException(
                $"{script.DisplayPath}:{at.Line}:{at.Column}: the connection to the server was lost{script.StatementOf(index)} ({Why(e)}); {script.Outcome(at.Line)}",
                cancelled: false, e);
        }
        catch (PostgresException e)
        {
            // The server's position is 1-based, in characters, within the statement we sent; without one, the statement.
            var position = script.PositionOf(statement.Offset + statement.OffsetOfServerPosition(e.Position));
            throw new ScriptFailedException(script.DisplayPath, position, e);
        }
    }

    private static string Why(NpgsqlException e) =>
        e is PostgresException pg ? $"{pg.SqlState}: {pg.MessageText}" : e.Message.TrimEnd('.');

    /// <summary>The session ended under the statement: terminated, server shut down or crashed, network gone.</summary>
    private static bool ConnectionLost(NpgsqlException e) =>
        e is not PostgresException || e is PostgresException { SqlState: "57P01" or "57P02" or "57P03" or "08006" or "08003" };

    private sealed record RunningScript(string DisplayPath, string Original, SubstitutedSql Substituted,
        IReadOnlyList<SqlStatement> Statements, bool NoTransaction, bool Recorded, bool Reverting)
    {
        public TextPosition PositionOf(int substitutedOffset) => TextPosition.Of(Original, Substituted.ToSourceOffset(substitutedOffset));

        public int LineOf(int index) => index < Statements.Count ? PositionOf(Statements[index].Offset).Line : 1;

        public string StatementOf(int index) => NoTransaction ? $" at statement {index + 1} of {Statements.Count}" : "";

        /// <summary>What a script that stopped at <paramref name="line"/> leaves, in words.</summary>
        public string Outcome(int line) => (NoTransaction, Reverting) switch
        {
            (false, false) => "the script was rolled back and not journaled",
            (false, true) => "the down script was rolled back; the script stays journaled as applied",
            (true, false) when Recorded =>
                $"this no-transaction script was not journaled and the statements before line {line} stay applied; " +
                "`schema status` shows it as partial (see `schema repair --resolve` / `--retry`)",
            (true, false) => $"this no-transaction script was not journaled and the statements before line {line} stay applied",
            (true, true) when Recorded =>
                $"this no-transaction down script stopped partway: the statements before line {line} took effect and " +
                "the script is still journaled; `schema status` shows it as partial (reverting): run `schema down` " +
                "again (the down script reruns from its first statement) or see `schema repair --resolve` / `--retry`",
            (true, true) =>
                $"this no-transaction down script stopped partway: the statements before line {line} took effect and " +
                "the script is still journaled as applied; fix what is left, then run `schema down` again (the down " +
                "script reruns from its first statement)",
        };

        /// <summary>Whether an object name appears in the script as a word (case-insensitive).</summary>
        public bool Mentions(string name) =>
            Regex.IsMatch(Substituted.Text, $@"(?<![\w$""]){Regex.Escape(name)}(?![\w$""])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)
            || Substituted.Text.Contains('"' + name + '"', StringComparison.Ordinal);
    }
}
