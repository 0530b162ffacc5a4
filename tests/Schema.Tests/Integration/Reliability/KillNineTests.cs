using System.Text.Json;
using Npgsql;
using Schema.Core.Dump;
using Schema.Tests.Harness;
using Xunit;
using static Schema.Tests.Execution.ExecutionSupport;
using static Schema.Tests.Reliability.ReliabilitySupport;

namespace Schema.Tests.Reliability;

/// <summary>
/// `schema up` as a real process killed with SIGKILL at random points (seeded, printed): after every kill the journal
/// and the schema agree, the next `up` finishes, and the result dumps the same as a clean run. The kill moment is
/// chosen by watching the run (its current statement in pg_stat_activity, or the journal growing), never by a timer;
/// the scripts' pg_sleep is server-side work that makes each statement last long enough to be caught.
/// </summary>
public sealed class KillNineTests
{
    private const int Scripts = 8;
    private const int Kills = 20;

    /// <summary>Transactional script i: three objects and two slow statements the kill can land in.</summary>
    private static string TransactionalScript(int i) => Invariant($"""
        -- kill -9 test: script {i} (three objects, all or none)
        create table k{i}_a (id int primary key, note text);
        select pg_sleep(0.15), 'k{i}p1';
        create index k{i}_a_note on k{i}_a (note);
        insert into k{i}_a select g, 'n' || g from generate_series(1, 100) g;
        select pg_sleep(0.15), 'k{i}p2';
        create view k{i}_v as select count(*) as n from k{i}_a;
        """);

    private static ScriptFolder TransactionalFolder()
    {
        var folder = new ScriptFolder();
        for (var i = 1; i <= Scripts; i++) folder.Add(Invariant($"{i:0000}_k{i}.sql"), TransactionalScript(i));
        return folder;
    }

    /// <summary>Where a run is killed: inside a marked slow statement, or as soon as the journal holds n rows.</summary>
    private sealed record KillPoint(string? Marker, int JournalRows)
    {
        public override string ToString() => Marker is null ? Invariant($"after {JournalRows} journal row(s)") : $"in {Marker}";
    }

    [Fact]
    public async Task Up_killed_at_random_points_leaves_journal_and_schema_in_agreement_and_the_rerun_matches_a_clean_run()
    {
        var (random, seed) = SeededRandom();
        using var folder = TransactionalFolder();
        var output = TestContext.Current.TestOutputHelper;

        string clean;
        await using (var reference = await ScratchDatabase.CreateAsync("reliab_k9ref"))
        {
            var up = await CliRunner.RunAsync("up", "-c", reference.ConnectionString, "--migrations", folder.Path);
            Assert.True(up.ExitCode == 0, up.Stderr);
            clean = await reference.DumpAsync(includeJournal: true);
        }

        var kills = 0;
        for (var round = 0; kills < Kills; round++)
        {
            await using var db = await ScratchDatabase.CreateAsync("reliab_k9");
            // A round ends when the last script is pending and has been killed in, or after enough kills.
            for (var k = 0; kills < Kills; k++)
            {
                var journaled = (await db.JournalAsync()).Count;
                if (journaled == Scripts || (journaled == Scripts - 1 && k > 0 && random.Next(2) == 0)) break;
                var point = ChooseKillPoint(random, journaled);
                using var cli = StartCli("up", "-c", db.ConnectionString, "--migrations", folder.Path);
                await UntilWhileRunningAsync(cli, () => ReachedAsync(db, point), $"the run reaches {point} (seed {seed})");
                if (await KillNineAsync(cli)) kills++;
                await UntilRunnerLockIsFreeAsync(db.Name);
                var after = await db.JournalAsync();
                output?.WriteLine($"round {round} kill {k}: {point}, journal {journaled} -> {after.Count}");
                await AssertJournalAndSchemaAgreeAsync(db, seed);
            }
            var rerun = await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path);
            Assert.True(rerun.ExitCode == 0, $"seed {seed}: {rerun.Stderr}");
            Assert.Equal(Scripts, (await db.JournalAsync()).Count);
            var dump = await db.DumpAsync(includeJournal: true);
            Assert.True(clean == dump,
                $"seed {seed}: the dump after kills differs from a clean run:\n{DumpDiff.Describe(clean, dump)}");
        }
        Assert.True(kills >= 20, Invariant($"only {kills} kills (seed {seed})"));
    }

    /// <summary>
    /// A point not yet passed, near the run's progress (so one database takes many kills): a marker in one of the next
    /// two pending scripts, or the journal growing by one or two rows (never the last: the run would end first).
    /// </summary>
    private static KillPoint ChooseKillPoint(Random random, int journaled)
    {
        var script = Math.Min(Scripts, journaled + random.Next(1, 3));
        return random.Next(3) switch
        {
            // lands anywhere after that commit: between scripts or early in the next
            0 when script < Scripts => new KillPoint(null, script),
            0 or 1 => new KillPoint(Invariant($"k{script}p1"), 0),
            _ => new KillPoint(Invariant($"k{script}p2"), 0),
        };
    }

    private static async Task<bool> ReachedAsync(ScratchDatabase db, KillPoint point) =>
        point.Marker is { } marker
            ? (await ActivePidsAsync(db.Name, marker)).Count > 0
            : (await db.JournalAsync()).Count >= point.JournalRows;

    /// <summary>Every journaled script has all three of its objects; every other script has none.</summary>
    private static async Task AssertJournalAndSchemaAgreeAsync(ScratchDatabase db, int seed)
    {
        var journal = await db.JournalAsync();
        for (var i = 1; i <= Scripts; i++)
        {
            var present = await db.ScalarAsync<long>("""
                select ((to_regclass(@t) is not null)::int + (to_regclass(@ix) is not null)::int
                        + (to_regclass(@v) is not null)::int)::bigint
                """, ("t", Invariant($"k{i}_a")), ("ix", Invariant($"k{i}_a_note")), ("v", Invariant($"k{i}_v")));
            var isJournaled = journal.Contains(Invariant($"{i:0000}_k{i}.sql"));
            Assert.True(present == (isJournaled ? 3 : 0),
                Invariant($"seed {seed}: script {i} journaled={isJournaled} but {present} of its 3 objects exist"));
        }
    }

    [Fact]
    public async Task A_killed_no_transaction_script_is_reported_partial_never_journaled_and_finishes_after_retry()
    {
        var (random, seed) = SeededRandom();
        using var folder = new ScriptFolder()
            .Add("0001_first.sql", "create table first_t (id int);")
            .Add("0002_nt.sql", """
                -- schema:no-transaction
                -- kill -9 test: statements commit one by one; each is safe to run again after `repair --retry`
                create table if not exists nt_a (id int);
                select pg_sleep(0.15), 'ntp2';
                create table if not exists nt_b (id int);
                select pg_sleep(0.5), 'ntp4';
                create table if not exists nt_c (id int);
                """);
        await using var db = await ScratchDatabase.CreateAsync("reliab_k9nt");
        for (var k = 0; k < 4; k++)
        {
            var statement = random.Next(2) == 0 ? 2 : 4;
            using var cli = StartCli("up", "-c", db.ConnectionString, "--migrations", folder.Path);
            await UntilWhileRunningAsync(cli, async () => (await ActivePidsAsync(db.Name, Invariant($"ntp{statement}"))).Count > 0,
                Invariant($"the run reaches statement {statement} (seed {seed})"));
            Assert.True(await KillNineAsync(cli), "the run ended before the kill");
            await UntilRunnerLockIsFreeAsync(db.Name);

            Assert.Equal(["0001_first.sql"], await db.JournalAsync());
            var status = await CliRunner.RunAsync("status", "--json", "-c", db.ConnectionString, "--migrations", folder.Path);
            Assert.Equal(1, status.ExitCode); // a partial script is a failure to look at
            using (var doc = JsonDocument.Parse(status.Stdout))
            {
                var script = doc.RootElement.GetProperty("scripts").EnumerateArray()
                    .Single(s => s.GetProperty("name").GetString() == "0002_nt.sql");
                Assert.Equal("partial", script.GetProperty("state").GetString());
                Assert.Equal(JsonValueKind.Null, script.GetProperty("applied").ValueKind);
                Assert.Equal(statement, script.GetProperty("attempt").GetProperty("statement").GetInt32());
                Assert.Equal(JsonValueKind.Null, script.GetProperty("attempt").GetProperty("error").ValueKind);
            }
            Assert.True(await db.ScalarAsync<bool>("select to_regclass('nt_a') is not null"));
            Assert.False(await db.ScalarAsync<bool>("select to_regclass('nt_c') is not null"));

            var refused = await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("0002_nt.sql started and did not finish", refused.Stderr);
            var retry = await CliRunner.RunAsync("repair", "--retry", "0002_nt.sql",
                "-c", db.ConnectionString, "--migrations", folder.Path);
            Assert.True(retry.ExitCode == 0, retry.Stderr);
        }
        var up = await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.True(up.ExitCode == 0, up.Stderr);
        Assert.Equal(["0001_first.sql", "0002_nt.sql"], await db.JournalAsync());
        Assert.True(await db.ScalarAsync<bool>("select to_regclass('nt_c') is not null"));
    }

    [Fact]
    public async Task A_killed_no_transaction_down_script_leaves_the_script_partial_and_a_second_down_finishes_it()
    {
        using var folder = new ScriptFolder()
            .Add("0001_first.sql", "create table first_t (id int);")
            .Add("0002_nt.sql", "create table nt_a (id int);\ncreate table nt_b (id int);\n")
            .Add("0002_nt.down.sql", """
                -- schema:no-transaction
                -- kill -9 test: each statement commits on its own and is safe to run again
                drop table if exists nt_b;
                select pg_sleep(0.5), 'ntdown2';
                drop table if exists nt_a;
                """);
        await using var db = await ScratchDatabase.CreateAsync("reliab_k9down");
        var up = await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.True(up.ExitCode == 0, up.Stderr);

        using (var cli = StartCli("down", "-c", db.ConnectionString, "--migrations", folder.Path))
        {
            await UntilWhileRunningAsync(cli, async () => (await ActivePidsAsync(db.Name, "ntdown2")).Count > 0,
                "the down script reaches statement 2");
            Assert.True(await KillNineAsync(cli), "the run ended before the kill");
        }
        await UntilRunnerLockIsFreeAsync(db.Name);

        // half reverted: still journaled, shown partial (down) at statement 2, and up will not run on top of it
        Assert.Equal(["0001_first.sql", "0002_nt.sql"], await db.JournalAsync());
        Assert.False(await db.ScalarAsync<bool>("select to_regclass('nt_b') is not null"));
        Assert.True(await db.ScalarAsync<bool>("select to_regclass('nt_a') is not null"));
        var status = await CliRunner.RunAsync("status", "--json", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.Equal(1, status.ExitCode);
        using (var doc = JsonDocument.Parse(status.Stdout))
        {
            var script = doc.RootElement.GetProperty("scripts").EnumerateArray()
                .Single(s => s.GetProperty("name").GetString() == "0002_nt.sql");
            Assert.Equal("partial", script.GetProperty("state").GetString());
            Assert.Equal("down", script.GetProperty("attempt").GetProperty("direction").GetString());
            Assert.Equal(2, script.GetProperty("attempt").GetProperty("statement").GetInt32());
        }
        Assert.Equal(1, (await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path)).ExitCode);

        var down = await CliRunner.RunAsync("down", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.True(down.ExitCode == 0, down.Stderr);
        Assert.Equal(["0001_first.sql"], await db.JournalAsync());
        Assert.False(await db.ScalarAsync<bool>("select to_regclass('nt_a') is not null"));
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from public.schemaversions_attempts"));
    }
}
