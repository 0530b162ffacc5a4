using System.Text.Json;
using Npgsql;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Market;

/// <summary>
/// Issue #7 item 1, the behaviour of the bounded DDL procedures of 0122 on small trees: a reader holding a leaf makes
/// them retry (lock_timeout) instead of queueing, an interrupted run is finished by a rerun, the lock budget is
/// checked before anything changes, hostile names are rejected or quoted, and only the owner runs them.
/// The scale (20 symbols from 2014 on a stock server) is in <see cref="MarketBoundedLockDdlScaleTests"/>.
/// </summary>
public sealed class MarketBoundedLockDdlTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private static readonly string[] Roots = ["ohlcv_1m", "ohlcv_5m", "ohlcv_13m", "ohlcv_60m", "ohlcv_181m"];

    private async Task<NpgsqlConnection> OpenAsync() => await db.DataSource.OpenConnectionAsync();

    /// <summary>Tables of every timeframe tree (root, symbol partitions, leaves) that lack the column.</summary>
    private static Task<List<string>> TablesWithoutAsync(NpgsqlConnection c, string column) =>
        Sql.ListAsync<string>(c, """
            select p.relid::regclass::text
            from market.timeframes t
            cross join lateral pg_partition_tree(format('market.%I', format('ohlcv_%sm', t.minutes))::regclass) p
            where not exists (select from pg_attribute a where a.attrelid = p.relid and a.attname = @c and not a.attisdropped)
            order by 1
            """, ("c", column));

    /// <summary>Timeframe roots that have the column.</summary>
    private static Task<List<string>> RootsWithAsync(NpgsqlConnection c, string column) =>
        Sql.ListAsync<string>(c, """
            select c.relname::text from pg_class c join pg_attribute a on a.attrelid = c.oid
            where c.relnamespace = 'market'::regnamespace and c.relkind = 'p' and not c.relispartition
              and a.attname = @c and not a.attisdropped
            order by c.relname
            """, ("c", column));

    private static Task<bool> RegisteredAsync(NpgsqlConnection c, string column) =>
        Sql.ScalarAsync<bool>(c, "select exists (select from market.indicator_columns where column_name = @c)", ("c", column));

    private static async Task<JsonElement> CallAsync(NpgsqlConnection c, string sql, params (string, object?)[] args)
    {
        await using var cmd = Sql.Command(c, sql, args);
        cmd.CommandTimeout = 0;
        return JsonDocument.Parse((string)(await cmd.ExecuteScalarAsync())!).RootElement.Clone();
    }

    /// <summary>A session that reads one leaf of market.ohlcv_{minutes}m inside an open transaction (ACCESS SHARE held until it ends).</summary>
    private async Task<(NpgsqlConnection Connection, NpgsqlTransaction Transaction, string Leaf)> HoldLeafAsync(
        int minutes, string symbol, string monthStart)
    {
        var reader = await OpenAsync();
        var tx = await reader.BeginTransactionAsync();
        await using (var read = new NpgsqlCommand(
            $"select count(*) from market.ohlcv_{minutes}m where symbol = @s and \"timestamp\" >= @t::timestamptz and \"timestamp\" < @t::timestamptz + interval '1 month'",
            reader, tx))
        {
            read.Parameters.AddWithValue("s", symbol);
            read.Parameters.AddWithValue("t", monthStart + " 00:00+00");
            await read.ExecuteScalarAsync();
        }
        await using var c = await OpenAsync();
        var pid = reader.ProcessID;
        // the lock is real and granted: pg_locks shows the reader's ACCESS SHARE on the leaf
        var leaf = await Sql.ScalarAsync<string>(c, $"""
            select l.relation::regclass::text from pg_locks l
            where l.pid = @p and l.granted and l.mode = 'AccessShareLock'
              and l.relation in (select relid from pg_partition_tree('market.ohlcv_{minutes}m') where isleaf)
            """, ("p", pid));
        Assert.NotNull(leaf);
        return (reader, tx, leaf);
    }

    [Fact]
    public async Task A_reader_holding_a_leaf_makes_add_retry_and_it_finishes_once_the_reader_is_done()
    {
        await using var c = await OpenAsync();
        await Sql.ExecAsync(c, "call market.ensure_partitions(60, 'ES', '2024-01-01', '2024-04-01')");
        var (reader, readerTx, leaf) = await HoldLeafAsync(60, "ES", "2024-02-01");
        await using var _ = reader;

        // the procedure reports each retry as a notice: the test waits for the second one (no sleep)
        await using var caller = await OpenAsync();
        var retries = 0;
        var retriedTwice = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        caller.Notice += (_, e) =>
        {
            if (e.Notice.MessageText.Contains("lock not available") && Interlocked.Increment(ref retries) == 2) retriedTwice.TrySetResult();
        };
        var call = CallAsync(caller, """
            call market.add_indicator_column_bounded('probe_retry', p_lock_timeout => '50 ms', p_lock_retries => 100000)
            """);
        await Task.WhenAny(retriedTwice.Task, call).WaitAsync(TimeSpan.FromMinutes(5), TestContext.Current.CancellationToken);
        Assert.False(call.IsCompleted, "the procedure finished although a reader held a leaf of market.ohlcv_60m");

        // meanwhile: the tables before ohlcv_60m are done and committed, ohlcv_60m is untouched
        Assert.Equal(["ohlcv_13m", "ohlcv_1m", "ohlcv_5m"], await RootsWithAsync(c, "probe_retry"));
        Assert.True(await RegisteredAsync(c, "probe_retry"));

        await readerTx.CommitAsync();
        var report = await call;
        Assert.Empty(await TablesWithoutAsync(c, "probe_retry"));
        var sixty = report.EnumerateArray().Single(e => e.GetProperty("table").GetString() == "market.ohlcv_60m");
        Assert.True(sixty.GetProperty("retries").GetInt32() >= 2, sixty.ToString());
        TestContext.Current.TestOutputHelper?.WriteLine($"{leaf} held by a reader: {sixty.GetProperty("retries").GetInt32()} retries, then done");

        await CallAsync(c, "call market.drop_indicator_column_bounded('probe_retry')");
        Assert.Empty(await RootsWithAsync(c, "probe_retry"));
    }

    [Fact]
    public async Task An_interrupted_add_or_drop_of_an_indicator_column_is_finished_by_a_rerun()
    {
        await using var c = await OpenAsync();
        await Sql.ExecAsync(c, "call market.ensure_partitions(60, 'NQ', '2024-01-01', '2024-04-01')");

        // add: out of retries on ohlcv_60m (a reader holds a leaf)
        var (reader, readerTx, _) = await HoldLeafAsync(60, "NQ", "2024-03-01");
        await using (reader)
        {
            var e = await Assert.ThrowsAsync<PostgresException>(() => CallAsync(c,
                "call market.add_indicator_column_bounded('probe_resume', p_lock_timeout => '20 ms', p_lock_retries => 1)"));
            Assert.Equal(PostgresErrorCodes.LockNotAvailable, e.SqlState);
            Assert.Contains("gave up after 1 retries", e.MessageText);
            await readerTx.CommitAsync();
        }
        // the work done so far is kept: registered, the first three tables altered, the rest not
        Assert.True(await RegisteredAsync(c, "probe_resume"));
        Assert.Equal(["ohlcv_13m", "ohlcv_1m", "ohlcv_5m"], await RootsWithAsync(c, "probe_resume"));
        var rerun = await CallAsync(c, "call market.add_indicator_column_bounded('probe_resume')");
        Assert.Equal(["market.ohlcv_60m", "market.ohlcv_181m"],
            rerun.EnumerateArray().Select(a => a.GetProperty("table").GetString()!).ToArray());
        Assert.Empty(await TablesWithoutAsync(c, "probe_resume"));
        // a third run has nothing to do
        Assert.Equal(0, (await CallAsync(c, "call market.add_indicator_column_bounded('probe_resume')")).GetArrayLength());

        // drop: the same interruption
        (reader, readerTx, _) = await HoldLeafAsync(60, "NQ", "2024-03-01");
        await using (reader)
        {
            var e = await Assert.ThrowsAsync<PostgresException>(() => CallAsync(c,
                "call market.drop_indicator_column_bounded('probe_resume', p_lock_timeout => '20 ms', p_lock_retries => 0)"));
            Assert.Equal(PostgresErrorCodes.LockNotAvailable, e.SqlState);
            await readerTx.CommitAsync();
        }
        Assert.False(await RegisteredAsync(c, "probe_resume")); // unregistered with the first table
        Assert.Equal(["ohlcv_181m", "ohlcv_60m"], await RootsWithAsync(c, "probe_resume"));
        await CallAsync(c, "call market.drop_indicator_column_bounded('probe_resume')");
        Assert.Empty(await RootsWithAsync(c, "probe_resume"));
        Assert.Equal(0, (await CallAsync(c, "call market.drop_indicator_column_bounded('probe_resume')")).GetArrayLength());
        // the registry and the tables agree again: a timeframe generated now has exactly the registered columns
        await Sql.ExecAsync(c, "call market.add_timeframe(17)");
        Assert.Equal(await MarketSql.ColumnsAsync(c, "ohlcv_60m"), await MarketSql.ColumnsAsync(c, "ohlcv_17m"));
        await CallAsync(c, "call market.drop_timeframe_bounded(17)");
    }

    [Fact]
    public async Task An_interrupted_drop_of_a_timeframe_is_finished_by_a_rerun()
    {
        await using var c = await OpenAsync();
        await Sql.ExecAsync(c, "call market.add_timeframe(240)");
        await Sql.ExecAsync(c, "call market.ensure_partitions(240, 'ES', '2024-01-01', '2024-04-01')");
        await Sql.ExecAsync(c, "call market.ensure_partitions(240, 'NQ', '2024-01-01', '2024-04-01')");
        Assert.Equal(9L, await Sql.ScalarAsync<long>(c, "select count(*) from pg_partition_tree('market.ohlcv_240m')"));

        // ES's leaves were created first (lower oids): the first batch goes, the one with NQ's leaf waits and gives up
        var (reader, readerTx, _) = await HoldLeafAsync(240, "NQ", "2024-01-01");
        await using (reader)
        {
            var e = await Assert.ThrowsAsync<PostgresException>(() => CallAsync(c,
                "call market.drop_timeframe_bounded(240, p_batch => 2, p_lock_timeout => '20 ms', p_lock_retries => 1)"));
            Assert.Equal(PostgresErrorCodes.LockNotAvailable, e.SqlState);
            await readerTx.CommitAsync();
        }
        Assert.False(await Sql.ScalarAsync<bool>(c, "select exists (select from market.timeframes where minutes = 240)"));
        var left = await Sql.ScalarAsync<long>(c, "select count(*) from pg_partition_tree('market.ohlcv_240m')");
        Assert.InRange(left, 2, 8); // some dropped, some left

        var rerun = await CallAsync(c, "call market.drop_timeframe_bounded(240, p_batch => 2)");
        Assert.Null(await Sql.ScalarAsync<string>(c, "select to_regclass('market.ohlcv_240m')::text"));
        Assert.Equal("drop_table", rerun.EnumerateArray().Last().GetProperty("action").GetString());
        Assert.All(rerun.EnumerateArray().Where(a => a.GetProperty("action").GetString() == "drop_partitions"),
            a => Assert.InRange(a.GetProperty("count").GetInt32(), 1, 2));
        Assert.Equal(0, (await CallAsync(c, "call market.drop_timeframe_bounded(240)")).GetArrayLength());
        Assert.Equal(0L, await Sql.ScalarAsync<long>(c, "select count(*) from pg_class where relname like 'ohlcv\\_240m%'"));
    }

    [Fact]
    public async Task A_lock_need_beyond_the_budget_is_refused_before_anything_changes()
    {
        await using var c = await OpenAsync();
        await Sql.ExecAsync(c, "call market.ensure_partitions(60, 'CL', '2024-01-01', '2024-04-01')");
        var sixty = await Sql.ScalarAsync<long>(c, "select count(*) from pg_partition_tree('market.ohlcv_60m')");
        var e = await Assert.ThrowsAsync<PostgresException>(() => CallAsync(c,
            "call market.add_indicator_column_bounded('probe_budget', p_max_locks => @m)", ("m", (int)sixty - 1)));
        Assert.Equal(PostgresErrorCodes.ProgramLimitExceeded, e.SqlState);
        Assert.Contains($"market.ohlcv_60m locks its {sixty} tables", e.MessageText);
        Assert.False(await RegisteredAsync(c, "probe_budget"));
        Assert.Empty(await RootsWithAsync(c, "probe_budget")); // not even the small tables before it

        e = await Assert.ThrowsAsync<PostgresException>(() => CallAsync(c,
            "call market.drop_timeframe_bounded(60, p_batch => 100, p_max_locks => 50)"));
        Assert.Equal(PostgresErrorCodes.ProgramLimitExceeded, e.SqlState);
        Assert.True(await Sql.ScalarAsync<bool>(c, "select exists (select from market.timeframes where minutes = 60)"));

        // the default budget is half the server's lock table
        Assert.Equal(await Sql.ScalarAsync<int>(c, """
            select current_setting('max_locks_per_transaction')::int * (current_setting('max_connections')::int
                   + current_setting('autovacuum_max_workers')::int + 1 + current_setting('max_worker_processes')::int
                   + current_setting('max_wal_senders')::int + current_setting('max_prepared_transactions')::int)
            """), await Sql.ScalarAsync<int>(c, "select market.lock_table_capacity()"));
    }

    [Theory]
    [InlineData("x; drop table market.symbols; --", "double precision")]
    [InlineData("Robert\"); drop table market.symbols; --", "double precision")]
    [InlineData("probe_hostile", "double precision); drop table market.symbols; --")]
    [InlineData("probe_hostile", "text' || pg_sleep(1) || '")]
    [InlineData("volume", "double precision")]
    public async Task Hostile_names_and_types_are_rejected(string name, string type)
    {
        await using var c = await OpenAsync();
        var before = await Sql.ListAsync<string>(c, "select column_name::text from market.indicator_columns order by position");
        var e = await Assert.ThrowsAsync<PostgresException>(() => CallAsync(c,
            "call market.add_indicator_column_bounded(@n, @t)", ("n", name), ("t", type)));
        Assert.Equal(PostgresErrorCodes.InvalidParameterValue, e.SqlState);
        Assert.Equal(before, await Sql.ListAsync<string>(c, "select column_name::text from market.indicator_columns order by position"));
        Assert.NotNull(await Sql.ScalarAsync<string>(c, "select to_regclass('market.symbols')::text"));
        Assert.Empty(await RootsWithAsync(c, "probe_hostile"));

        if (name == "probe_hostile") return; // a valid name: its type was the hostile part
        var drop = await Assert.ThrowsAsync<PostgresException>(() => CallAsync(c,
            "call market.drop_indicator_column_bounded(@n)", ("n", name)));
        Assert.Equal(PostgresErrorCodes.InvalidParameterValue, drop.SqlState);
        Assert.Equal(Roots.Length, (await RootsWithAsync(c, "volume")).Count);
    }

    [Fact]
    public async Task A_reserved_word_as_column_name_and_a_type_modifier_are_quoted()
    {
        await using var c = await OpenAsync();
        await Sql.ExecAsync(c, "call market.ensure_partitions(5, 'ES', '2024-01-01', '2024-03-01')");
        await CallAsync(c, "call market.add_indicator_column_bounded('select', 'numeric(12,4)')");
        Assert.Empty(await TablesWithoutAsync(c, "select"));
        Assert.Equal(["numeric(12,4)"], await Sql.ListAsync<string>(c, """
            select distinct format_type(a.atttypid, a.atttypmod) from pg_attribute a
            where a.attname = 'select' and a.attrelid in (select relid from pg_partition_tree('market.ohlcv_5m'))
            """));
        Assert.Equal("numeric(12,4)", await Sql.ScalarAsync<string>(c, "select data_type from market.indicator_columns where column_name = 'select'"));
        // same name, other type: refused
        var e = await Assert.ThrowsAsync<PostgresException>(() => CallAsync(c, "call market.add_indicator_column_bounded('select', 'integer')"));
        Assert.Equal(PostgresErrorCodes.DuplicateColumn, e.SqlState);
        await CallAsync(c, "call market.drop_indicator_column_bounded('select')");
        Assert.Empty(await RootsWithAsync(c, "select"));
        Assert.False(await RegisteredAsync(c, "select"));
    }

    [Theory]
    [InlineData("call market.add_indicator_column_bounded('probe_role')")]
    [InlineData("call market.drop_indicator_column_bounded('rsi_14')")]
    [InlineData("call market.drop_timeframe_bounded(60)")]
    public async Task Only_the_owner_runs_them_and_never_inside_a_transaction_block(string call)
    {
        await using var c = await OpenAsync();
        await using (var tx = await c.BeginTransactionAsync())
        {
            await using (var role = new NpgsqlCommand("set local role platform_app", c, tx)) await role.ExecuteNonQueryAsync();
            await using var cmd = new NpgsqlCommand(call, c, tx);
            var e = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState);
        }
        await using (var tx = await c.BeginTransactionAsync())
        {
            await using var cmd = new NpgsqlCommand(call, c, tx);
            var e = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
            Assert.Equal(PostgresErrorCodes.InvalidTransactionTermination, e.SqlState);
        }
        Assert.True(await RegisteredAsync(c, "rsi_14"));
        Assert.False(await RegisteredAsync(c, "probe_role"));
        Assert.True(await Sql.ScalarAsync<bool>(c, "select exists (select from market.timeframes where minutes = 60)"));
    }
}
