using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Market;

/// <summary>
/// Issue #7 item 1 at the source design's scale, on a server with PostgreSQL's default lock settings: with 20 symbols
/// × 2014-01 .. next month in every timeframe table, the 0110/0107 procedures would need more locks in one
/// transaction than the whole server has (measured), while the bounded procedures of 0122 add and drop an indicator
/// column on every table, and drop a timeframe, within their lock budget.
/// Runs alone: one table's transaction takes up to half of the server's lock table.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class MarketBoundedLockDdlScaleTests(MarketFullRangeDatabase layout) : IClassFixture<MarketFullRangeDatabase>
{
    private MigratedDatabase Db => layout.Db;

    private static Task<long> TreeSizeAsync(NpgsqlConnection c, int minutes) =>
        Sql.ScalarAsync<long>(c, "select count(*) from market.tree_relations(format('market.%I', format('ohlcv_%sm', @m::int))::regclass)",
            ("m", minutes));

    /// <summary>
    /// Tables (root, partitions, leaves) of every timeframe tree with/without the column, from pg_inherits
    /// (market.tree_relations): pg_partition_tree would lock all ~15,800 tables in one statement, more than the server has.
    /// </summary>
    private static Task<long> TablesWithAsync(NpgsqlConnection c, string column, bool with) =>
        Sql.ScalarAsync<long>(c, """
            select count(*)
            from market.timeframes t
            cross join lateral market.tree_relations(format('market.%I', format('ohlcv_%sm', t.minutes))::regclass) p
            where exists (select from pg_attribute a where a.attrelid = p.relid and a.attname = @c and not a.attisdropped) = @w
            """, ("c", column), ("w", with));

    [Fact]
    public async Task The_old_procedures_need_more_locks_in_one_transaction_than_a_stock_server_has()
    {
        var output = TestContext.Current.TestOutputHelper;
        await using var c = await Db.DataSource.OpenConnectionAsync();
        Assert.Equal(64, await Sql.ScalarAsync<int>(c, "select current_setting('max_locks_per_transaction')::int"));
        var capacity = await Sql.ScalarAsync<int>(c, "select market.lock_table_capacity()");
        var minutes = await Sql.ListAsync<short>(c, "select minutes from market.timeframes order by minutes");

        // measured: an ADD COLUMN of one timeframe table holds one ACCESS EXCLUSIVE lock per table of its tree
        var oneMinuteTree = await TreeSizeAsync(c, 1);
        Assert.True(oneMinuteTree >= 1 + MarketFullRangeDatabase.Symbols * (1 + 156L), $"ohlcv_1m has {oneMinuteTree} tables");
        long held;
        await using (var tx = await c.BeginTransactionAsync())
        {
            await using (var alter = new NpgsqlCommand("alter table market.ohlcv_1m add column probe_old double precision", c, tx))
            {
                alter.CommandTimeout = 0;
                await alter.ExecuteNonQueryAsync();
            }
            await using var count = new NpgsqlCommand("""
                select count(*) from pg_locks
                where pid = pg_backend_pid() and locktype = 'relation' and mode = 'AccessExclusiveLock'
                """, c, tx);
            held = (long)(await count.ExecuteScalarAsync())!;
            await tx.RollbackAsync();
        }
        Assert.Equal(oneMinuteTree, held);

        // market.add_indicator_column / drop_indicator_column do that for every timeframe in ONE transaction
        long oldNeed = 0;
        foreach (var m in minutes) oldNeed += await TreeSizeAsync(c, m);
        output?.WriteLine($"{minutes.Count} timeframe tables, {oneMinuteTree} tables in each tree (measured {held} locks for one ALTER); "
            + $"the old procedures need {oldNeed} locks in one transaction, the whole server's lock table holds {capacity}");
        Assert.True(oldNeed > capacity, $"old need {oldNeed} vs capacity {capacity}");
        // ... while one table at a time fits the bounded procedures' default budget (half the lock table)
        Assert.True(oneMinuteTree <= capacity / 2, $"one tree {oneMinuteTree} vs budget {capacity / 2}");
    }

    [Fact]
    public async Task The_old_add_indicator_column_fails_with_out_of_shared_memory()
    {
        // Filling the shared lock table makes every other session of the server fail with `out of shared memory`
        // for as long as it is full: run it only on a server nobody else uses.
        Assert.SkipUnless(Environment.GetEnvironmentVariable("MARKET_EXHAUST_LOCK_TABLE") == "1",
            "fills the server's shared lock table, which fails every other session's transactions meanwhile; "
            + "set MARKET_EXHAUST_LOCK_TABLE=1 to run it on a server of your own");
        await using var c = await Db.DataSource.OpenConnectionAsync();
        await using var call = Sql.Command(c, "call market.add_indicator_column('probe_old')");
        call.CommandTimeout = 0;
        var e = await Assert.ThrowsAsync<PostgresException>(() => call.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.OutOfMemory, e.SqlState);
        Assert.Contains("out of shared memory", e.MessageText);
        Assert.Equal(0L, await TablesWithAsync(c, "probe_old", with: true));
    }

    [Fact]
    public async Task The_bounded_procedures_add_and_drop_a_column_on_every_table_and_drop_a_timeframe_within_budget()
    {
        var output = TestContext.Current.TestOutputHelper;
        await using var c = await Db.DataSource.OpenConnectionAsync();
        var budget = await Sql.ScalarAsync<int>(c, "select market.lock_table_capacity() / 2");
        var tables = await TablesWithAsync(c, "probe_bounded", with: false);

        await using var caller = await Db.DataSource.OpenConnectionAsync();
        var (addReport, addPeak, addTime) = await CallWatchedAsync(caller, "call market.add_indicator_column_bounded('probe_bounded')");
        Assert.Equal(tables, await TablesWithAsync(c, "probe_bounded", with: true));
        Assert.Equal(0L, await TablesWithAsync(c, "probe_bounded", with: false));
        Assert.True(await Sql.ScalarAsync<bool>(c, "select exists (select from market.indicator_columns where column_name = 'probe_bounded')"));
        var perTable = addReport.EnumerateArray().Select(e => e.GetProperty("locks").GetInt64()).ToArray();
        Assert.Equal(await Sql.ScalarAsync<long>(c, "select count(*) from market.timeframes"), perTable.Length);
        Assert.All(perTable, locks => Assert.InRange(locks, 1, budget));
        Assert.InRange(addPeak, 1, budget);
        output?.WriteLine($"add: {tables} tables in {perTable.Length} transactions of {string.Join(", ", perTable)} locks; "
            + $"peak seen in pg_locks {addPeak} (budget {budget}); {addTime.TotalSeconds:F1} s; "
            + $"{addReport.EnumerateArray().Sum(e => e.GetProperty("retries").GetInt32())} retries");

        var (dropReport, dropPeak, dropTime) = await CallWatchedAsync(caller, "call market.drop_indicator_column_bounded('probe_bounded')");
        Assert.Equal(0L, await TablesWithAsync(c, "probe_bounded", with: true));
        Assert.False(await Sql.ScalarAsync<bool>(c, "select exists (select from market.indicator_columns where column_name = 'probe_bounded')"));
        Assert.InRange(dropPeak, 1, budget);
        output?.WriteLine($"drop: {dropReport.GetArrayLength()} transactions, peak {dropPeak} locks, {dropTime.TotalSeconds:F1} s");

        // dropping a whole timeframe: p_batch partitions per transaction (the old drop_timeframe: ~3 locks per leaf at once)
        var tree = await TreeSizeAsync(c, 181);
        var (timeframeReport, timeframePeak, timeframeTime) = await CallWatchedAsync(caller, "call market.drop_timeframe_bounded(181, p_batch => 200)");
        Assert.Null(await Sql.ScalarAsync<string>(c, "select to_regclass('market.ohlcv_181m')::text"));
        Assert.False(await Sql.ScalarAsync<bool>(c, "select exists (select from market.timeframes where minutes = 181)"));
        Assert.Equal(tree - 1, timeframeReport.EnumerateArray().Where(e => e.GetProperty("action").GetString() == "drop_partitions")
            .Sum(e => e.GetProperty("count").GetInt64()));
        Assert.InRange(timeframePeak, 1, budget);
        output?.WriteLine($"drop_timeframe(181): {tree} tables in {timeframeReport.GetArrayLength()} transactions, peak {timeframePeak} locks, "
            + $"{timeframeTime.TotalSeconds:F1} s");
    }

    /// <summary>
    /// Runs a CALL while a watcher samples the caller's lock count in pg_locks (the largest sample is a lower bound of
    /// the true peak: reported, and asserted against the budget, which the procedures must never exceed).
    /// </summary>
    private async Task<(JsonElement Report, long Peak, TimeSpan Elapsed)> CallWatchedAsync(NpgsqlConnection caller, string sql)
    {
        var pid = caller.ProcessID;
        using var stop = new CancellationTokenSource();
        long peak = 0;
        var watcher = Task.Run(async () =>
        {
            await using var w = await Db.DataSource.OpenConnectionAsync();
            await using var count = Sql.Command(w, "select count(*) from pg_locks where pid = @p", ("p", pid));
            while (!stop.IsCancellationRequested)
            {
                var n = (long)(await count.ExecuteScalarAsync())!;
                if (n > peak) peak = n;
            }
        });
        var sw = Stopwatch.StartNew();
        try
        {
            await using var cmd = Sql.Command(caller, sql);
            cmd.CommandTimeout = 0;
            var report = JsonDocument.Parse((string)(await cmd.ExecuteScalarAsync())!).RootElement.Clone();
            return (report, peak, sw.Elapsed);
        }
        finally
        {
            await stop.CancelAsync();
            await watcher;
        }
    }
}
