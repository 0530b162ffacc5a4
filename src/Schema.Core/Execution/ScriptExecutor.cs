using System.Diagnostics;
using Npgsql;
using Schema.Core.Scripts;

namespace Schema.Core.Execution;

/// <summary>
/// Runs one script on a connection: the transaction strategy (one transaction per script, or none when the header
/// says <c>-- schema:no-transaction</c>), lock_timeout/statement_timeout, retries after a lock timeout, and mapping a
/// server error back to the script's line and column. <paramref name="afterSuccess"/> journals the script; for a
/// transactional script it runs inside the same transaction, so a script and its journal row commit together.
/// </summary>
public sealed class ScriptExecutor(RunnerOptions options, IRunLog log)
{
    public async Task<TimeSpan> ExecuteAsync(NpgsqlConnection connection, string displayPath, string contents,
        ScriptDirectives directives, Func<NpgsqlConnection, int, Task> afterSuccess, CancellationToken ct)
    {
        var substituted = VariableSubstitution.Apply(contents, options.Variables, displayPath);
        var statements = SqlStatementSplitter.Split(substituted.Text);
        var watch = Stopwatch.StartNew();
        var firstPending = 0; // no-transaction scripts resume at the statement that hit the lock timeout
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                if (directives.NoTransaction)
                {
                    await SetTimeoutsAsync(connection, local: false, ct);
                    try
                    {
                        for (; firstPending < statements.Count; firstPending++)
                            await RunStatementAsync(connection, displayPath, contents, substituted, statements[firstPending], ct);
                    }
                    finally
                    {
                        await ResetTimeoutsAsync(connection);
                    }
                    await afterSuccess(connection, (int)watch.ElapsedMilliseconds);
                }
                else
                {
                    await using var tx = await connection.BeginTransactionAsync(ct);
                    await SetTimeoutsAsync(connection, local: true, ct);
                    foreach (var statement in statements)
                        await RunStatementAsync(connection, displayPath, contents, substituted, statement, ct);
                    await afterSuccess(connection, (int)watch.ElapsedMilliseconds);
                    await tx.CommitAsync(ct);
                }
                return watch.Elapsed;
            }
            catch (ScriptFailedException e) when (e.LockTimeout && attempt < options.LockRetries)
            {
                var wait = options.LockRetryBackoff * Math.Pow(2, attempt);
                log.Warn($"{displayPath}: waited {options.LockTimeout.TotalSeconds:0.###}s for a lock ({e.InnerException?.Message}); retry {attempt + 1} of {options.LockRetries} in {wait.TotalSeconds:0.#}s");
                await Task.Delay(wait, ct);
            }
            catch (ScriptFailedException e) when (e.LockTimeout)
            {
                throw new ScriptFailedException(e.ScriptPath, e.Position, (PostgresException)e.InnerException!,
                    $"waited for a lock {options.LockRetries + 1} times ({options.LockTimeout.TotalSeconds:0.###}s lock_timeout each) and gave up: another session holds a conflicting lock. ");
            }
        }
    }

    private async Task SetTimeoutsAsync(NpgsqlConnection connection, bool local, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select set_config('lock_timeout', @lock, @local), set_config('statement_timeout', @statement, @local)", connection);
        cmd.Parameters.AddWithValue("lock", RunnerOptions.ToPostgresInterval(options.LockTimeout));
        cmd.Parameters.AddWithValue("statement", RunnerOptions.ToPostgresInterval(options.StatementTimeout));
        cmd.Parameters.AddWithValue("local", local);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task ResetTimeoutsAsync(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open) return;
        await using var cmd = new NpgsqlCommand("reset lock_timeout; reset statement_timeout", connection);
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task RunStatementAsync(NpgsqlConnection connection, string displayPath, string original,
        SubstitutedSql substituted, SqlStatement statement, CancellationToken ct)
    {
        try
        {
            await using var cmd = new NpgsqlCommand(statement.Text, connection) { CommandTimeout = 0 };
            // Npgsql splits a parameterless command at semicolons by its own rules (begin atomic bodies too); a
            // positional parameter makes it send the text as is (npgsql/npgsql#4445). The statement does not use it.
            if (statement.HasInnerSemicolon) cmd.Parameters.Add(new NpgsqlParameter { Value = 0 });
            await cmd.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e)
        {
            // The server's position is 1-based, in characters, within the statement we sent; without one, the statement.
            var outputOffset = statement.Offset + statement.OffsetOfServerPosition(e.Position);
            var position = TextPosition.Of(original, substituted.ToSourceOffset(outputOffset));
            throw new ScriptFailedException(displayPath, position, e);
        }
    }
}
