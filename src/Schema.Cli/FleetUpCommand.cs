using System.CommandLine;
using Schema.Core.Configuration;
using Schema.Core.Drift;
using Schema.Core.Execution;
using Schema.Core.Fleet;
using Schema.Core.Scripts;

namespace Schema.Cli;

/// <summary>
/// <c>schema up --targets FILE --parallel N [--canary K] [--continue-on-error]</c>: the same engine run as a single
/// <c>up</c> on every target of a fleet, one line per target and a summary.
/// </summary>
internal sealed partial class Commands
{
    private async Task<int> FleetUpAsync(ParseResult parse, FleetOptions fleet, SchemaSettings settings, string? to,
        bool checkDrift, string? shadow, CancellationToken ct)
    {
        var rollout = fleet.Rollout(parse, continueOnError: false);
        var targets = fleet.Load(parse);
        var set = new FileSystemScriptProvider(settings.MigrationsDirectory).Load();
        var shadowServer = checkDrift ? await ShadowServerAsync(shadow, ct) : null;
        var output = new Lock();
        var width = targets.Max(t => t.Name.Length);
        await stdout.WriteLineAsync($"fleet: {targets.Count} target(s), {rollout.Canary} canary, " +
                                    $"{rollout.Parallel} at a time" +
                                    (rollout.ContinueOnError ? ", continuing after failures" : ""));

        async Task<UpResult> UpOneAsync(FleetTarget t, CancellationToken token)
        {
            var password = ConnectionInfo.Parse(t.ConnectionString).Password;
            var log = new FleetLog(t.Name, password, stderr, output);
            var targetSettings = settings with { ConnectionString = t.ConnectionString };
            await using var target = new Target(targetSettings, t.ConnectionString, false);
            if (shadowServer is not null)
            {
                var report = await new DriftCheck(shadowServer, settings.Runner, log, settings.Journal())
                    .CompareWithJournalAsync(target.DataSource, set, token);
                if (!report.Equal)
                    throw new DriftException([], $"drift: {report.Changes.Count} object(s) differ from what the journaled " +
                                                 "scripts build (see `schema diff`); nothing was applied");
            }
            return await Engine(target, log).UpAsync(to, token);
        }

        void Finished(TargetRun<UpResult> run)
        {
            var line = $"{run.Target.Name.PadRight(width)}  {UpOutcome(run),-10}  " +
                       $"{run.Result?.Applied.Count ?? 0,3} script(s)  {run.Milliseconds,7} ms" +
                       (run.Canary ? "  (canary)" : "") + (run.Error is { } e ? "  " + e : "");
            line = Masked(line, run.Target);
            lock (output) stdout.WriteLine(line);
        }

        var runs = await RolloutScheduler.RunAsync(targets, rollout, UpOneAsync, DescribeFailure, Finished, ct);
        foreach (var skipped in runs.Where(r => r.State == TargetState.Skipped)) Finished(skipped);
        var failed = runs.Count(r => r.State == TargetState.Failed);
        var canaryFailed = runs.Any(r => r.Canary && r.State == TargetState.Failed);
        await stdout.WriteLineAsync(
            $"fleet: {runs.Count(r => r.State == TargetState.Succeeded)} ok, {failed} failed, " +
            $"{runs.Count(r => r.State == TargetState.Skipped)} skipped of {runs.Count} target(s); " +
            $"{runs.Sum(r => r.Result?.Applied.Count ?? 0)} script(s) applied" +
            (canaryFailed ? "; a canary failed: the rollout stopped before the other targets" : ""));
        return failed > 0 ? SchemaCli.Failure : SchemaCli.Ok;
    }

    private static string UpOutcome(TargetRun<UpResult> run) => run.State switch
    {
        TargetState.Succeeded => run.Result!.Applied.Count > 0 ? "applied" : "up-to-date",
        TargetState.Failed => "failed",
        _ => "skipped",
    };

    /// <summary>A target's failure as the single-database command would print it, on one line.</summary>
    private static string DescribeFailure(Exception e) => SchemaCli.Classify(e).Message.ReplaceLineEndings(" ");
}
