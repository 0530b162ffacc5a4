using System.CommandLine;
using Npgsql;
using Schema.Core.Configuration;
using Schema.Core.Execution;
using Schema.Core.Scripts;
using Schema.Core.Seeding;

namespace Schema.Cli;

/// <summary><c>schema reset</c>: recreate the target from a migrated template, then seed.</summary>
internal sealed partial class Commands
{
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
}
