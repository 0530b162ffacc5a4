using Npgsql;

namespace Schema.Core.Execution;

/// <summary>
/// One runner at a time per database: a session-level advisory lock held for the whole run. A second runner waits
/// (bounded by <see cref="RunnerOptions.RunnerLockWait"/> through lock_timeout) and then sees nothing pending.
/// </summary>
public static class RunnerLock
{
    /// <summary>Arbitrary but fixed: "schema" in ASCII.</summary>
    public const long Key = 0x736368656D61;

    public static async Task AcquireAsync(NpgsqlConnection connection, TimeSpan wait, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "select set_config('lock_timeout', @wait, false); select pg_advisory_lock(@key); reset lock_timeout", connection) { CommandTimeout = 0 };
        cmd.Parameters.AddWithValue("wait", RunnerOptions.ToPostgresInterval(wait));
        cmd.Parameters.AddWithValue("key", Key);
        try
        {
            await cmd.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new RunnerBusyException($"another schema runner has held this database's migration lock for more than {wait.TotalSeconds:0}s; giving up (raise --runner-lock-wait)");
        }
    }

    public static async Task ReleaseAsync(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open) return;
        await using var cmd = new NpgsqlCommand("select pg_advisory_unlock(@key)", connection);
        cmd.Parameters.AddWithValue("key", Key);
        await cmd.ExecuteNonQueryAsync();
    }
}

public sealed class RunnerBusyException(string message) : Exception(message);
