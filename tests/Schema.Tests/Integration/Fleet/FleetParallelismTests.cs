using Schema.Core.Execution;
using Schema.Core.Fleet;
using Schema.Core.Scripts;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Fleet;

/// <summary>
/// The parallelism bound of a rollout, counted by the server rather than by a clock: each target's run (the real
/// engine's <c>up</c>, as <c>schema up --targets</c> runs it) raises a counter row in a monitor database when it
/// starts and lowers it when it ends; the row keeps the highest value it reached. Row locks serialise the updates,
/// so the peak is exact.
/// </summary>
public sealed class FleetParallelismTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public async Task At_most_parallel_targets_run_at_once(int parallel)
    {
        using var scripts = FleetSupport.Scripts();
        var fleet = await FleetSupport.CreateAsync(12);
        await using var monitor = await ScratchDatabase.CreateAsync("fleet_monitor");
        try
        {
            await monitor.ScalarAsync<int>("create table running (id int primary key, now int not null, peak int not null); " +
                                            "insert into running values (1, 0, 0); select 1");
            var targets = fleet.Select((db, i) => new FleetTarget(FleetSupport.Name(i), db.ConnectionString, i + 1)).ToList();
            async Task<UpResult> Up(FleetTarget target, CancellationToken ct)
            {
                await monitor.ScalarAsync<int>("update running set now = now + 1, peak = greatest(peak, now + 1) returning now");
                try
                {
                    await using var db = Npgsql.NpgsqlDataSource.Create(target.ConnectionString);
                    return await new MigrationEngine(db, new FileSystemScriptProvider(scripts.Path), new RunnerOptions(),
                        new CollectingRunLog()).UpAsync(ct: ct);
                }
                finally
                {
                    await monitor.ScalarAsync<int>("update running set now = now - 1 returning now");
                }
            }

            var runs = await RolloutScheduler.RunAsync(targets, new RolloutOptions(parallel, Canary: 2, ContinueOnError: false),
                Up, e => e.Message, _ => { }, TestContext.Current.CancellationToken);

            Assert.All(runs, r => Assert.Equal(TargetState.Succeeded, r.State));
            Assert.All(runs, r => Assert.Equal(3, r.Result!.Applied.Count));
            var peak = await monitor.ScalarAsync<int>("select peak from running");
            TestContext.Current.TestOutputHelper?.WriteLine($"--parallel {parallel}: at most {peak} target(s) ran at once");
            Assert.InRange(peak, 1, parallel);
            // Workers start together and each run takes many round trips: with room for 3, runs really overlap.
            if (parallel > 1) Assert.True(peak >= 2, $"--parallel {parallel} never ran two targets at once");
            Assert.Equal(0, await monitor.ScalarAsync<int>("select now from running"));
        }
        finally { await FleetSupport.DisposeAsync(fleet); }
    }
}
