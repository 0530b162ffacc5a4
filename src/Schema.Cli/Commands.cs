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
internal sealed partial class Commands(TextWriter stdout, TextWriter stderr)
{
    public ParseResult? Parse { get; set; }
    public string? ConnectionString { get; private set; }

    /// <summary>The target's password: masked wherever it appears in output (when long enough to tell from words).</summary>
    public string? Password { get; private set; }

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
            // a malformed string is a configuration error, not a crash
            Password = ConnectionInfo.Parse(configured).Password;
            return new Target(settings, configured, false);
        }
        var endpoint = await LocalServer.EnsureAsync(ct);
        await LocalServer.EnsureDatabaseAsync(endpoint, settings.LocalDatabase, ct);
        ConnectionString = endpoint.ConnectionString(settings.LocalDatabase);
        Password = endpoint.Password;
        return new Target(settings, ConnectionString, true);
    }

    private MigrationEngine Engine(Target target) =>
        new(target.DataSource, new FileSystemScriptProvider(target.Settings.MigrationsDirectory), target.Settings.Runner, new ConsoleLog(stdout, stderr),
            target.Settings.Journal());

    public IEnumerable<Command> All()
    {
        yield return Up();
        yield return Status();
        yield return Script();
        yield return Down();
        yield return Repair();
        yield return Reset();
        yield return Seed();
        yield return Load();
        yield return Indicators();
        yield return Dump();
        yield return Local();
        yield return Diff();
        yield return Baseline();
        yield return New();
        yield return new MaintainCommand(stdout, stderr).Build();
        yield return new MarketDdlCommand(stdout, stderr).Build();
    }

    private Command Up()
    {
        var to = new Option<string?>("--to") { Description = "apply versioned scripts up to and including this version only (no repeatable scripts)" };
        var checkDrift = new Option<bool>("--check-drift") { Description = "run `schema diff` first; apply nothing when the target differs from its journaled scripts" };
        var shadow = ShadowOption();
        var command = new Command("up", "Apply pending migrations (each in its own transaction, under the runner lock); deferred gated scripts are listed.") { to, checkDrift, shadow };
        command.SetAction(async (parse, ct) =>
        {
            // Fail on a missing folder or bad script set before touching (or provisioning) any server.
            var settings = Settings(parse);
            new FileSystemScriptProvider(settings.MigrationsDirectory).Load();
            await using var target = await ResolveAsync(settings, ct);
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
                        ScriptState.Applied => $"  {s.Journal!.Applied:yyyy-MM-dd HH:mm:ss}" + (s.JournaledAs is { } j ? $"  (journaled as {j})" : ""),
                        ScriptState.Renamed => $"  journaled as {s.JournaledAs} (same version; see `schema repair`)",
                        ScriptState.Deferred => $"  needs {string.Join(", ", s.MissingCapabilities)}",
                        ScriptState.Changed => "  content differs from the applied script (see `schema repair`)",
                        ScriptState.Missing => "  in the journal, not on disk",
                        ScriptState.Partial => $"  started, not finished: reached {s.Attempt!.Reached}" +
                            (s.Attempt.Error is null ? ", interrupted" : ", failed") + " (see `schema repair --resolve` / `--retry`)",
                        _ => "",
                    };
                    await stdout.WriteLineAsync($"{s.State.ToString().ToLowerInvariant(),-8}  {s.Name}{extra}");
                }
                var counts = plan.Scripts.GroupBy(s => s.State).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key.ToString().ToLowerInvariant()}");
                await stdout.WriteLineAsync(string.Join(", ", counts));
            }
            return plan.Drift.Count > 0 || plan.Partial.Count > 0 ? SchemaCli.Failure : SchemaCli.Ok;
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
                if (s.Version is { } v) w.WriteString("version", v); else w.WriteNull("version");
                if (s.JournaledAs is { } journaledAs) w.WriteString("journaledAs", journaledAs);
                if (s.Script is { } script) w.WriteString("checksum", script.Checksum); else w.WriteNull("checksum");
                if (s.Journal is { } j)
                {
                    w.WriteString("applied", DateTime.SpecifyKind(j.Applied, DateTimeKind.Utc));
                    if (j.AppliedBy is { } by) w.WriteString("appliedBy", by);
                    if (j.DurationMs is { } ms) w.WriteNumber("durationMs", ms);
                }
                else w.WriteNull("applied");
                if (s.Attempt is { } a)
                {
                    w.WriteStartObject("attempt");
                    w.WriteString("started", DateTime.SpecifyKind(a.Started, DateTimeKind.Utc));
                    w.WriteNumber("statement", a.Statement);
                    w.WriteNumber("statements", a.Statements);
                    w.WriteNumber("line", a.Line);
                    if (a.Error is { } error) w.WriteString("error", error); else w.WriteNull("error");
                    w.WriteEndObject();
                }
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
        var resolve = new Option<bool>("--resolve") { Description = "journal the named partial no-transaction scripts as applied (finished by hand)" };
        var retry = new Option<bool>("--retry") { Description = "forget that the named partial scripts started, so `up` runs them again from the start" };
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

    private Command Reset()
    {
        var force = new Option<bool>("--force")
        {
            Description = "allow resetting a database that is not on the zero-config local server",
        };
        var noSeed = new Option<bool>("--no-seed") { Description = "do not load seeds/ after migrating" };
        var command = new Command("reset", "Drop and recreate the target database from a migrated template "
                                           + "(built when the migrations change), then load the seeds.") { force, noSeed };
        command.SetAction(async (parse, ct) =>
        {
            var settings = Settings(parse);
            var set = new FileSystemScriptProvider(settings.MigrationsDirectory).Load();
            // Only the zero-config local server is ours to wipe: 127.0.0.1 may be a port-forward to production.
            if (settings.ConnectionString is { } cs && !ConnectionInfo.IsZeroConfigLocalServer(cs) && !parse.GetValue(force))
                throw new ConfigurationException($"refusing to reset {ConnectionInfo.Describe(cs)}: "
                                                 + "not the zero-config local server (add --force if you mean it)");
            if (settings.ConnectionString is { } named && ConnectionInfo.Parse(named).Database is null or "")
                throw new ConfigurationException("reset needs the database to recreate: add Database=… to the connection string");
            await using var target = await ResolveAsync(settings, ct);
            await stdout.WriteLineAsync($"resetting {ConnectionInfo.Describe(target.ConnectionString)}");
            var reused = await RecreateFromTemplateAsync(target, set, ct);
            var result = await Engine(target).UpAsync(null, ct);
            var origin = reused ? "cloned from the template (migrations unchanged since it was built)" : "cloned from a template built now";
            await stdout.WriteLineAsync(
                $"{origin}, {result.Applied.Count} script(s) applied after the clone, {result.Deferred.Count} deferred");
            if (!parse.GetValue(noSeed))
                await new SeedRunner(target.DataSource, target.Settings.SeedsDirectory, target.Settings.Runner, new ConsoleLog(stdout, stderr)).RunAsync(ct);
            return SchemaCli.Ok;
        });
        return command;
    }

    /// <summary>
    /// Drops the target and recreates it as a copy of its migrated template, building the template first when there
    /// is none or it was built from other migrations. Returns whether an existing template was reused.
    /// </summary>
    private async Task<bool> RecreateFromTemplateAsync(Target target, ScriptSet set, CancellationToken ct)
    {
        var database = ConnectionInfo.Parse(target.ConnectionString).Database!;
        var template = ResetTemplate.NameFor(database);
        var fingerprint = ResetTemplate.Fingerprint(set, target.Settings.Runner.Variables);
        var maintenanceConnection = DatabaseAdmin.MaintenanceConnectionString(target.ConnectionString);
        await using var maintenance = new NpgsqlConnection(maintenanceConnection);
        await maintenance.OpenAsync(ct);
        // Two resets of the same database take turns (the second one then reuses the template).
        await using (var lockCmd = new NpgsqlCommand("select pg_advisory_lock(hashtext(@name))", maintenance))
        {
            lockCmd.Parameters.AddWithValue("name", "schema reset " + template);
            await lockCmd.ExecuteNonQueryAsync(ct);
        }
        var reused = await ResetTemplate.ReadFingerprintAsync(maintenance, template, ct) == fingerprint;
        if (!reused)
        {
            await stdout.WriteLineAsync($"building template {template} (no template for these migrations yet)");
            await ResetTemplate.DropAsync(maintenance, template, ct);
            await DatabaseAdmin.ExecFormattedAsync(maintenance, "create database %I", template, ct);
            var templateConnection =
                new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = template }.ConnectionString;
            await using (var build = new Target(target.Settings, templateConnection, target.IsLocalDefault))
                await Engine(build).UpAsync(null, ct);
            await ResetTemplate.SealAsync(maintenance, template, fingerprint, ct);
        }
        else await stdout.WriteLineAsync($"using template {template}");
        // The database's comment says what it is for (tooling that owns databases stamps it): the new one keeps it.
        var comment = await DatabaseAdmin.CommentAsync(maintenance, database, ct);
        await DatabaseAdmin.ExecFormattedAsync(maintenance, "drop database if exists %I with (force)", database, ct);
        await DatabaseAdmin.CloneAsync(maintenance, database, template, ct);
        if (comment is not null) await DatabaseAdmin.SetCommentAsync(maintenance, database, comment, ct);
        return reused;
    }

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
