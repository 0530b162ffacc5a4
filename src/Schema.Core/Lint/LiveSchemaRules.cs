using Npgsql;
using Schema.Core.Execution;

namespace Schema.Core.Lint;

/// <summary>
/// The live-schema rules (<c>live_schema.sql</c>, and <c>live_hypertable_unique.sql</c> when TimescaleDB is there) on
/// the tables the linted scripts created or changed, each finding located at the statement that created its table.
/// </summary>
public static class LiveSchemaRules
{
    public static async Task RunAsync(NpgsqlConnection connection, string[] scope, ScriptLocator locator, LintSink sink,
        CancellationToken ct)
    {
        if (scope.Length == 0) return;
        await ReadAsync(connection, "Lint.live_schema", scope, locator, sink, ct);
        await using var ts = new NpgsqlCommand("select to_regclass('timescaledb_information.dimensions') is not null", connection);
        if (await ts.ExecuteScalarAsync(ct) is true)
            await ReadAsync(connection, "Lint.live_hypertable_unique", scope, locator, sink, ct);
    }

    private static async Task ReadAsync(NpgsqlConnection connection, string query, string[] scope, ScriptLocator locator,
        LintSink sink, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(SqlResource.Load(query), connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = scope });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var (rule, obj, table) = (r.GetString(0), r.GetString(1), r.GetString(2));
            var (file, line) = rule is LintRule.RedundantIndex or LintRule.BooleanIndex or LintRule.UniqueWithoutTimeColumn
                ? locator.Locate(obj)
                : locator.Locate(table);
            sink.Findings.Add(new LintFinding(rule, file, line, r.GetString(3), r.GetString(4), obj));
        }
    }
}
