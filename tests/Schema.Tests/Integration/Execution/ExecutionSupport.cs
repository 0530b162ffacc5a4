using Npgsql;
using Schema.Core.Execution;
using Schema.Tests.Harness;

namespace Schema.Tests.Execution;

/// <summary>Waiting on real conditions (pg_stat_activity, pg_locks, a log line) for the execution-safety tests.</summary>
internal static class ExecutionSupport
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"gave up waiting until {what}");
            await Task.Delay(20);
        }
    }

    /// <summary>Backends in <paramref name="database"/> whose current query contains <paramref name="text"/> and is running.</summary>
    public static async Task<List<int>> ActivePidsAsync(string database, string text) =>
        await Sql.ListAsync<int>(await AdminAsync(), """
            select pid from pg_stat_activity
            where datname = @db and state = 'active' and pid <> pg_backend_pid() and strpos(query, @text) > 0
            """, ("db", database), ("text", text));

    /// <summary>The one backend of <paramref name="db"/> running a script's <c>pg_sleep</c> (waits until there is one).</summary>
    public static async Task<int> SleepingBackendAsync(ScratchDatabase db)
    {
        List<int> pids = [];
        await UntilAsync(async () => (pids = await ActivePidsAsync(db.Name, "pg_sleep")).Count == 1, "the script runs pg_sleep");
        return pids[0];
    }

    /// <summary>Sessions holding or waiting for the runner's advisory lock in <paramref name="database"/>.</summary>
    public static async Task<long> RunnerLockHoldersAsync(string database, bool granted = true) =>
        await Sql.ScalarAsync<long>(await AdminAsync(), """
            select count(*) from pg_locks l join pg_database d on d.oid = l.database
            where d.datname = @db and l.locktype = 'advisory' and l.objsubid = 1 and l.granted = @granted
              and l.classid = ((@key >> 32) & 4294967295)::bigint::oid and l.objid = (@key & 4294967295)::bigint::oid
            """, ("db", database), ("key", RunnerLock.Key), ("granted", granted));

    private static NpgsqlDataSource? _admin;

    private static async Task<NpgsqlDataSource> AdminAsync() =>
        _admin ??= NpgsqlDataSource.Create(await TestServer.AdminConnectionStringAsync());
}

/// <summary>A run log that completes a task when a line containing some text is written.</summary>
internal sealed class WatchingRunLog(string awaited) : IRunLog
{
    private readonly TaskCompletionSource _seen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CollectingRunLog _lines = new();
    public Task Seen => _seen.Task;
    public IReadOnlyList<string> Lines => _lines.Lines;
    public void Info(string message) { _lines.Info(message); if (message.Contains(awaited)) _seen.TrySetResult(); }
    public void Warn(string message) { _lines.Warn(message); if (message.Contains(awaited)) _seen.TrySetResult(); }
}
