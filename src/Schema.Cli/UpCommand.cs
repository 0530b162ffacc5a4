using System.CommandLine;
using Schema.Core.Configuration;
using Schema.Core.Scripts;

namespace Schema.Cli;

/// <summary><c>schema up</c>: apply pending migrations.</summary>
internal sealed partial class Commands
{
    private Command Up()
    {
        var to = new Option<string?>("--to") { Description = "apply versioned scripts up to and including this version only (no repeatable scripts)" };
        var checkDrift = new Option<bool>("--check-drift") { Description = "run `schema diff` first; apply nothing when the target differs from its journaled scripts" };
        var shadow = ShadowOption();
        var json = new Option<bool>("--json") { Description = "one JSON document on stdout (per script: name, version, ms, lock timeouts, retries, outcome, error; a summary); progress on stderr" };
        var format = new Option<string>("--format") { Description = "text, or github: a failure also as a GitHub Actions ::error annotation with file and line", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "github");
        var command = new Command("up", "Apply pending migrations (each in its own transaction, under the runner lock); deferred gated scripts are listed.") { to, checkDrift, shadow, json, format };
        var fleet = new FleetOptions();
        fleet.AddTo(command, rollout: true);
        command.SetAction(async (parse, ct) =>
        {
            // Fail on a missing folder or bad script set before touching (or provisioning) any server.
            var settings = Settings(parse);
            var asJson = parse.GetValue(json);
            var github = parse.GetValue(format) == "github";
            if (asJson && github) throw new ConfigurationException("--json and --format github both write to stdout: choose one");
            new FileSystemScriptProvider(settings.MigrationsDirectory).Load();
            fleet.Rollout(parse, continueOnError: false);
            if (fleet.Given(parse) && (asJson || github))
                throw new ConfigurationException("--json and --format github apply to one target, not to --targets");
            if (fleet.Given(parse))
                return await FleetUpAsync(parse, fleet, settings, parse.GetValue(to), parse.GetValue(checkDrift),
                    parse.GetValue(shadow), ct);
            await using var target = await ResolveAsync(settings, ct);
            if (asJson || github)
                return await UpForPipelineAsync(target, parse.GetValue(to), asJson, parse.GetValue(checkDrift), parse.GetValue(shadow), ct);
            if (parse.GetValue(checkDrift) && !await NoDriftAsync(target, parse.GetValue(shadow), ct)) return SchemaCli.Failure;
            await stdout.WriteLineAsync($"target: {ConnectionInfo.Describe(target.ConnectionString)}");
            var result = await Engine(target).UpAsync(parse.GetValue(to), ct);
            await stdout.WriteLineAsync(result.Applied.Count == 0
                ? "database is up to date: nothing to apply" + (result.Deferred.Count > 0 ? $" ({result.Deferred.Count} deferred)" : "")
                : $"applied {result.Applied.Count} script(s)" + (result.Deferred.Count > 0 ? $", {result.Deferred.Count} deferred" : ""));
            return SchemaCli.Ok;
        });
        return command;
    }
}
