using System.CommandLine;

namespace Schema.Cli;

/// <summary><c>schema dump</c>: the deterministic text rendering of the schema.</summary>
internal sealed partial class Commands
{
    private Command Dump()
    {
        var output = new Option<string?>("--output", "-o") { Description = "write to this file instead of stdout (e.g. docs/schema-dump.txt)" };
        var noJournal = new Option<bool>("--no-journal") { Description = "leave the migration journal table out" };
        var command = new Command("dump", "Print a deterministic text rendering of the schema from the catalogs (sorted; identical across runs).") { output, noJournal };
        command.SetAction(async (parse, ct) =>
        {
            await using var target = await ResolveAsync(Settings(parse), ct);
            await using var connection = await target.DataSource.OpenConnectionAsync(ct);
            var dumpOptions = new Schema.Core.Dump.SchemaDumpOptions(!parse.GetValue(noJournal),
                target.Settings.JournalSchema, target.Settings.JournalTable);
            var text = await Schema.Core.Dump.SchemaDumper.DumpAsync(connection, dumpOptions, ct);
            if (parse.GetValue(output) is { } file) await WriteAtomicallyAsync(file, text, ct);
            else await stdout.WriteAsync(text);
            return SchemaCli.Ok;
        });
        return command;
    }
}
