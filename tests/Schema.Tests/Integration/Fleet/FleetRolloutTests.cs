using System.Text.Json;
using Schema.Core.Execution;
using Schema.Core.Scripts;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Fleet;

/// <summary>
/// Issue 8 item 7: <c>schema up --targets</c> and <c>schema status --targets</c> on a fleet of 20 real databases, one
/// of them drifted: its applied script's recorded checksum no longer matches (as when the file was edited after the
/// deploy), and one later gets an index added by hand (found by <c>--check-drift</c>).
/// </summary>
public sealed class FleetRolloutTests
{
    private const int FleetSize = 20;
    private const int Drifted = 6; // t07

    [Fact]
    public async Task Rollout_reports_the_drifted_target_and_applies_everywhere_else_with_continue_on_error()
    {
        using var scripts = FleetSupport.Scripts();
        var fleet = await FleetSupport.CreateAsync(FleetSize);
        var variable = "SCHEMA_FLEET_TEST_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, fleet[2].ConnectionString);
        var targets = FleetSupport.TargetsFile(scripts, fleet, new Dictionary<int, string> { [2] = variable });
        try
        {
            // t07 was deployed before, then its 0001 was edited: the journal's checksum is not the file's.
            var first = await CliRunner.RunAsync("up", "-c", fleet[Drifted].ConnectionString, "--migrations", scripts.Path, "--to", "0001");
            Assert.True(first.ExitCode == 0, first.Stderr);
            await Sql.ExecAsync(fleet[Drifted].DataSource, "update public.schemaversions set checksum = 'edited-after-deploy'");

            var run = await CliRunner.RunAsync("up", "--targets", targets, "--migrations", scripts.Path, "--parallel", "4",
                "--continue-on-error");
            TestContext.Current.TestOutputHelper?.WriteLine(run.Stdout);
            Assert.Equal(1, run.ExitCode);
            var lines = run.Stdout.Split('\n');
            for (var i = 0; i < FleetSize; i++)
            {
                var line = Assert.Single(lines, l => l.StartsWith(FleetSupport.Name(i) + " ", StringComparison.Ordinal));
                if (i == Drifted) Assert.Matches(@"failed\s+0 script\(s\).*0001_fleet_schema\.sql", line);
                else Assert.Matches(@"applied\s+3 script\(s\)\s+\d+ ms", line);
            }
            Assert.Contains("fleet: 19 ok, 1 failed, 0 skipped of 20 target(s); 57 script(s) applied", run.Stdout);
            foreach (var db in fleet.Where((_, i) => i != Drifted))
                Assert.Equal(["0001_fleet_schema.sql", "0002_fleet_orders.sql", "0003_fleet_orders_symbol_idx.sql"], await db.JournalAsync());
            Assert.Equal(["0001_fleet_schema.sql"], await fleet[Drifted].JournalAsync());
            AssertNoPassword(run, fleet);

            // status --targets --json: the fleet at a glance.
            var status = await CliRunner.RunAsync("status", "--targets", targets, "--migrations", scripts.Path, "--json");
            Assert.Equal(1, status.ExitCode); // t07 needs attention
            using var json = JsonDocument.Parse(status.Stdout);
            var entries = json.RootElement.GetProperty("targets").EnumerateArray().ToList();
            Assert.Equal(FleetSize, entries.Count);
            for (var i = 0; i < FleetSize; i++)
            {
                var e = entries[i];
                Assert.Equal(FleetSupport.Name(i), e.GetProperty("name").GetString());
                Assert.DoesNotContain("Password", e.GetProperty("target").GetString()!, StringComparison.OrdinalIgnoreCase);
                Assert.True(e.GetProperty("ok").GetBoolean());
                Assert.Equal(JsonValueKind.Null, e.GetProperty("drifted").ValueKind);
                var counts = e.GetProperty("counts");
                Assert.Equal(i == Drifted ? 0 : 3, counts.GetProperty("applied").GetInt32());
                Assert.Equal(i == Drifted ? 1 : 0, counts.GetProperty("changed").GetInt32());
                Assert.Equal(i == Drifted ? 2 : 0, counts.GetProperty("pending").GetInt32());
                Assert.Equal(i == Drifted, e.GetProperty("needsAttention").GetBoolean());
            }

            // A hand-added index on t03 (reached through env:): only --check-drift sees it.
            await Sql.ExecAsync(fleet[2].DataSource, "create index orders_by_hand on fleet_app.orders (id, symbol)");
            var healthy = FleetSupport.TargetsFile(scripts, fleet.Where((_, i) => i != Drifted).Take(5).ToList());
            var drift = await CliRunner.RunAsync("status", "--targets", healthy, "--migrations", scripts.Path, "--json",
                "--check-drift", "--shadow", await TestServer.AdminConnectionStringAsync());
            Assert.True(drift.ExitCode == 1, drift.Stderr + drift.Stdout);
            using var driftJson = JsonDocument.Parse(drift.Stdout);
            var flags = driftJson.RootElement.GetProperty("targets").EnumerateArray()
                .Select(e => e.GetProperty("drifted").GetBoolean()).ToList();
            Assert.Equal([false, false, true, false, false], flags);
            File.Delete(healthy);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
            File.Delete(targets);
            await FleetSupport.DisposeAsync(fleet);
        }
    }

    [Fact]
    public async Task A_failing_canary_stops_the_rollout_and_no_other_target_is_touched()
    {
        using var scripts = FleetSupport.Scripts();
        var fleet = await FleetSupport.CreateAsync(5);
        var targets = FleetSupport.TargetsFile(scripts, fleet);
        try
        {
            // The first canary already has the schema 0001 creates: its 0001 fails.
            await Sql.ExecAsync(fleet[0].DataSource, "create schema fleet_app");
            var run = await CliRunner.RunAsync("up", "--targets", targets, "--migrations", scripts.Path,
                "--canary", "2", "--parallel", "3", "--continue-on-error");
            Assert.Equal(1, run.ExitCode);
            Assert.Matches(@"t01\s+failed .*\(canary\).*already exists", run.Stdout);
            Assert.Matches(@"t02\s+skipped", run.Stdout);
            Assert.Contains("fleet: 0 ok, 1 failed, 4 skipped of 5 target(s)", run.Stdout);
            Assert.Contains("a canary failed", run.Stdout);
            foreach (var db in fleet) Assert.Empty(await db.JournalAsync());
            foreach (var db in fleet.Skip(1))
                Assert.False(await db.ScalarAsync<bool>("select exists (select from pg_namespace where nspname = 'fleet_app')"));

            // Without the obstacle the canaries pass and the rest follow.
            await Sql.ExecAsync(fleet[0].DataSource, "drop schema fleet_app");
            var again = await CliRunner.RunAsync("up", "--targets", targets, "--migrations", scripts.Path, "--canary", "2", "--parallel", "3");
            Assert.True(again.ExitCode == 0, again.Stdout + again.Stderr);
            Assert.Contains("fleet: 5 ok, 0 failed, 0 skipped of 5 target(s); 15 script(s) applied", again.Stdout);
        }
        finally
        {
            File.Delete(targets);
            await FleetSupport.DisposeAsync(fleet);
        }
    }

    [Fact]
    public async Task Without_continue_on_error_the_first_failure_stops_scheduling()
    {
        using var scripts = FleetSupport.Scripts();
        var fleet = await FleetSupport.CreateAsync(6);
        var targets = FleetSupport.TargetsFile(scripts, fleet);
        try
        {
            await Sql.ExecAsync(fleet[1].DataSource, "create schema fleet_app");
            // One at a time: t01 applies, t02 fails, t03… are never started.
            var run = await CliRunner.RunAsync("up", "--targets", targets, "--migrations", scripts.Path, "--parallel", "1");
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("fleet: 1 ok, 1 failed, 4 skipped of 6 target(s)", run.Stdout);
            Assert.Equal(3, (await fleet[0].JournalAsync()).Count);
            foreach (var db in fleet.Skip(1)) Assert.Empty(await db.JournalAsync());
        }
        finally
        {
            File.Delete(targets);
            await FleetSupport.DisposeAsync(fleet);
        }
    }

    private static void AssertNoPassword(CliResult run, IEnumerable<ScratchDatabase> fleet)
    {
        foreach (var db in fleet)
        {
            var password = new Npgsql.NpgsqlConnectionStringBuilder(db.ConnectionString).Password;
            if (password is { Length: > 0 })
            {
                Assert.DoesNotContain(password, run.Stdout, StringComparison.Ordinal);
                Assert.DoesNotContain(password, run.Stderr, StringComparison.Ordinal);
            }
        }
    }
}
