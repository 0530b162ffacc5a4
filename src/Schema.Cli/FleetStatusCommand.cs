using System.CommandLine;
using System.Text.Json;
using Schema.Core.Configuration;
using Schema.Core.Drift;
using Schema.Core.Execution;
using Schema.Core.Fleet;
using Schema.Core.Scripts;

namespace Schema.Cli;

/// <summary>
/// <c>schema status --targets FILE [--json] [--check-drift]</c>: per target the counts of applied, pending, changed…
/// scripts (the same plan a single <c>status</c> shows) and, with --check-drift, whether its schema differs from what
/// its journaled scripts build. Exit 1 when a target fails, has changed, renamed or partial scripts, or drifted.
/// </summary>
internal sealed partial class Commands
{
    private async Task<int> FleetStatusAsync(ParseResult parse, FleetOptions fleet, SchemaSettings settings, bool json,
        bool checkDrift, string? shadow, CancellationToken ct)
    {
        var rollout = fleet.Rollout(parse, continueOnError: true);
        var targets = fleet.Load(parse);
        var set = new FileSystemScriptProvider(settings.MigrationsDirectory).Load();
        var shadowServer = checkDrift ? await ShadowServerAsync(shadow, ct) : null;
        var output = new Lock();

        async Task<FleetStatus> StatusOneAsync(FleetTarget t, CancellationToken token)
        {
            var log = new FleetLog(t.Name, ConnectionInfo.Parse(t.ConnectionString).Password, stderr, output);
            var targetSettings = settings with { ConnectionString = t.ConnectionString };
            await using var target = new Target(targetSettings, t.ConnectionString, false);
            var plan = await Engine(target, log).StatusAsync(token);
            bool? drifted = null;
            if (shadowServer is not null)
                drifted = !(await new DriftCheck(shadowServer, settings.Runner, log, settings.Journal())
                    .CompareWithJournalAsync(target.DataSource, set, token)).Equal;
            return new FleetStatus(plan, drifted);
        }

        var runs = await RolloutScheduler.RunAsync(targets, rollout, StatusOneAsync, DescribeFailure, _ => { }, ct);
        if (json) await stdout.WriteLineAsync(FleetStatusJson(runs));
        else
        {
            var width = targets.Max(t => t.Name.Length);
            foreach (var run in runs)
            {
                var line = run.Result is { } r
                    ? $"{run.Target.Name.PadRight(width)}  {ConnectionInfo.Describe(run.Target.ConnectionString)}  " +
                      string.Join(", ", Counts(r.Plan).Where(c => c.Count > 0 || c.State is "applied" or "pending")
                          .Select(c => $"{c.Count} {c.State}")) +
                      (r.Drifted switch { true => ", DRIFTED", false => ", no drift", null => "" })
                    : $"{run.Target.Name.PadRight(width)}  failed: {run.Error}";
                await stdout.WriteLineAsync(Masked(line, run.Target));
            }
            await stdout.WriteLineAsync($"fleet: {runs.Count} target(s), {runs.Count(NeedsAttention)} need attention");
        }
        return runs.Any(NeedsAttention) ? SchemaCli.Failure : SchemaCli.Ok;
    }

    /// <summary>Text about a target with its password masked (also where it stands alone).</summary>
    private static string Masked(string text, FleetTarget target) =>
        SecretMasking.Mask(text, ConnectionInfo.Parse(target.ConnectionString).Password);

    private static bool NeedsAttention(TargetRun<FleetStatus> run) =>
        run.Result is not { } r || r.Plan.Drift.Count > 0 || r.Plan.Partial.Count > 0 || r.Drifted == true;

    private static IEnumerable<(string State, int Count)> Counts(MigrationPlan plan) =>
        Enum.GetValues<ScriptState>().Select(s => (s.ToString().ToLowerInvariant(), plan.Scripts.Count(x => x.State == s)));

    internal static string FleetStatusJson(IReadOnlyList<TargetRun<FleetStatus>> runs)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("targets");
            foreach (var run in runs)
            {
                w.WriteStartObject();
                w.WriteString("name", run.Target.Name);
                w.WriteString("target", ConnectionInfo.Describe(run.Target.ConnectionString));
                w.WriteBoolean("ok", run.Result is not null);
                w.WriteBoolean("needsAttention", NeedsAttention(run));
                w.WriteStartObject("counts");
                if (run.Result is { } r)
                    foreach (var (state, count) in Counts(r.Plan)) w.WriteNumber(state, count);
                w.WriteEndObject();
                if (run.Result?.Drifted is { } drifted) w.WriteBoolean("drifted", drifted); else w.WriteNull("drifted");
                if (run.Error is { } error)
                    w.WriteString("error", Masked(error, run.Target));
                else w.WriteNull("error");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
