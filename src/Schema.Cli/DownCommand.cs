using System.CommandLine;
using Schema.Core.Configuration;
using Schema.Core.Scripts;

namespace Schema.Cli;

/// <summary><c>schema down</c>: revert applied scripts with their .down.sql.</summary>
internal sealed partial class Commands
{
    private Command Down()
    {
        var count = new Option<int?>("--count", "-n") { Description = "how many of the newest applied scripts to revert (default 1)" };
        var to = new Option<string?>("--to") { Description = "revert every applied script newer than this version" };
        var command = new Command("down", "Revert applied scripts newest first with their .down.sql, each in a transaction.") { count, to };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(count) is { } n && n < 1) throw new ConfigurationException("--count must be at least 1");
            if (parse.GetValue(count) is not null && parse.GetValue(to) is not null) throw new ConfigurationException("give --count or --to, not both");
            var settings = Settings(parse);
            new FileSystemScriptProvider(settings.MigrationsDirectory).Load();
            await using var target = await ResolveAsync(settings, ct);
            var reverted = await Engine(target).DownAsync(parse.GetValue(count), parse.GetValue(to), ct);
            await stdout.WriteLineAsync(reverted.Count == 0 ? "nothing to revert" : $"reverted {reverted.Count} script(s)");
            return SchemaCli.Ok;
        });
        return command;
    }
}
