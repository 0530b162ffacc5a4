using System.CommandLine;
using System.Text.Json;
using Npgsql;
using Schema.Core.Configuration;
using Schema.Core.LocalServer;

namespace Schema.Cli;

/// <summary>
/// <c>schema maintain</c>: calls <c>market.maintain</c> (migration 0117) — partitions for every active symbol and
/// timeframe up to N months ahead, native leaf retention, drop_chunks where no TimescaleDB job does it — and prints
/// what it created or dropped per table. The logic is the procedure's, so cron or pg_cron can call it without the CLI;
/// it commits step by step and is safe next to itself, <c>schema up</c> and live writers.
/// </summary>
internal sealed class MaintainCommand(TextWriter stdout, TextWriter stderr)
{
    public Command Build()
    {
        var monthsAhead = new Option<int>("--months-ahead")
        {
            Description = "create monthly partitions up to this many months after the current UTC month (0-120)",
            DefaultValueFactory = _ => 3,
        };
        var dryRun = new Option<bool>("--dry-run") { Description = "change nothing: print the SQL that would run" };
        var json = new Option<bool>("--json") { Description = "machine-readable output for pipelines" };
        var command = new Command("maintain",
            "Create the market partitions for every active symbol up to N months ahead and apply retention (idempotent, safe next to writers).")
            { monthsAhead, dryRun, json };
        command.SetAction(async (parse, ct) =>
        {
            var months = parse.GetValue(monthsAhead);
            if (months is < 0 or > 120)
            {
                await stderr.WriteLineAsync("error: --months-ahead must be between 0 and 120");
                return SchemaCli.Usage;
            }
            string? connectionString = null;
            try
            {
                var settings = SchemaSettings.From(SchemaSettings.BuildConfiguration(SchemaCli.CommandLineConfiguration(parse)));
                connectionString = await TargetConnection.ResolveAsync(settings, ct);
                // TLS (SSL Mode, Root Certificate) is opt-in on the slim builder
                await using var dataSource = new NpgsqlSlimDataSourceBuilder(ConnectionInfo.ForRunner(connectionString))
                    .EnableTransportSecurity().Build();
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                // autocommit: the procedure commits after each step
                await using var call = new NpgsqlCommand(
                    "call market.maintain(p_months_ahead => $1, p_dry_run => $2)", connection) { CommandTimeout = 0 };
                call.Parameters.Add(new NpgsqlParameter { Value = months });
                call.Parameters.Add(new NpgsqlParameter { Value = parse.GetValue(dryRun) });
                var report = (string)(await call.ExecuteScalarAsync(ct))!;
                using var actions = JsonDocument.Parse(report);
                if (parse.GetValue(json)) await stdout.WriteLineAsync(Json(actions.RootElement, connectionString, parse.GetValue(dryRun)));
                else await PrintAsync(actions.RootElement, connectionString, parse.GetValue(dryRun));
                return SchemaCli.Ok;
            }
            // 3F000 invalid_schema_name, 42883 undefined_function: a database the migrations have not reached
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidSchemaName or PostgresErrorCodes.UndefinedFunction)
            {
                await stderr.WriteLineAsync("error: this database has no market.maintain (apply the migrations with `schema up` first): "
                                            + ConnectionInfo.Mask(e.MessageText, connectionString));
                return SchemaCli.Failure;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                var (code, message) = SchemaCli.Classify(e);
                await stderr.WriteLineAsync("error: " + ConnectionInfo.Mask(message, connectionString));
                return code;
            }
        });
        return command;
    }


    private async Task PrintAsync(JsonElement actions, string connectionString, bool dryRun)
    {
        await stdout.WriteLineAsync($"target: {ConnectionInfo.Describe(connectionString)}");
        if (dryRun)
        {
            foreach (var action in actions.EnumerateArray())
                foreach (var sql in action.GetProperty("sql").EnumerateArray())
                    await stdout.WriteLineAsync(sql.GetString() + ";");
            await stdout.WriteLineAsync($"-- dry run: {actions.GetArrayLength()} step(s), nothing changed");
            return;
        }
        foreach (var table in actions.EnumerateArray().GroupBy(a => a.GetProperty("table").GetString()!).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var created = table.Where(a => Action(a) == "create").ToList();
            if (created.Count > 0)
                await stdout.WriteLineAsync($"{table.Key}: created {created.Sum(a => a.GetProperty("count").GetInt32())} table(s) for "
                    + string.Join(", ", created.GroupBy(a => a.GetProperty("symbol").GetString()).Select(s =>
                        $"{s.Key} {s.First().GetProperty("month").GetString()}" + (s.Count() > 1 ? $"..{s.Last().GetProperty("month").GetString()}" : ""))));
            foreach (var drop in table.Where(a => Action(a) == "drop"))
                await stdout.WriteLineAsync($"{table.Key}: dropped {drop.GetProperty("relation").GetString()}");
            foreach (var chunks in table.Where(a => Action(a) == "drop_chunks"))
                await stdout.WriteLineAsync($"{table.Key}: dropped {chunks.GetProperty("count").GetInt64()} chunk(s)");
        }
        if (actions.GetArrayLength() == 0) await stdout.WriteLineAsync("nothing to do");

        static string? Action(JsonElement a) => a.GetProperty("action").GetString();
    }

    private static string Json(JsonElement actions, string connectionString, bool dryRun)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("target", ConnectionInfo.Describe(connectionString));
            w.WriteBoolean("dryRun", dryRun);
            w.WritePropertyName("actions");
            actions.WriteTo(w);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
