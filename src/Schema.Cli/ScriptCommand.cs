using System.CommandLine;
using Schema.Core.Scripts;

namespace Schema.Cli;

/// <summary><c>schema script</c>: the SQL <c>up</c> would run now.</summary>
internal sealed partial class Commands
{
    private Command Script()
    {
        var output = new Option<string?>("--output", "-o") { Description = "write to this file instead of stdout" };
        var command = new Command("script", "Print exactly the SQL `up` would run now, in order, variables substituted, each file named.") { output };
        command.SetAction(async (parse, ct) =>
        {
            var settings = Settings(parse);
            new FileSystemScriptProvider(settings.MigrationsDirectory).Load();
            await using var target = await ResolveAsync(settings, ct);
            var sql = await Engine(target).ScriptAsync(ct);
            if (parse.GetValue(output) is { } file) await WriteAtomicallyAsync(file, sql, ct);
            else await stdout.WriteAsync(sql);
            return SchemaCli.Ok;
        });
        return command;
    }
}
