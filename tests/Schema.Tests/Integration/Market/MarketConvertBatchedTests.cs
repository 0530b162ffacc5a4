using Npgsql;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Market;

/// <summary>
/// Issue #7 item 9: market.convert_to_partitioned_batched (0124) converts a plain market.ohlcv_{N}m in key-ordered
/// batches while a reader and a writer keep using it: a pg_locks watcher sees neither wait while batches copy, and the
/// partitioned table ends up with exactly the rows of the plain one, including the rows written during the copy.
/// </summary>
public sealed class MarketConvertBatchedTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private const string Checksum = """
        select count(*)::text || ' ' || md5(string_agg(format('%s|%s|%s|%s|%s|%s|%s|%s|%s', symbol, "timestamp", minute_index,
                                                              open, high, low, close, volume, rsi_14), ',' order by symbol, "timestamp"))
        from {0}
        """;

    [Fact]
    public async Task A_reader_and_a_writer_never_wait_while_batches_copy_and_every_row_arrives()
    {
        var output = TestContext.Current.TestOutputHelper;
        await using var c = await db.DataSource.OpenConnectionAsync();
        // what Prisma creates: a plain table with the primary key and the lookup index under the generated names
        await Sql.ExecAsync(c, """
            create table market.ohlcv_240m (
                "timestamp" timestamptz not null, symbol text not null, minute_index smallint not null,
                open double precision not null, high double precision not null, low double precision not null,
                close double precision not null, volume double precision not null, rsi_14 double precision,
                constraint ohlcv_240m_pkey primary key (symbol, "timestamp"));
            create index idx_ohlcv_240m_lookup on market.ohlcv_240m (symbol, minute_index, "timestamp");
            insert into market.ohlcv_240m
            select t, s, (extract(epoch from t)::bigint / 60) % 240, 100, 101, 99, 100.5, 7, null
            from generate_series(timestamptz '2024-01-01 00:01+00', '2024-03-31 23:59+00', interval '1 minute') t,
                 unnest(array['ES', 'NQ']) s;
            """);
        var rows = await Sql.ScalarAsync<long>(c, "select count(*) from market.ohlcv_240m");

        // phase: 0 setup, 1 copying and catching up (nobody may wait), 2 switching (a short lock, waits expected)
        var phase = 0;
        var copying = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var caller = await db.DataSource.OpenConnectionAsync();
        caller.Notice += (_, e) =>
        {
            if (e.Notice.MessageText.Contains(": copying ")) { Volatile.Write(ref phase, 1); copying.TrySetResult(); }
            else if (e.Notice.MessageText.Contains(": switching")) Volatile.Write(ref phase, 2);
        };
        await using var reader = await db.DataSource.OpenConnectionAsync();
        await using var writer = await db.DataSource.OpenConnectionAsync();
        int[] pids = [reader.ProcessID, writer.ProcessID];

        using var stop = new CancellationTokenSource();
        var waits = new List<string>();
        long samplesWhileCopying = 0, readsWhileCopying = 0, writesWhileCopying = 0, switchWaits = 0;
        var watcher = Task.Run(async () =>
        {
            await using var w = await db.DataSource.OpenConnectionAsync();
            // One snapshot of the lock table. The phase notice reaches the client a little after the server moved on,
            // so a wait is attributed to the switch by the server's state, not by the client's phase: the conversion
            // takes ACCESS EXCLUSIVE (or EXCLUSIVE) on the source only in the switch. Held or still requested: while
            // the switch waits for a writer's statement to end, a reader's ACCESS SHARE queues behind its request.
            await using var waiting = Sql.Command(w, """
                with l as materialized (select * from pg_locks)
                select l.pid || ' waits for ' || l.mode || ' on ' || coalesce(l.relation::regclass::text, l.locktype),
                       exists (select from l h where h.pid = @caller and h.relation = l.relation
                                                 and h.mode in ('AccessExclusiveLock', 'ExclusiveLock'))
                from l where l.pid = any(@pids) and not l.granted
                """, ("pids", pids), ("caller", caller.ProcessID));
            while (!stop.IsCancellationRequested)
            {
                var during = Volatile.Read(ref phase) >= 1;
                await using var r = await waiting.ExecuteReaderAsync();
                while (await r.ReadAsync())
                    if (during && !r.GetBoolean(1)) waits.Add(r.GetString(0));
                    else if (r.GetBoolean(1)) switchWaits++;
                if (during && Volatile.Read(ref phase) == 1) samplesWhileCopying++;
            }
        });
        var reading = Task.Run(async () =>
        {
            await copying.Task;
            await using var select = Sql.Command(reader, """
                select count(*) from market.ohlcv_240m
                where symbol = 'ES' and "timestamp" >= '2024-02-01 00:00+00' and "timestamp" < '2024-02-02 00:00+00'
                """);
            while (!stop.IsCancellationRequested)
            {
                await select.ExecuteScalarAsync();
                if (Volatile.Read(ref phase) == 1) readsWhileCopying++;
            }
        });
        // the writer changes rows on both sides of the copy position and adds a month the copy has never seen
        var writing = Task.Run(async () =>
        {
            await copying.Task;
            string[] statements =
            [
                "insert into market.ohlcv_240m select t, 'ES', (extract(epoch from t)::bigint / 60) % 240, 1, 2, 0.5, 1.5, 3, 42 "
                    + "from generate_series(timestamptz '2024-04-01 00:01+00', '2024-04-01 02:00+00', interval '1 minute') t",
                "update market.ohlcv_240m set rsi_14 = 55.5, close = 100.25 where symbol = 'ES' and \"timestamp\" < '2024-01-02 00:00+00'",
                "update market.ohlcv_240m set rsi_14 = 44.5 where symbol = 'NQ' and \"timestamp\" >= '2024-03-30 00:00+00'",
                "delete from market.ohlcv_240m where symbol = 'ES' and \"timestamp\" >= '2024-01-15 00:00+00' and \"timestamp\" < '2024-01-15 01:00+00'",
                "delete from market.ohlcv_240m where symbol = 'NQ' and \"timestamp\" >= '2024-03-31 23:00+00'",
                "insert into market.ohlcv_240m values ('2024-01-15 00:30+00', 'ES', 30, 9, 9, 9, 9, 9, 9)",
            ];
            foreach (var statement in statements)
            {
                await Sql.ExecAsync(writer, statement);
                if (Volatile.Read(ref phase) == 1) writesWhileCopying++;
            }
        });

        long moved;
        try
        {
            await using var call = Sql.Command(caller,
                "call market.convert_to_partitioned_batched('market.ohlcv_240m', 240, p_batch_rows => 4000, p_drop_source => false)");
            call.CommandTimeout = 0;
            moved = (long)(await call.ExecuteScalarAsync())!;
            await writing; // done before the switch or, if not, blocked by it and then written to the new table
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(watcher, reading, writing);
        }
        output?.WriteLine($"{rows} rows, moved {moved}; while copying: {readsWhileCopying} selects, {writesWhileCopying} of 6 writes, "
            + $"{samplesWhileCopying} pg_locks samples, {waits.Count} waits; {switchWaits} samples saw a wait for the switch's lock");
        Assert.True(samplesWhileCopying > 0 && readsWhileCopying > 0, "the copy phase was not observed");
        Assert.True(waits.Count == 0, "the reader or writer waited for something other than the switch: " + string.Join("; ", waits.Distinct()));

        // the plain table (kept) and the partitioned one hold the same rows, including everything the writer did
        Assert.Equal("p", await Sql.ScalarAsync<string>(c, "select relkind::text from pg_class where oid = 'market.ohlcv_240m'::regclass"));
        var before = await Sql.ScalarAsync<string>(c, string.Format(Checksum, "market.ohlcv_240m_unpartitioned"));
        Assert.Equal(before, await Sql.ScalarAsync<string>(c, string.Format(Checksum, "market.ohlcv_240m")));
        Assert.Equal(rows + 120 - 60 - 60 + 1, await Sql.ScalarAsync<long>(c, "select count(*) from market.ohlcv_240m"));
        Assert.Equal(rows + 120 - 60 - 60 + 1, moved);
        Assert.Equal(1439L, await Sql.ScalarAsync<long>(c, "select count(*) from market.ohlcv_240m where rsi_14 = 55.5 and close = 100.25"));
        Assert.Equal(120L, await Sql.ScalarAsync<long>(c, "select count(*) from market.ohlcv_240m_es_2024_04"));
        Assert.Equal(9.0, await Sql.ScalarAsync<double>(c, "select open from market.ohlcv_240m where symbol = 'ES' and \"timestamp\" = '2024-01-15 00:30+00'"));
        // the layout market.ensure_partitions makes: 2 symbols, their months (April came during the copy), fillfactor 70
        Assert.Equal(new[] { "market.ohlcv_240m_es_2024_01", "market.ohlcv_240m_es_2024_02", "market.ohlcv_240m_es_2024_03",
                             "market.ohlcv_240m_es_2024_04", "market.ohlcv_240m_nq_2024_01", "market.ohlcv_240m_nq_2024_02",
                             "market.ohlcv_240m_nq_2024_03" }, await MarketSql.LeavesAsync(c, "market.ohlcv_240m"));
        Assert.Equal(0L, await Sql.ScalarAsync<long>(c, """
            select count(*) from pg_partition_tree('market.ohlcv_240m') p join pg_class c on c.oid = p.relid
            where p.isleaf and not coalesce(c.reloptions @> array['fillfactor=70'], false)
            """));
        Assert.True(await Sql.ScalarAsync<bool>(c, "select exists (select from market.timeframes where minutes = 240)"));
        // nothing left behind: no triggers, no delta table, no copy under its temporary name
        Assert.Equal(0L, await Sql.ScalarAsync<long>(c, "select count(*) from pg_trigger where tgname like 'market_convert_capture%'"));
        Assert.Null(await Sql.ScalarAsync<string>(c, "select to_regclass('market.ohlcv_240m__delta')::text"));
        Assert.Null(await Sql.ScalarAsync<string>(c, "select to_regclass('market.ohlcv_240m__partitioned')::text"));
        // and the partitioned table is the generated one: primary key and lookup index under their names
        Assert.Equal(["idx_ohlcv_240m_lookup", "ohlcv_240m_pkey"], await Sql.ListAsync<string>(c,
            "select c.relname::text from pg_index i join pg_class c on c.oid = i.indexrelid where i.indrelid = 'market.ohlcv_240m'::regclass order by 1"));
    }

    [Fact]
    public async Task An_import_table_moves_into_the_existing_timeframe_table_and_is_dropped()
    {
        await using var c = await db.DataSource.OpenConnectionAsync();
        await Sql.ExecAsync(c, """
            create table market.import_60m (
                "timestamp" timestamptz not null, symbol varchar(20) not null, minute_index smallint not null,
                open double precision not null, high double precision not null, low double precision not null,
                close double precision not null, volume double precision not null,
                primary key (symbol, "timestamp"));
            insert into market.import_60m
            select t, 'GC', (extract(epoch from t)::bigint / 60) % 60, 2000, 2001, 1999, 2000.5, 3
            from generate_series(timestamptz '2023-11-30 12:00+00', '2023-12-01 12:00+00', interval '1 minute') t;
            """);
        var expected = await Sql.ScalarAsync<string>(c, string.Format(Checksum.Replace(", rsi_14", ", null"), "market.import_60m"));
        var moved = await Sql.ScalarAsync<long>(c, "call market.convert_to_partitioned_batched('market.import_60m', 60, p_batch_rows => 500)");
        Assert.Equal(1441L, moved);
        Assert.Null(await Sql.ScalarAsync<string>(c, "select to_regclass('market.import_60m')::text"));
        Assert.Equal(expected, await Sql.ScalarAsync<string>(c, string.Format(Checksum.Replace(", rsi_14", ", null"),
            "market.ohlcv_60m where symbol = 'GC'")));
        // partitions through market.ensure_month_partition: the same names maintain would give
        Assert.Equal(["market.ohlcv_60m_gc_2023_11", "market.ohlcv_60m_gc_2023_12"], await Sql.ListAsync<string>(c,
            "select relid::regclass::text from pg_partition_tree('market.ohlcv_60m_gc') where isleaf order by 1"));
    }

    [Fact]
    public async Task A_table_without_a_key_on_symbol_and_timestamp_or_inside_a_transaction_is_refused()
    {
        await using var c = await db.DataSource.OpenConnectionAsync();
        await Sql.ExecAsync(c, """
            create table market.import_no_key ("timestamp" timestamptz not null, symbol text not null, minute_index smallint not null,
                open double precision not null, high double precision not null, low double precision not null,
                close double precision not null, volume double precision not null);
            insert into market.import_no_key values ('2024-01-01 00:01+00', 'ES', 1, 1, 1, 1, 1, 1);
            """);
        var e = await Assert.ThrowsAsync<PostgresException>(() =>
            Sql.ExecAsync(c, "call market.convert_to_partitioned_batched('market.import_no_key', 60)"));
        Assert.Equal(PostgresErrorCodes.InvalidParameterValue, e.SqlState);
        Assert.Contains("no primary key or unique index", e.MessageText);

        await using var tx = await c.BeginTransactionAsync();
        await using var call = new NpgsqlCommand("call market.convert_to_partitioned_batched('market.import_no_key', 60)", c, tx);
        e = await Assert.ThrowsAsync<PostgresException>(() => call.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InvalidTransactionTermination, e.SqlState);
    }
}
