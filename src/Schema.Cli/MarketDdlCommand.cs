using System.CommandLine;
using System.Text.Json;
using Npgsql;
using Schema.Core.Configuration;
using Schema.Core.LocalServer;

namespace Schema.Cli;

/// <summary>
/// <c>schema market add-indicator | drop-indicator | drop-timeframe</c>: calls the bounded-lock procedures of migration
/// 0122 (one timeframe table, or one batch of partitions, per transaction; lock_timeout + retry; lock budget checked
/// before anything changes; a rerun finishes an interrupted run). The logic is the procedures', so a DBA can
/// <c>call</c> them from psql just the same; the CLI prints their report and their retry notices.
/// </summary>
internal sealed class MarketDdlCommand(TextWriter stdout, TextWriter stderr)
{
    private readonly Option<int> _lockTimeout = new("--lock-timeout-ms")
    {
        Description = "longest wait for one lock before the statement is retried (milliseconds, 1-600000)",
        DefaultValueFactory = _ => 1000,
    };
    private readonly Option<int> _lockRetries = new("--lock-retries")
    {
        Description = "retries after a lock timeout before giving up (0-10000; the work done so far is kept)",
        DefaultValueFactory = _ => 30,
    };
    private readonly Option<int?> _maxLocks = new("--max-locks")
    {
        Description = "locks one transaction may hold (default: half of the server's lock table)",
    };
    private readonly Option<bool> _json = new("--json") { Description = "machine-readable output for pipelines" };

    public Command Build()
    {
        var command = new Command("market", "Change indicator columns and timeframes of the market tables with a bounded number of locks per transaction.");

        var name = new Argument<string>("name") { Description = "indicator column (a lower-case identifier)" };
        var type = new Option<string>("--type") { Description = "column type", DefaultValueFactory = _ => "double precision" };
        var add = new Command("add-indicator", "Add an indicator column to every timeframe table, one table per transaction.") { name, type };
        Wire(add, "call market.add_indicator_column_bounded($1, $2, make_interval(secs => $3 / 1000.0), $4, $5)",
            parse => [parse.GetValue(name)!, parse.GetValue(type)!]);
        command.Subcommands.Add(add);

        var dropName = new Argument<string>("name") { Description = "indicator column to drop (with its data)" };
        var drop = new Command("drop-indicator", "Drop an indicator column from every timeframe table, one table per transaction.") { dropName };
        Wire(drop, "call market.drop_indicator_column_bounded($1, make_interval(secs => $2 / 1000.0), $3, $4)",
            parse => [parse.GetValue(dropName)!]);
        command.Subcommands.Add(drop);

        var minutes = new Argument<int>("minutes") { Description = "the timeframe to drop, with all its partitions and rows" };
        var batch = new Option<int>("--batch") { Description = "partitions dropped per transaction (1-10000)", DefaultValueFactory = _ => 100 };
        var dropTimeframe = new Command("drop-timeframe", "Unregister a timeframe and drop its table, a batch of partitions per transaction.")
            { minutes, batch };
        Wire(dropTimeframe, "call market.drop_timeframe_bounded($1, $2, make_interval(secs => $3 / 1000.0), $4, $5)",
            parse => [parse.GetValue(minutes), parse.GetValue(batch)]);
        command.Subcommands.Add(dropTimeframe);
        return command;
    }

    /// <summary>Adds the common options and the action: leading arguments, then lock timeout, retries, max locks.</summary>
    private void Wire(Command command, string call, Func<ParseResult, object[]> leading)
    {
        command.Options.Add(_lockTimeout);
        command.Options.Add(_lockRetries);
        command.Options.Add(_maxLocks);
        command.Options.Add(_json);
        command.SetAction(async (parse, ct) =>
        {
            var timeout = parse.GetValue(_lockTimeout);
            var retries = parse.GetValue(_lockRetries);
            var maxLocks = parse.GetValue(_maxLocks);
            var batchOk = command.Name != "drop-timeframe" || leading(parse)[1] is int b and >= 1 and <= 10000;
            if (timeout is < 1 or > 600000 || retries is < 0 or > 10000 || maxLocks is < 1 || !batchOk)
            {
                await stderr.WriteLineAsync("error: --lock-timeout-ms must be 1-600000, --lock-retries 0-10000, --max-locks positive, --batch 1-10000");
                return SchemaCli.Usage;
            }
            string? connectionString = null;
            try
            {
                var settings = SchemaSettings.From(SchemaSettings.BuildConfiguration(SchemaCli.CommandLineConfiguration(parse)));
                connectionString = await TargetConnection.ResolveAsync(settings, ct);
                await using var dataSource = new NpgsqlSlimDataSourceBuilder(ConnectionInfo.ForRunner(connectionString)).Build();
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                // the procedures report each retry as a notice: shown as it happens
                connection.Notice += (_, e) => stderr.WriteLine("notice: " + e.Notice.MessageText);
                // autocommit: the procedure commits after each table or batch
                await using var cmd = new NpgsqlCommand(call, connection) { CommandTimeout = 0 };
                foreach (var value in leading(parse)) cmd.Parameters.Add(new NpgsqlParameter { Value = value });
                cmd.Parameters.Add(new NpgsqlParameter { Value = timeout });
                cmd.Parameters.Add(new NpgsqlParameter { Value = retries });
                cmd.Parameters.Add(new NpgsqlParameter<int?> { TypedValue = maxLocks, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
                var report = (string)(await cmd.ExecuteScalarAsync(ct))!;
                using var steps = JsonDocument.Parse(report);
                if (parse.GetValue(_json)) await stdout.WriteLineAsync(Json(steps.RootElement, connectionString));
                else await PrintAsync(steps.RootElement, connectionString);
                return SchemaCli.Ok;
            }
            // 3F000 invalid_schema_name, 42883 undefined_function: a database the migrations have not reached
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.InvalidSchemaName
                                                  or PostgresErrorCodes.UndefinedFunction)
            {
                await stderr.WriteLineAsync("error: this database lacks the market procedures (apply the migrations " +
                                            "with `schema up` first): " + ConnectionInfo.Mask(e.MessageText, connectionString));
                return SchemaCli.Failure;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                var (code, message) = SchemaCli.Classify(e);
                await stderr.WriteLineAsync("error: " + ConnectionInfo.Mask(message, connectionString).ReplaceLineEndings(" "));
                return code;
            }
        });
    }


    private async Task PrintAsync(JsonElement steps, string connectionString)
    {
        await stdout.WriteLineAsync($"target: {ConnectionInfo.Describe(connectionString)}");
        foreach (var step in steps.EnumerateArray())
        {
            var action = step.GetProperty("action").GetString();
            var what = action switch
            {
                "add_column" => $"{Text(step, "table")}: added column {Text(step, "column")}",
                "drop_column" => $"{Text(step, "table")}: dropped column {Text(step, "column")}",
                "drop_partitions" => $"{Text(step, "table")}: dropped {step.GetProperty("count").GetInt64()} partition(s)",
                "drop_table" => $"{Text(step, "table")}: dropped",
                "register" => $"registered {Text(step, "column")}",
                "unregister" => step.TryGetProperty("minutes", out var m) ? $"unregistered timeframe {m.GetInt32()}" : $"unregistered {Text(step, "column")}",
                _ => action,
            };
            var details = new List<string>();
            if (step.TryGetProperty("locks", out var locks)) details.Add($"{locks.GetInt64()} locks");
            if (step.TryGetProperty("retries", out var retried) && retried.GetInt32() > 0) details.Add($"{retried.GetInt32()} retries");
            if (details.Count > 0) what += $" ({string.Join(", ", details)})";
            await stdout.WriteLineAsync(what);
        }
        if (steps.GetArrayLength() == 0) await stdout.WriteLineAsync("nothing to do");

        static string Text(JsonElement e, string property) => e.GetProperty(property).GetString() ?? "";
    }

    private static string Json(JsonElement steps, string connectionString)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("target", ConnectionInfo.Describe(connectionString));
            w.WritePropertyName("steps");
            steps.WriteTo(w);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
