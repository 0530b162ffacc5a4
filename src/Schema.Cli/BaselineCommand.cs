using System.CommandLine;
using Schema.Core.Configuration;
using Schema.Core.Drift;
using Schema.Core.Scripts;

namespace Schema.Cli;

/// <summary><c>schema baseline --version V</c>: adopt a database built by other means.</summary>
internal sealed partial class Commands
{
    private Command Baseline()
    {
        var version = new Option<string>("--version")
        {
            Description = "the last script the database already has (its number or file name)", Required = true,
        };
        var shadow = ShadowOption();
        var command = new Command("baseline",
            "Adopt a database whose schema was built by other means: if it matches what the scripts up to --version build " +
            "(checked like `schema diff`), journal them without running them; refuse otherwise, and when it already has a journal.")
            { version, shadow };
        command.SetAction(async (parse, ct) =>
        {
            var settings = Settings(parse);
            var set = new FileSystemScriptProvider(settings.MigrationsDirectory).Load();
            var upTo = parse.GetValue(version)!;
            if (set.FindVersioned(upTo) is null)
                throw new ConfigurationException($"no script with version {upTo} in {settings.MigrationsDirectory}");
            await using var target = await ResolveAsync(settings, ct);
            await stdout.WriteLineAsync($"target: {ConnectionInfo.Describe(target.ConnectionString)}");
            var log = new ConsoleLog(stdout, stderr);
            var check = new DriftCheck(await ShadowServerAsync(parse.GetValue(shadow), ct), settings.Runner, log, settings.Journal());
            BaselineResult result;
            try { result = await Schema.Core.Drift.Baseline.RunAsync(target.DataSource, set, upTo, check, settings.Runner, log, settings.Journal(), ct); }
            catch (DriftCheckException e) { return await CannotCompareAsync(e); }
            if (!result.Adopted)
            {
                await PrintDriftAsync(result.Report, "");
                await stderr.WriteLineAsync($"error: the target does not match the scripts up to {upTo} " +
                                            $"({result.Report.Changes.Count} object(s) differ); nothing was journaled");
                return SchemaCli.Failure;
            }
            await stdout.WriteLineAsync($"baseline: journaled {result.Journaled.Count} script(s) up to {upTo} " +
                                        "without running them; `schema up` applies the later ones");
            return SchemaCli.Ok;
        });
        return command;
    }
}
