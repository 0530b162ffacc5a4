using System.CommandLine;
using System.Text.Json;
using Schema.Core.Configuration;
using Schema.Core.Execution;
using Schema.Core.Scripts;

namespace Schema.Cli;

/// <summary><c>schema status</c>: every script's state, as text or JSON.</summary>
internal sealed partial class Commands
{
    private Command Status()
    {
        var json = new Option<bool>("--json") { Description = "machine-readable output for pipelines" };
        var checkDrift = new Option<bool>("--check-drift")
        {
            Description = "with --targets: also compare each target's schema with what its journaled scripts build (`schema diff`)",
        };
        var shadow = ShadowOption();
        var command = new Command("status", "List every script as applied, pending, deferred, changed or missing; " +
                                            "with --targets, the counts per target of a fleet.") { json, checkDrift, shadow };
        var fleet = new FleetOptions();
        fleet.AddTo(command, rollout: false);
        command.SetAction(async (parse, ct) =>
        {
            var settings = Settings(parse);
            new FileSystemScriptProvider(settings.MigrationsDirectory).Load();
            if (fleet.Given(parse))
                return await FleetStatusAsync(parse, fleet, settings, parse.GetValue(json), parse.GetValue(checkDrift),
                    parse.GetValue(shadow), ct);
            if (parse.GetValue(checkDrift))
                throw new ConfigurationException("status --check-drift needs --targets (for one database: `schema diff`)");
            fleet.Rollout(parse, continueOnError: true);
            await using var target = await ResolveAsync(settings, ct);
            var plan = await Engine(target).StatusAsync(ct);
            if (parse.GetValue(json)) await stdout.WriteLineAsync(StatusJson(plan, target.ConnectionString));
            else
            {
                await stdout.WriteLineAsync($"target: {ConnectionInfo.Describe(target.ConnectionString)}");
                foreach (var s in plan.Scripts)
                {
                    var extra = s.State switch
                    {
                        ScriptState.Applied => $"  {s.Journal!.Applied:yyyy-MM-dd HH:mm:ss}" + (s.JournaledAs is { } j ? $"  (journaled as {j})" : ""),
                        ScriptState.Renamed => $"  journaled as {s.JournaledAs} (same version; see `schema repair`)",
                        ScriptState.Deferred => $"  needs {string.Join(", ", s.MissingCapabilities)}",
                        ScriptState.Changed => "  content differs from the applied script (see `schema repair`)",
                        ScriptState.Missing => "  in the journal, not on disk",
                        ScriptState.Partial => (s.Reverting ? "  down script started, not finished" : "  started, not finished") +
                            $": reached {s.Attempt!.Reached}" +
                            (s.Attempt.Error is null ? ", interrupted" : ", failed") + " (see `schema repair --resolve` / `--retry`)",
                        _ => "",
                    };
                    await stdout.WriteLineAsync($"{s.State.ToString().ToLowerInvariant(),-8}  {s.Name}{extra}");
                }
                var counts = plan.Scripts.GroupBy(s => s.State).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
                await stdout.WriteLineAsync(string.Join(", ", counts));
            }
            return plan.Drift.Count > 0 || plan.Partial.Count > 0 ? SchemaCli.Failure : SchemaCli.Ok;
        });
        return command;
    }

    internal static string StatusJson(MigrationPlan plan, string connectionString)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("target", ConnectionInfo.Describe(connectionString));
            w.WriteStartArray("scripts");
            foreach (var s in plan.Scripts)
            {
                w.WriteStartObject();
                w.WriteString("name", s.Name);
                w.WriteString("kind", s.Kind == ScriptKind.Versioned ? "versioned" : "repeatable");
                w.WriteString("state", s.State.ToString().ToLowerInvariant());
                if (s.Version is { } v) w.WriteString("version", v); else w.WriteNull("version");
                if (s.JournaledAs is { } journaledAs) w.WriteString("journaledAs", journaledAs);
                if (s.Script is { } script) w.WriteString("checksum", script.Checksum); else w.WriteNull("checksum");
                if (s.Journal is { } j)
                {
                    w.WriteString("applied", DateTime.SpecifyKind(j.Applied, DateTimeKind.Utc));
                    if (j.AppliedBy is { } by) w.WriteString("appliedBy", by);
                    if (j.DurationMs is { } ms) w.WriteNumber("durationMs", ms);
                }
                else w.WriteNull("applied");
                if (s.Attempt is { } a)
                {
                    w.WriteStartObject("attempt");
                    w.WriteString("started", DateTime.SpecifyKind(a.Started, DateTimeKind.Utc));
                    w.WriteNumber("statement", a.Statement);
                    w.WriteNumber("statements", a.Statements);
                    w.WriteNumber("line", a.Line);
                    w.WriteString("direction", s.Reverting ? "down" : "up");
                    if (a.Error is { } error) w.WriteString("error", error); else w.WriteNull("error");
                    w.WriteEndObject();
                }
                w.WriteStartArray("missingCapabilities");
                foreach (var c in s.MissingCapabilities) w.WriteStringValue(c.ToString());
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
