using System.CommandLine;
using Schema.Core.Configuration;

namespace Schema.Cli;

/// <summary><c>schema repair</c>: accept edited checksums or settle partial scripts.</summary>
internal sealed partial class Commands
{
    private Command Repair()
    {
        var names = new Argument<string[]>("scripts") { Description = "changed applied scripts whose new content to accept (default: all changed)", Arity = ArgumentArity.ZeroOrMore };
        var resolve = new Option<bool>("--resolve") { Description = "journal the named partial no-transaction scripts as applied (finished by hand); for a partial down script, remove the script from the journal" };
        var retry = new Option<bool>("--retry") { Description = "forget that the named partial scripts started, so `up` runs them again from the start; for a partial down script, keep the script applied" };
        var command = new Command("repair", "Accept the new checksum of applied scripts that were edited on purpose, or settle partial scripts (--resolve / --retry).") { names, resolve, retry };
        command.SetAction(async (parse, ct) =>
        {
            if (parse.GetValue(resolve) && parse.GetValue(retry)) throw new ConfigurationException("give --resolve or --retry, not both");
            await using var target = await ResolveAsync(Settings(parse), ct);
            if (parse.GetValue(resolve) || parse.GetValue(retry))
            {
                var settled = await Engine(target).ResolvePartialAsync(parse.GetValue(names) ?? [], parse.GetValue(retry), ct);
                await stdout.WriteLineAsync(settled.Count == 0 ? "no partial scripts" : $"settled {settled.Count} partial script(s)");
                return SchemaCli.Ok;
            }
            var accepted = await Engine(target).RepairAsync(parse.GetValue(names) ?? [], ct);
            await stdout.WriteLineAsync(accepted.Count == 0 ? "no changed scripts" : $"accepted {accepted.Count} checksum(s)");
            return SchemaCli.Ok;
        });
        return command;
    }
}
