using System.CommandLine;
using System.Text.Json;
using Npgsql;
using Schema.Core.Configuration;
using Schema.Core.Execution;
using Schema.Core.LocalServer;
using Schema.Core.Scripts;
using Schema.Core.Seeding;

namespace Schema.Cli;

/// <summary>The subcommands. Each is a thin shell over Schema.Core: resolve the target, run, print.</summary>
internal sealed class Commands(TextWriter stdout, TextWriter stderr)
{
    public ParseResult? Parse { get; set; }
    public string? ConnectionString { get; private set; }

    private sealed class ConsoleLog(TextWriter stdout, TextWriter stderr) : IRunLog
    {
        public void Info(string message) => stdout.WriteLine(message);
        public void Warn(string message) => stderr.WriteLine("warning: " + message);
    }

    private sealed record Target(SchemaSettings Settings, string ConnectionString, bool IsLocalDefault) : IAsyncDisposable
    {
        public NpgsqlDataSource DataSource { get; } = new NpgsqlSlimDataSourceBuilder(ConnectionInfo.ForRunner(ConnectionString)).EnableArrays().Build();
        public ValueTask DisposeAsync() => DataSource.DisposeAsync();
    }

    private SchemaSettings Settings(ParseResult parse) =>
        SchemaSettings.From(SchemaSettings.BuildConfiguration(SchemaCli.CommandLineConfiguration(parse)));

    /// <summary>The configured server, or the zero-config local one (built and started on first use).</summary>
    private async Task<Target> ResolveAsync(SchemaSettings settings, CancellationToken ct)
    {
        if (settings.ConnectionString is { } configured)
        {
            ConnectionString = configured;
            ConnectionInfo.Parse(configured); // a malformed string is a configuration error, not a crash
            return new Target(settings, configured, false);
        }
        var endpoint = await LocalServer.EnsureAsync(ct);
        await LocalServer.EnsureDatabaseAsync(endpoint, settings.LocalDatabase, ct);
        ConnectionString = endpoint.ConnectionString(settings.LocalDatabase);
        return new Target(settings, ConnectionString, true);
    }

    private MigrationEngine Engine(Target target) =>
        new(target.DataSource, new FileSystemScriptProvider(target.Settings.MigrationsDirectory), target.Settings.Runner, new ConsoleLog(stdout, stderr));

    public IEnumerable<Command> All()
    {
        yield return Up();
        yield return Status();
        yield return Script();
        yield return Down();
        yield return Repair();
        yield return Reset();
        yield return Seed();
        yield return Dump();
        yield return Local();
        yield return new MaintainCommand(stdout, stderr).Build();
    }

    private Command Up()
    {
        var to = new Option<string?>("--to") { Description = "apply versioned scripts up to and including this version only (no repeatable scripts)" };
        var command = new Command("up", "Apply pending migrations (each in its own transaction, under the runner lock); deferred gated scripts are listed.") { to };
        command.SetAction(async (parse, ct) =>
        {
            // Fail on a missing folder or bad script set before touching (or provisioning) any server.
            var settings = Settings(parse);
            new FileSystemScriptProvider(settings.MigrationsDirectory).Load();
            await using var target = await ResolveAsync(settings, ct);
            await stdout.WriteLineAsync($"target: {ConnectionInfo.Describe(target.ConnectionString)}");
            var result = await Engine(target).UpAsync(parse.GetValue(to), ct);
            await stdout.WriteLineAsync(result.Applied.Count == 0
                ? "database is up to date: nothing to apply" + (result.Deferred.Count > 0 ? $" ({result.Deferred.Count} deferred)" : "")
                : $"applied {result.Applied.Count} script(s)" + (result.Deferred.Count > 0 ? $", {result.Deferred.Count} deferred" : ""));
            return SchemaCli.Ok;
        });
        return command;
    }

    private Command Status()
    {
        var json = new Option<bool>("--json") { Description = "machine-readable output for pipelines" };
        var command = new Command("status", "List every script as applied, pending, deferred, changed or missing.") { json };
        command.SetAction(async (parse, ct) =>
        {
            var settings = Settings(parse);
            new FileSystemScriptProvider(settings.MigrationsDirectory).Load();
            await using var target = await ResolveAsync(settings, ct);
            var plan = await Engine(target).StatusAsync(ct);
            if (parse.GetValue(json)) await stdout.WriteLineAsync(StatusJson(plan, target.ConnectionString));
            else
            {
                await stdout.WriteLineAsync($"target: {ConnectionInfo.Describe(target.ConnectionString)}");
                foreach (var s in plan.Scripts)
                {
                    var extra = s.State switch
                    {
                        ScriptState.Applied => $"  {s.Journal!.Applied:yyyy-MM-dd HH:mm:ss}",
                        ScriptState.Deferred => $"  needs {string.Join(", ", s.MissingCapabilities)}",
                        ScriptState.Changed => "  content differs from the applied script (see `schema repair`)",
                        ScriptState.Missing => "  in the journal, not on disk",
                        _ => "",
                    };
                    await stdout.WriteLineAsync($"{s.State.ToString().ToLowerInvariant(),-8}  {s.Name}{extra}");
                }
                var counts = plan.Scripts.GroupBy(s => s.State).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
                await stdout.WriteLineAsync(string.Join(", ", counts));
            }
            return plan.Changed.Count > 0 ? SchemaCli.Failure : SchemaCli.Ok;
        });
        return command;
    }

    internal static string StatusJson(MigrationPlan plan, string connectionString)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("target", ConnectionInfo.Describe(connectionString));
            w.WriteStartArray("scripts");
            foreach (var s in plan.Scripts)
            {
                w.WriteStartObject();
                w.WriteString("name", s.Name);
                w.WriteString("kind", s.Kind == ScriptKind.Versioned ? "versioned" : "repeatable");
                w.WriteString("state", s.State.ToString().ToLowerInvariant());
                if (s.Script?.Version is { } v) w.WriteString("version", v); else w.WriteNull("version");
                if (s.Script is { } script) w.WriteString("checksum", script.Checksum); else w.WriteNull("checksum");
                if (s.Journal is { } j)
                {
                    w.WriteString("applied", DateTime.SpecifyKind(j.Applied, DateTimeKind.Utc));
                    if (j.AppliedBy is { } by) w.WriteString("appliedBy", by);
                    if (j.DurationMs is { } ms) w.WriteNumber("durationMs", ms);
                }
                else w.WriteNull("applied");
                w.WriteStartArray("missingCapabilities");
                foreach (var c in s.MissingCapabilities) w.WriteStringValue(c.ToString());
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

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

    private Command Repair()
    {
        var names = new Argument<string[]>("scripts") { Description = "changed applied scripts whose new content to accept (default: all changed)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("repair", "Accept the new checksum of applied scripts that were edited on purpose.") { names };
        command.SetAction(async (parse, ct) =>
        {
            await using var target = await ResolveAsync(Settings(parse), ct);
            var accepted = await Engine(target).RepairAsync(parse.GetValue(names) ?? [], ct);
            await stdout.WriteLineAsync(accepted.Count == 0 ? "no changed scripts" : $"accepted {accepted.Count} checksum(s)");
            return SchemaCli.Ok;
        });
        return command;
    }

    private Command Reset()
    {
        var force = new Option<bool>("--force") { Description = "allow resetting a database on a non-local host" };
        var noSeed = new Option<bool>("--no-seed") { Description = "do not load seeds/ after migrating" };
        var command = new Command("reset", "Drop and recreate the target database, apply every migration, then load the seeds.") { force, noSeed };
        command.SetAction(async (parse, ct) =>
        {
            var settings = Settings(parse);
            new FileSystemScriptProvider(settings.MigrationsDirectory).Load();
            if (settings.ConnectionString is { } cs && !ConnectionInfo.IsLocalHost(cs) && !parse.GetValue(force))
                throw new ConfigurationException($"refusing to reset {ConnectionInfo.Describe(cs)}: not a local host (add --force if you mean it)");
            await using var target = await ResolveAsync(settings, ct);
            await stdout.WriteLineAsync($"resetting {ConnectionInfo.Describe(target.ConnectionString)}");
            await DatabaseAdmin.DropAndCreateAsync(target.ConnectionString, ct);
            var result = await Engine(target).UpAsync(null, ct);
            await stdout.WriteLineAsync($"applied {result.Applied.Count} script(s), {result.Deferred.Count} deferred");
            if (!parse.GetValue(noSeed))
                await new SeedRunner(target.DataSource, target.Settings.SeedsDirectory, target.Settings.Runner, new ConsoleLog(stdout, stderr)).RunAsync(ct);
            return SchemaCli.Ok;
        });
        return command;
    }

    private Command Seed()
    {
        var command = new Command("seed", "Load the development data in seeds/*.sql (re-runnable).");
        command.SetAction(async (parse, ct) =>
        {
            await using var target = await ResolveAsync(Settings(parse), ct);
            var ran = await new SeedRunner(target.DataSource, target.Settings.SeedsDirectory, target.Settings.Runner, new ConsoleLog(stdout, stderr)).RunAsync(ct);
            await stdout.WriteLineAsync($"ran {ran.Count} seed script(s)");
            return SchemaCli.Ok;
        });
        return command;
    }

    private Command Dump()
    {
        var output = new Option<string?>("--output", "-o") { Description = "write to this file instead of stdout (e.g. docs/schema-dump.txt)" };
        var noJournal = new Option<bool>("--no-journal") { Description = "leave the migration journal table out" };
        var command = new Command("dump", "Print a deterministic text rendering of the schema from the catalogs (sorted; identical across runs).") { output, noJournal };
        command.SetAction(async (parse, ct) =>
        {
            await using var target = await ResolveAsync(Settings(parse), ct);
            await using var connection = await target.DataSource.OpenConnectionAsync(ct);
            var text = await Schema.Core.Dump.SchemaDumper.DumpAsync(connection, new Schema.Core.Dump.SchemaDumpOptions(!parse.GetValue(noJournal)), ct);
            if (parse.GetValue(output) is { } file) await WriteAtomicallyAsync(file, text, ct);
            else await stdout.WriteAsync(text);
            return SchemaCli.Ok;
        });
        return command;
    }

    private Command Local()
    {
        var command = new Command("local", "The zero-config local PostgreSQL 17 + TimescaleDB + pgvector server (a Debian trixie chroot under ~/.cache/schema-cli).");
        var start = new Command("start", "Build (first time), initialise and start it; print its connection string without the password.");
        start.SetAction(async (_, ct) =>
        {
            var endpoint = await LocalServer.EnsureAsync(ct);
            await stdout.WriteLineAsync($"running: Host={endpoint.Host};Port={endpoint.Port};Username={endpoint.Username} (password in {endpoint.PasswordFile})");
            return SchemaCli.Ok;
        });
        var stop = new Command("stop", "Stop it.");
        stop.SetAction(async (_, ct) => { await LocalServer.StopAsync(ct); await stdout.WriteLineAsync("stopped"); return SchemaCli.Ok; });
        var status = new Command("status", "Say whether it runs.");
        status.SetAction(async (_, ct) => { await stdout.WriteAsync(await LocalServer.StatusAsync(ct)); return SchemaCli.Ok; });
        command.Subcommands.Add(start);
        command.Subcommands.Add(stop);
        command.Subcommands.Add(status);
        return command;
    }

    /// <summary>Write to a temporary file and rename, so a failure leaves no half-written output.</summary>
    internal static async Task WriteAtomicallyAsync(string path, string contents, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory)) throw new ConfigurationException($"output folder does not exist: {directory}");
        var temp = full + ".tmp-" + Environment.ProcessId;
        await File.WriteAllTextAsync(temp, contents, ct);
        File.Move(temp, full, overwrite: true);
    }
}
