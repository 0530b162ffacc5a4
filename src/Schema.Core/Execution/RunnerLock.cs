using Npgsql;

namespace Schema.Core.Execution;

/// <summary>
/// One runner at a time per database: a session-level advisory lock held for the whole run. A second runner polls
/// <c>pg_try_advisory_lock</c> (bounded by <see cref="RunnerOptions.RunnerLockWait"/>; zero means one try) and then
/// sees nothing pending. It never waits inside <c>pg_advisory_lock()</c>: a session blocked in a statement holds a
/// snapshot, and the running runner's <c>create index concurrently</c> would wait for that snapshot while the waiter
/// waits for the runner — a deadlock. Between polls the waiting session is idle, outside any transaction.
/// </summary>
public static class RunnerLock
{
    /// <summary>Arbitrary but fixed: "schema" in ASCII.</summary>
    public const long Key = 0x736368656D61;

    private static readonly TimeSpan FirstPoll = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestPoll = TimeSpan.FromSeconds(1);

    public static async Task AcquireAsync(NpgsqlConnection connection, TimeSpan wait, CancellationToken ct,
        IRunLog? log = null)
    {
        var started = DateTime.UtcNow;
        var pause = FirstPoll;
        string? lastHolder = null;
        while (true)
        {
            if (await TryAcquireAsync(connection, ct)) return;
            var holder = await DescribeHolderAsync(connection, ct);
            var waited = DateTime.UtcNow - started;
            if (waited >= wait)
                throw new RunnerBusyException(wait <= TimeSpan.Zero
                    ? $"another schema runner holds this database's migration lock ({holder}); not waiting (--runner-lock-wait 0)"
                    : $"another schema runner has held this database's migration lock for more than {wait.TotalSeconds:0.###}s ({holder}); giving up (raise --runner-lock-wait)");
            if (holder != lastHolder)
            {
                log?.Info($"waiting up to {wait.TotalSeconds:0.###}s for the migration lock held by {holder}");
                lastHolder = holder;
            }
            // The product's retry loop, not a synchronisation sleep: the session stays idle (no snapshot) meanwhile.
            var remaining = wait - waited;
            await Task.Delay(pause < remaining ? pause : remaining, ct);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, LongestPoll.Ticks));
        }
    }

    private static async Task<bool> TryAcquireAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select pg_try_advisory_lock(@key)", connection);
        cmd.Parameters.AddWithValue("key", Key);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>"pid 123 (application 'schema', session since 2026-01-01 10:00:00 UTC, from 10.0.0.5)".</summary>
    public static async Task<string> DescribeHolderAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(SqlResource.Load("Execution.runner_lock_holder"), connection);
        cmd.Parameters.AddWithValue("key", Key);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return "a session that has just let go";
        var since = reader.IsDBNull(2) ? "unknown" : reader.GetDateTime(2).ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss") + " UTC";
        return $"pid {reader.GetInt32(0)} (application '{reader.GetString(1)}', session since {since}, from {reader.GetString(3)})";
    }

    public static async Task ReleaseAsync(NpgsqlConnection connection)
    {
        if (connection.State != System.Data.ConnectionState.Open) return;
        await using var cmd = new NpgsqlCommand("select pg_advisory_unlock(@key)", connection);
        cmd.Parameters.AddWithValue("key", Key);
        await cmd.ExecuteNonQueryAsync();
    }
}
