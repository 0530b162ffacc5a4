using System.Text.Json;
using Npgsql;
using Schema.Tests.Harness;
using Xunit;
using static Schema.Tests.Execution.ExecutionSupport;
using static Schema.Tests.Reliability.ReliabilitySupport;

namespace Schema.Tests.Reliability;

/// <summary>
/// Runners and maintenance at the same time: 8 `up` processes on one empty database, `maintain` next to `up`, and
/// `maintain` next to live writers (every row counted). `up` with `create index concurrently` while a second runner
/// waits is RunnerLockTests.A_create_index_concurrently_and_a_second_runner_both_succeed_and_the_index_is_valid.
/// </summary>
public sealed class RaceTests
{
    private const int Runners = 8;
    private const int ScriptCount = 12;

    [Fact]
    public async Task Eight_concurrent_up_processes_apply_every_script_exactly_once_and_all_exit_0()
    {
        await using var db = await ScratchDatabase.CreateAsync("reliab_race8");
        using var folder = new ScriptFolder()
            .Add("0001_applied_log.sql",
                "create table applied_log (script int not null, at timestamptz not null default clock_timestamp());");
        for (var i = 2; i <= ScriptCount; i++)
            folder.Add(Invariant($"{i:0000}_s{i}.sql"), Invariant($"""
                -- race test: one row per application, so a second application shows as a duplicate
                create table s{i} (id int);
                insert into applied_log (script) values ({i});
                """));
        folder.Add("repeatable/applied_view.sql", "create or replace view applied_view as select script from applied_log;");
        using var workingDirectory = new ScriptFolder();

        var runs = Enumerable.Range(0, Runners).Select(_ => CliProcess.RunAsync(
            workingDirectory.Path, new Dictionary<string, string>(),
            "up", "-c", db.ConnectionString, "--migrations", folder.Path)).ToArray();
        var results = await Task.WhenAll(runs).WaitAsync(TimeSpan.FromMinutes(5));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Stderr));
        // across all runners, every script (the repeatable one included) was applied once: whoever got the runner lock
        // first applied everything, the others found nothing pending
        Assert.Equal(ScriptCount + 1, results.Sum(r => AppliedCount(r.Stdout)));
        var journal = await db.JournalAsync();
        Assert.Equal(ScriptCount + 1, journal.Count);
        Assert.Equal(journal.Count, journal.Distinct().Count());
        Assert.Equal(Enumerable.Range(2, ScriptCount - 1).Select(i => (long)i),
            await Sql.ListAsync<long>(db.DataSource, "select script::bigint from applied_log order by script"));
    }

    /// <summary>"applied N script(s)" of one run's output (0 for "up to date").</summary>
    private static int AppliedCount(string stdout)
    {
        var line = stdout.Split('\n').LastOrDefault(l => l.StartsWith("applied ", StringComparison.Ordinal));
        return line is null ? 0 : int.Parse(line.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Maintain_and_up_at_the_same_time_both_exit_0_and_leave_complete_partitions_and_nothing_twice()
    {
        await using var db = await MarketDatabaseAsync();
        await SetSymbolsAsync(db, "RA", "RB");
        using var migrations = CopyOfMigrations().Add("9001_race_symbols.sql", """
            -- race test: registers two symbols and changes a timeframe table while `schema maintain` attaches leaves
            insert into market.symbols (symbol, first_available_date, is_active)
            values ('RC', date_trunc('month', now() at time zone 'utc')::date - interval '2 months', true),
                   ('RD', date_trunc('month', now() at time zone 'utc')::date - interval '2 months', true);
            alter table market.ohlcv_60m alter column vwap set statistics 200;
            """);

        var maintain = CliRunner.RunAsync("maintain", "--months-ahead", "12", "-c", db.ConnectionString);
        await UntilAsync(async () => maintain.IsCompleted || (await ActivePidsAsync(db.Name, "market.maintain")).Count > 0,
            "maintain is running");
        var up = CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", migrations.Path);
        var results = await Task.WhenAll(maintain, up).WaitAsync(TimeSpan.FromMinutes(5));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.Stderr));
        Assert.Single(await db.JournalAsync(), s => s == "9001_race_symbols.sql");
        Assert.Equal(4L, await db.ScalarAsync<long>("select count(*) from market.symbols"));
        foreach (var symbol in new[] { "RA", "RB" }) await AssertCompleteAsync(db, symbol, monthsAhead: 12);
        await AssertNoDetachedTablesAsync(db);

        var again = await CliRunner.RunAsync("maintain", "--months-ahead", "12", "-c", db.ConnectionString);
        Assert.True(again.ExitCode == 0, again.Stderr);
        foreach (var symbol in new[] { "RA", "RB", "RC", "RD" }) await AssertCompleteAsync(db, symbol, monthsAhead: 12);
        var dry = await CliRunner.RunAsync("maintain", "--months-ahead", "12", "--dry-run", "--json", "-c", db.ConnectionString);
        using var report = JsonDocument.Parse(dry.Stdout);
        Assert.DoesNotContain(report.RootElement.GetProperty("actions").EnumerateArray(),
            a => a.GetProperty("action").GetString() == "create");
    }

    [Fact]
    public async Task Maintain_next_to_writers_loses_and_duplicates_no_row()
    {
        await using var db = await MarketDatabaseAsync();
        await SetSymbolsAsync(db, "WA");
        var first = await CliRunner.RunAsync("maintain", "--months-ahead", "0", "-c", db.ConnectionString);
        Assert.True(first.ExitCode == 0, first.Stderr);
        await SetSymbolsAsync(db, "WA", "WB"); // WB has no partitions yet: its writers fail until maintain attaches them

        var maintain = CliRunner.RunAsync("maintain", "--months-ahead", "24", "-c", db.ConnectionString);
        var writers = new[] { ("WA", 0), ("WA", 1), ("WB", 0), ("WB", 1) }
            .Select(w => WriteUntilAsync(db, w.Item1, w.Item2, maintain)).ToArray();
        var result = await maintain.WaitAsync(TimeSpan.FromMinutes(5));
        var written = await Task.WhenAll(writers).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(result.ExitCode == 0, result.Stderr);
        foreach (var symbol in new[] { "WA", "WB" })
        {
            var committed = written.Where(w => w.Symbol == symbol).Sum(w => w.Committed);
            Assert.True(committed > 0, $"no row of {symbol} was written");
            Assert.Equal(committed, await db.ScalarAsync<long>(
                "select count(*) from market.ohlcv_1m where symbol = @s", ("s", symbol)));
            Assert.Equal(committed, await db.ScalarAsync<long>(
                "select count(distinct \"timestamp\") from market.ohlcv_1m where symbol = @s", ("s", symbol)));
        }
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(", ", written.Select(w =>
            $"{w.Symbol}/{w.Writer}: {w.Committed} committed, {w.NoPartition} refused (no partition yet)")));
        await AssertCompleteAsync(db, "WB", monthsAhead: 24);
        await AssertNoDetachedTablesAsync(db);
    }

    private sealed record Written(string Symbol, int Writer, long Committed, long NoPartition);

    /// <summary>
    /// One writer: single-row transactions into market.ohlcv_1m (this month, its own minutes) until maintain has ended,
    /// then 20 more. An insert with no partition yet is refused (23514) and not counted; any other error fails.
    /// </summary>
    private static async Task<Written> WriteUntilAsync(ScratchDatabase db, string symbol, int writer, Task maintain)
    {
        var now = DateTime.UtcNow;
        var month = new DateTime(now.Year, now.Month, 1, 0, 0, 0, DateTimeKind.Utc);
        long committed = 0, refused = 0, after = 0;
        await using var connection = await db.DataSource.OpenConnectionAsync();
        for (var i = 0; after < 20 && i < 20000; i++)
        {
            if (maintain.IsCompleted) after++;
            try
            {
                committed += await Sql.ExecAsync(connection, """
                    insert into market.ohlcv_1m ("timestamp", symbol, minute_index, open, high, low, close, volume)
                    values (@t, @s, 0, 1, 2, 0.5, 1.5, 10)
                    """, ("t", month.AddMinutes(writer * 20000 + i)), ("s", symbol));
            }
            catch (PostgresException e)
                when (e.SqlState == PostgresErrorCodes.CheckViolation && e.MessageText.Contains("no partition"))
            {
                refused++;
            }
        }
        return new Written(symbol, writer, committed, refused);
    }

    /// <summary>A clone of the migrated template as a scratch database (dropped on dispose).</summary>
    private static async Task<ScratchDatabase> MarketDatabaseAsync() =>
        await ScratchDatabase.CloneAsync("reliab_race", await TestServer.TemplateAsync());

    private static async Task SetSymbolsAsync(ScratchDatabase db, params string[] symbols)
    {
        await Sql.ExecAsync(db.DataSource, """
            insert into market.symbols (symbol, first_available_date, is_active)
            select s, (date_trunc('month', now() at time zone 'utc') - interval '2 months')::date, true from unnest(@s) s
            on conflict (symbol) do nothing
            """, ("s", symbols));
        await Sql.ExecAsync(db.DataSource, "delete from market.symbols where symbol <> all(@s)", ("s", symbols));
    }

    /// <summary>Every timeframe table has a leaf per month from two months back to <paramref name="monthsAhead"/> ahead.</summary>
    private static async Task AssertCompleteAsync(ScratchDatabase db, string symbol, int monthsAhead)
    {
        var roots = await Sql.ListAsync<string>(db.DataSource,
            "select format('market.%I', 'ohlcv_' || minutes || 'm') from market.timeframes order by minutes");
        Assert.NotEmpty(roots);
        foreach (var root in roots)
        {
            var leaves = await db.ScalarAsync<long>("""
                select count(*) from pg_partition_tree(@root::regclass) t join pg_class p on p.oid = t.parentrelid
                where t.isleaf and pg_get_expr(p.relpartbound, p.oid) = format('FOR VALUES IN (%L)', @symbol::text)
                """, ("root", root), ("symbol", symbol));
            Assert.True(leaves == 3 + monthsAhead, $"{root} has {leaves} leaves for {symbol}, expected {3 + monthsAhead}");
        }
    }

    /// <summary>No table maintain created and did not attach (create, then attach: a failure in between leaves one).</summary>
    private static async Task AssertNoDetachedTablesAsync(ScratchDatabase db) =>
        Assert.Empty(await Sql.ListAsync<string>(db.DataSource, """
            select c.oid::regclass::text from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'market' and c.relname like 'ohlcv\_%' and c.relkind = 'r' and not c.relispartition
            """));

    /// <summary>The repository's migrations copied into a throwaway folder (to add a test script after them).</summary>
    private static ScriptFolder CopyOfMigrations()
    {
        var folder = new ScriptFolder();
        foreach (var file in Directory.GetFiles(TestServer.MigrationsDirectory))
            File.Copy(file, Path.Combine(folder.Path, Path.GetFileName(file)));
        return folder;
    }
}
