using System.CommandLine;
using Schema.Core.Configuration;
using Schema.Core.Scripts;

namespace Schema.Cli;

/// <summary><c>schema new NAME</c>: scaffolds the next migration and its down script with the header template.</summary>
internal sealed partial class Commands
{
    private Command New()
    {
        var name = new Argument<string>("name") { Description = "what the change does, snake_case ([a-z0-9_]+), e.g. add_symbol_sector" };
        var schema = new Option<string?>("--schema") { Description = "owning schema; picks the number block (default: the schema NAME starts with)" };
        var noTransaction = new Option<bool>("--no-transaction")
        {
            Description = "add the `-- schema:no-transaction` directive (create index concurrently…)",
        };
        var command = new Command("new",
            "Create the next version's NNNN_<schema>_<name>.sql and .down.sql in the schema's number block, with the header template.")
            { name, schema, noTransaction };
        command.SetAction(async (parse, ct) =>
        {
            var settings = Settings(parse);
            var set = new FileSystemScriptProvider(settings.MigrationsDirectory).Load();
            var (up, down) = MigrationScaffold.Plan(set, parse.GetValue(name)!, parse.GetValue(schema), parse.GetValue(noTransaction));
            var upPath = Path.Combine(settings.MigrationsDirectory, up.FileName);
            var downPath = Path.Combine(settings.MigrationsDirectory, down.FileName);
            foreach (var p in new[] { upPath, downPath })
                if (File.Exists(p)) throw new ConfigurationException($"{p} exists already: nothing was written");
            await WriteNewAsync(upPath, up.Text, ct);
            try { await WriteNewAsync(downPath, down.Text, ct); }
            catch { File.Delete(upPath); throw; }
            await stdout.WriteLineAsync($"created {Path.GetRelativePath(Environment.CurrentDirectory, upPath)}");
            await stdout.WriteLineAsync($"created {Path.GetRelativePath(Environment.CurrentDirectory, downPath)}");
            return SchemaCli.Ok;
        });
        return command;
    }

    /// <summary>Creates the file, failing (not overwriting) when it appeared meanwhile.</summary>
    private static async Task WriteNewAsync(string path, string text, CancellationToken ct)
    {
        try
        {
            await using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            await using var writer = new StreamWriter(stream);
            await writer.WriteAsync(text.AsMemory(), ct);
        }
        catch (IOException) when (File.Exists(path))
        {
            throw new ConfigurationException($"{path} exists already: nothing was written");
        }
    }
}
