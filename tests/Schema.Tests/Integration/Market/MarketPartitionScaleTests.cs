using System.Diagnostics;
using System.Text.Json;
using Npgsql;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Market;

/// <summary>
/// Issue #7 item 1: the source design's full range (2014-01 .. 2026-12) for 20 symbols × every timeframe, created by
/// market.maintain on a server with PostgreSQL's default lock settings, while a writer and a reader keep working on
/// an existing partition of the same tables: nothing is lost, and nobody waits for the partition creation.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class MarketPartitionScaleTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private const int Symbols = 20;

    [Fact]
    public async Task Maintain_creates_twenty_symbols_from_2014_without_blocking_a_concurrent_writer_and_reader()
    {
        var output = TestContext.Current.TestOutputHelper;
        await using var setup = await db.DataSource.OpenConnectionAsync();
        Assert.Equal(64, await Sql.ScalarAsync<int>(setup, "select current_setting('max_locks_per_transaction')::int"));
        await Sql.ExecAsync(setup, "delete from market.symbols");
        await Sql.ExecAsync(setup, """
            insert into market.symbols (symbol, first_available_date)
            select 'SC' || lpad(i::text, 2, '0'), date '2014-01-01' from generate_series(1, @n) i
            """, ("n", Symbols));
        // the writer's symbol: an existing partition of the same tables, not maintained (inactive)
        await Sql.ExecAsync(setup, "insert into market.symbols (symbol, is_active) values ('LIVE', false)");
        // two years of minutes: the writer inserts one row per minute of data as fast as it can while maintain runs
        await Sql.ExecAsync(setup, "call market.ensure_partitions(1, 'LIVE', '2025-01-01', '2027-01-01')");

        using var stop = new CancellationTokenSource();
        var written = 0L;
        var longestInsert = TimeSpan.Zero;
        var longestSelect = TimeSpan.Zero;
        var reads = 0L;
        var pids = new int[2];
        using var started = new CountdownEvent(2);

        var writer = Task.Run(async () =>
        {
            await using var c = await db.DataSource.OpenConnectionAsync();
            pids[0] = await Sql.ScalarAsync<int>(c, "select pg_backend_pid()");
            started.Signal();
            await using var insert = Sql.Command(c, """
                insert into market.ohlcv_1m ("timestamp", symbol, minute_index, open, high, low, close, volume)
                values (@t, 'LIVE', 0, 1, 1, 1, 1, 1)
                """, ("t", DateTime.UnixEpoch));
            var t = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            while (!stop.IsCancellationRequested && written < 2 * 365 * 1440)
            {
                insert.Parameters[0].Value = t.AddMinutes(written);
                var sw = Stopwatch.StartNew();
                await insert.ExecuteNonQueryAsync();
                if (sw.Elapsed > longestInsert) longestInsert = sw.Elapsed;
                written++;
            }
        });
        var reader = Task.Run(async () =>
        {
            await using var c = await db.DataSource.OpenConnectionAsync();
            pids[1] = await Sql.ScalarAsync<int>(c, "select pg_backend_pid()");
            started.Signal();
            await using var select = Sql.Command(c, """
                select count(*) from market.ohlcv_1m
                where symbol = 'LIVE' and "timestamp" >= '2025-01-01 00:00+00' and "timestamp" < '2025-02-01 00:00+00'
                """);
            while (!stop.IsCancellationRequested)
            {
                var sw = Stopwatch.StartNew();
                await select.ExecuteScalarAsync();
                if (sw.Elapsed > longestSelect) longestSelect = sw.Elapsed;
                reads++;
            }
        });

        // Waiting on a lock is what `create table … partition of` did to them (ACCESS EXCLUSIVE on the parent): a
        // watcher samples pg_locks for an ungranted lock of the writer or the reader while maintain runs. Timings
        // are reported, not asserted: on a loaded machine a select can take long without waiting on anybody.
        // Only table locks count: the writer's brief wait for the relation *extension* lock of its own leaf (held
        // by autovacuum, which now fires on leaves) is ordinary and has nothing to do with partition creation.
        started.Wait(TestContext.Current.CancellationToken);
        var samples = 0L;
        var lockWaits = new List<string>();
        var watcher = Task.Run(async () =>
        {
            await using var c = await db.DataSource.OpenConnectionAsync();
            await using var waiting = Sql.Command(c, """
                select l.pid || ' waits for ' || l.mode || ' on ' || l.relation::regclass::text
                from pg_locks l where l.pid = any(@pids) and not l.granted and l.locktype = 'relation'
                """, ("pids", pids));
            while (!stop.IsCancellationRequested)
            {
                await using var r = await waiting.ExecuteReaderAsync();
                while (await r.ReadAsync()) lockWaits.Add(r.GetString(0));
                samples++;
            }
        });

        JsonElement report;
        var maintain = Stopwatch.StartNew();
        try
        {
            await using var c = await db.DataSource.OpenConnectionAsync();
            await using var call = Sql.Command(c, "call market.maintain(p_months_ahead => 1)");
            call.CommandTimeout = 0;
            report = JsonDocument.Parse((string)(await call.ExecuteScalarAsync())!).RootElement.Clone();
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(writer, reader, watcher);
        }
        maintain.Stop();

        output?.WriteLine($"maintain did {report.GetArrayLength()} months in {maintain.Elapsed.TotalSeconds:F1} s; meanwhile {written} inserts "
            + $"(longest {longestInsert.TotalMilliseconds:F0} ms) and {reads} selects (longest {longestSelect.TotalMilliseconds:F0} ms); "
            + $"{samples} pg_locks samples, {lockWaits.Count} with the writer or reader waiting");
        var timeframes = await Sql.ScalarAsync<long>(setup, "select count(*) from market.timeframes");
        var months = await Sql.ScalarAsync<int>(setup, """
            select (extract(year from age(date_trunc('month', now() at time zone 'UTC'), date '2014-01-01')) * 12
                    + extract(month from age(date_trunc('month', now() at time zone 'UTC'), date '2014-01-01')))::int + 2
            """); // 2014-01 .. next month
        Assert.True(months >= 156, $"the range 2014-01 .. next month has {months} months");
        var created = report.EnumerateArray().Where(e => e.GetProperty("action").GetString() == "create")
            .Sum(e => e.GetProperty("count").GetInt32());
        Assert.Equal(timeframes * Symbols * (1 + months), created);
        Assert.Equal(timeframes * Symbols * months, await Sql.ScalarAsync<long>(setup, """
            select count(*) from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'market' and c.relkind = 'r' and c.relispartition and c.relname ~ '^ohlcv_[0-9]+m_sc[0-9]{2}_'
            """));

        // every row written is read back
        Assert.Equal(written, await Sql.ScalarAsync<long>(setup, "select count(*) from market.ohlcv_1m where symbol = 'LIVE'"));
        Assert.True(written > 0 && reads > 0);
        // Creating a partition with `create table … partition of` held the writer for seconds (measured 1.9 s for one
        // symbol's range): the watcher saw it waiting. The target (< 100 ms per statement) is measured, not asserted.
        Assert.True(samples > 0, "the lock watcher never sampled");
        Assert.True(lockWaits.Count == 0, "the writer or reader waited for a lock: " + string.Join("; ", lockWaits.Distinct()));

        // and a second run has nothing to do
        await using var again = Sql.Command(setup, "call market.maintain(p_months_ahead => 1)");
        again.CommandTimeout = 0;
        var second = JsonDocument.Parse((string)(await again.ExecuteScalarAsync())!).RootElement;
        Assert.DoesNotContain(second.EnumerateArray(), e => e.GetProperty("action").GetString() == "create");
    }
}
