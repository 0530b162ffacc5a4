using System.CommandLine;
using System.Text.Json;
using Schema.Core.Configuration;
using Schema.Core.Drift;
using Schema.Core.LocalServer;
using Schema.Core.Scripts;

namespace Schema.Cli;

/// <summary><c>schema diff</c> and the drift check <c>up --check-drift</c> runs first.</summary>
internal sealed partial class Commands
{
    private static Option<string?> ShadowOption() => new("--shadow")
    {
        Description = "server for the throwaway shadow database (a connection string; default: the zero-config local server)",
    };

    private Command Diff()
    {
        var shadow = ShadowOption();
        var json = new Option<bool>("--json") { Description = "machine-readable output for pipelines" };
        var command = new Command("diff",
            "Replay the target's journaled scripts on a throwaway shadow database and compare the dumps: objects added (+), " +
            "removed (-) or changed (~) by hand are listed, then a unified diff. Exit 0 when equal, 1 when different.") { shadow, json };
        command.SetAction(async (parse, ct) =>
        {
            var settings = Settings(parse);
            var set = new FileSystemScriptProvider(settings.MigrationsDirectory).Load();
            await using var target = await ResolveAsync(settings, ct);
            var asJson = parse.GetValue(json);
            DriftReport report;
            try { report = await CheckDriftAsync(target, set, parse.GetValue(shadow), quiet: asJson, ct); }
            catch (DriftCheckException e) { return await CannotCompareAsync(e); }
            if (asJson) await stdout.WriteLineAsync(DriftJson(report, target.ConnectionString));
            else await PrintDriftAsync(report, "the target matches its journaled scripts");
            return report.Equal ? SchemaCli.Ok : SchemaCli.Failure;
        });
        return command;
    }

    /// <summary>The shadow server: <c>--shadow</c>, else the zero-config local server (never the target's server by default).</summary>
    private static async Task<string> ShadowServerAsync(string? shadow, CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(shadow))
        {
            ConnectionInfo.Parse(shadow);
            return shadow;
        }
        return (await LocalServer.EnsureAsync(ct)).ConnectionString("postgres");
    }

    private async Task<DriftReport> CheckDriftAsync(Target target, ScriptSet set, string? shadow, bool quiet, CancellationToken ct)
    {
        var log = quiet ? new QuietLog(stderr) : (Schema.Core.Execution.IRunLog)new ConsoleLog(stdout, stderr);
        if (!quiet) await stdout.WriteLineAsync($"target: {ConnectionInfo.Describe(target.ConnectionString)}");
        var check = new DriftCheck(await ShadowServerAsync(shadow, ct), target.Settings.Runner, log, target.Settings.Journal());
        return await check.CompareWithJournalAsync(target.DataSource, set, ct);
    }

    /// <summary>The comparison could not be made (not: the schemas differ): one line, exit 1.</summary>
    private async Task<int> CannotCompareAsync(DriftCheckException e)
    {
        await stderr.WriteLineAsync("error: " + e.Message);
        return SchemaCli.Failure;
    }

    /// <summary>For <c>up --check-drift</c>: true when the target matches; else the drift is printed and an error line written.</summary>
    private async Task<bool> NoDriftAsync(Target target, string? shadow, CancellationToken ct)
    {
        DriftReport report;
        var set = new FileSystemScriptProvider(target.Settings.MigrationsDirectory).Load();
        try { report = await CheckDriftAsync(target, set, shadow, quiet: false, ct); }
        catch (DriftCheckException e) { await CannotCompareAsync(e); return false; }
        await PrintDriftAsync(report, "the target matches its journaled scripts");
        if (!report.Equal)
            await stderr.WriteLineAsync("error: the target differs from what its journaled scripts build " +
                                        $"({report.Changes.Count} object(s)); nothing was applied");
        return report.Equal;
    }

    private async Task PrintDriftAsync(DriftReport report, string whenEqual)
    {
        if (report.Equal)
        {
            await stdout.WriteLineAsync($"no drift: {whenEqual} ({report.Replayed.Count} script(s) replayed)");
            return;
        }
        foreach (var change in report.Changes) await stdout.WriteLineAsync(change.ToString());
        await stdout.WriteLineAsync();
        await stdout.WriteAsync(report.UnifiedDiff);
        await stdout.WriteLineAsync($"drift: {report.Changes.Count} object(s) differ from what the scripts build");
    }

    internal static string DriftJson(DriftReport report, string connectionString)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("target", ConnectionInfo.Describe(connectionString));
            w.WriteBoolean("equal", report.Equal);
            w.WriteStartArray("changes");
            foreach (var c in report.Changes)
            {
                w.WriteStartObject();
                w.WriteString("change", c.Change switch { '+' => "added", '-' => "removed", _ => "changed" });
                w.WriteString("kind", c.Kind);
                w.WriteString("name", c.Name);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            WriteStrings(w, "replayed", report.Replayed);
            WriteStrings(w, "deferredOnShadow", report.DeferredOnShadow);
            WriteStrings(w, "ignoredSections", report.IgnoredSections);
            w.WriteString("shadowDatabase", report.ShadowDatabase);
            w.WriteString("diff", report.UnifiedDiff);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteStrings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
