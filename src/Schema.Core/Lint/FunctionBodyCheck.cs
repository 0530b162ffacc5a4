using Npgsql;
using Schema.Core.Execution;

namespace Schema.Core.Lint;

/// <summary>
/// Every PL/pgSQL function and procedure the linted scripts created or changed, checked with plpgsql_check (created
/// in the throwaway database only). When the server lacks the extension the rule is skipped with a notice.
/// Trigger functions are checked against a table one of their triggers is on; one without a trigger is noted.
/// </summary>
public static class FunctionBodyCheck
{
    public static async Task RunAsync(NpgsqlConnection connection, IEnumerable<FunctionSnapshot.Function> functions,
        Func<string, (string File, int Line)> locate, LintSink sink, CancellationToken ct)
    {
        var plpgsql = functions.Where(f => f.Language == "plpgsql" && !f.IsEventTrigger).ToList();
        if (plpgsql.Count == 0) return;
        await using (var available = new NpgsqlCommand(
            "select exists (select from pg_available_extensions where name = 'plpgsql_check')", connection))
        {
            if (await available.ExecuteScalarAsync(ct) is not true)
            {
                sink.Notices.Add($"{LintRule.PlpgsqlCheck} skipped: the server has no plpgsql_check extension " +
                                 "(Debian: postgresql-17-plpgsql-check)");
                return;
            }
        }
        await using (var create = new NpgsqlCommand("create extension if not exists plpgsql_check", connection))
            await create.ExecuteNonQueryAsync(ct);
        foreach (var f in plpgsql.OrderBy(f => f.Signature, StringComparer.Ordinal))
        {
            if (f.IsTrigger && f.TriggerTable is null)
            {
                sink.Notices.Add($"{LintRule.PlpgsqlCheck}: {f.Signature} not checked: a trigger function no trigger uses");
                continue;
            }
            await using var cmd = new NpgsqlCommand(SqlResource.Load("Lint.lint_plpgsql_check"), connection);
            cmd.Parameters.Add(new NpgsqlParameter { Value = f.Oid });
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)f.TriggerTable ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            var (file, line) = locate(f.Name);
            while (await r.ReadAsync(ct))
            {
                var hint = r.GetString(2);
                sink.Findings.Add(new LintFinding(LintRule.PlpgsqlCheck, file, line,
                    $"{f.Signature}, body line {r.GetInt32(3)}: {r.GetString(0)}: {r.GetString(1)}",
                    hint.Length > 0 ? hint : "fix the function body (plpgsql_check_function shows the context)", f.Signature));
            }
        }
    }
}
