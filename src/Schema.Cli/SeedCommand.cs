using System.CommandLine;
using Schema.Core.Seeding;

namespace Schema.Cli;

/// <summary><c>schema seed</c>: load the development data in seeds/.</summary>
internal sealed partial class Commands
{
    private Command Seed()
    {
        var (sample, days) = SampleOptions();
        var command = new Command("seed", "Load the development data in seeds/*.sql (re-runnable); --sample adds market data.") { sample, days };
        command.SetAction(async (parse, ct) =>
        {
            var sampleDays = SampleDays(parse, sample, days);
            await using var target = await ResolveAsync(Settings(parse), ct);
            var ran = await new SeedRunner(target.DataSource, target.Settings.SeedsDirectory, target.Settings.Runner, new ConsoleLog(stdout, stderr)).RunAsync(ct);
            await stdout.WriteLineAsync($"ran {ran.Count} seed script(s)");
            if (sampleDays is { } n) await SeedSampleAsync(target, n, ct);
            return SchemaCli.Ok;
        });
        return command;
    }
}
