using System.CommandLine;
using Schema.Core.Execution;
using Schema.Core.Lint;
using Schema.Core.Scripts;

namespace Schema.Cli;

/// <summary>
/// <c>schema lint [--all] [--format text|github|json]</c>: the target's pending scripts (or, with --all, every
/// script from an empty database) run on a throwaway database and checked for locks, rewrites, TimescaleDB pitfalls,
/// live-schema anti-patterns and PL/pgSQL bodies. Exit 1 on findings, 0 clean, 2 usage.
/// </summary>
internal sealed partial class Commands
{
    private Command Lint()
    {
        var all = new Option<bool>("--all")
        {
            Description = "lint every script from an empty database (CI for this repository's migrations), not the target's pending ones",
        };
        var format = new Option<string>("--format")
        {
            Description = "text (default), github (workflow annotations) or json",
            DefaultValueFactory = _ => "text",
        };
        var server = new Option<string?>("--shadow")
        {
            Description = "server for the throwaway schema_lint_* database (a connection string; default: the target's server)",
        };
        var command = new Command("lint",
            "Run the pending scripts statement by statement on a throwaway database (schema_lint_*, always dropped) and " +
            "report locks on existing tables, rewrites, TimescaleDB pitfalls, schema anti-patterns and plpgsql_check " +
            "findings. Suppress one with `-- schema:lint-ignore RULE reason` before its statement, or a line " +
            "`RULE OBJECT reason` in migrations/lint-suppressions.txt. Exit 0 clean, 1 findings.") { all, format, server };
        command.SetAction(async (parse, ct) =>
        {
            var output = parse.GetValue(format);
            if (output is not ("text" or "github" or "json"))
            {
                await stderr.WriteLineAsync($"error: --format must be text, github or json, not '{output}'");
                return SchemaCli.Usage;
            }
            var settings = Settings(parse);
            var set = new FileSystemScriptProvider(settings.MigrationsDirectory).Load();
            await using var target = await ResolveAsync(settings, ct);
            List<MigrationScript> applied, toLint;
            if (parse.GetValue(all))
            {
                applied = [];
                toLint = [.. set.Versioned, .. set.Repeatable];
            }
            else
            {
                var plan = await Engine(target).StatusAsync(ct);
                applied = plan.InState(ScriptState.Applied).Where(s => s.Script is not null)
                    .OrderBy(s => s.Kind).Select(s => s.Script!).ToList();
                toLint = [.. plan.PendingVersioned, .. plan.PendingRepeatable];
            }
            if (toLint.Count == 0)
            {
                if (output == "json") await stdout.WriteLineAsync(LintJsonFormatter.Format(new LintReport([], [], [], [], [], "")));
                else await stdout.WriteLineAsync("lint: clean (no pending scripts)");
                return SchemaCli.Ok;
            }
            var shadow = parse.GetValue(server);
            if (!string.IsNullOrWhiteSpace(shadow)) Schema.Core.Configuration.ConnectionInfo.Parse(shadow);
            var lintServer = string.IsNullOrWhiteSpace(shadow) ? target.ConnectionString : shadow;
            LintReport report;
            try
            {
                report = await new Linter(lintServer, settings.Runner, settings.Journal())
                    .LintAsync(settings.MigrationsDirectory, applied, toLint, ct);
            }
            catch (Schema.Core.Execution.ThrowawayDatabaseException e)
            {
                await stderr.WriteLineAsync("error: " + e.Message);
                return SchemaCli.Failure;
            }
            var paths = set.Versioned.Concat(set.Repeatable).ToDictionary(s => s.Name, s => RelativePath(s.Path));
            await stdout.WriteAsync(output switch
            {
                "json" => LintJsonFormatter.Format(report) + Environment.NewLine,
                "github" => LintGithubFormatter.Format(report, name => paths.GetValueOrDefault(name) ??
                    (name == LintSuppressionFile.FileName
                        ? RelativePath(Path.Combine(settings.MigrationsDirectory, name)) : name)),
                _ => LintTextFormatter.Format(report),
            });
            return report.Clean ? SchemaCli.Ok : SchemaCli.Failure;
        });
        return command;
    }

    /// <summary>A path relative to the working directory (what GitHub annotations resolve against the checkout).</summary>
    private static string RelativePath(string path) =>
        Path.GetRelativePath(Environment.CurrentDirectory, path).Replace('\\', '/');
}
