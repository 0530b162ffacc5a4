using System.CommandLine;
using Schema.Core.Configuration;
using Schema.Core.Docs;

namespace Schema.Cli;

/// <summary><c>schema docs</c>: docs/schema.md from the target's catalog, or <c>--check</c> that it is current.</summary>
internal sealed partial class Commands
{
    private Command Docs()
    {
        var output = new Option<string?>("--output", "-o")
        {
            Description = "the Markdown file to write or check (default: docs/schema.md of the repository)",
        };
        var check = new Option<bool>("--check")
        {
            Description = "write nothing; exit 1 naming the first differing line when the file is not what the "
                          + "database gives",
        };
        var command = new Command("docs",
            "Write docs/schema.md from the catalog: per schema a Mermaid ER diagram and per table its columns, " +
            "constraints, indexes, comments, partitioning and TimescaleDB settings (sorted; identical across runs).")
            { output, check };
        command.SetAction(async (parse, ct) =>
        {
            var file = parse.GetValue(output) ?? Path.Combine(
                RepositoryRoot.Find(Environment.CurrentDirectory) ?? Environment.CurrentDirectory, "docs", "schema.md");
            await using var target = await ResolveAsync(Settings(parse), ct);
            await using var connection = await target.DataSource.OpenConnectionAsync(ct);
            var text = await SchemaDocs.GenerateAsync(connection,
                new SchemaDocsOptions(target.Settings.JournalSchema, target.Settings.JournalTable), ct);
            if (!parse.GetValue(check))
            {
                await WriteAtomicallyAsync(file, text, ct);
                await stdout.WriteLineAsync($"wrote {file}");
                return SchemaCli.Ok;
            }
            if (!File.Exists(file))
            {
                await stderr.WriteLineAsync($"error: {file} does not exist; generate it with `schema docs`");
                return SchemaCli.Failure;
            }
            var difference = DocsDifference.First(await File.ReadAllTextAsync(file, ct), text);
            if (difference is null)
            {
                await stdout.WriteLineAsync($"{file} is current");
                return SchemaCli.Ok;
            }
            await stderr.WriteLineAsync($"error: {file} is stale ({difference}); regenerate it with `schema docs`");
            return SchemaCli.Failure;
        });
        return command;
    }
}
