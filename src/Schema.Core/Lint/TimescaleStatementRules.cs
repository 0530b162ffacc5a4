using System.Text.RegularExpressions;
using Npgsql;
using Schema.Core.Execution;

namespace Schema.Core.Lint;

/// <summary>
/// TimescaleDB rules read from a statement's text and the catalog before it runs: altering a compressed hypertable,
/// <c>create_hypertable</c> on a table an earlier script created (it may hold rows on the target) without
/// <c>migrate_data</c>, a continuous aggregate created <c>with data</c> inside a transaction.
/// </summary>
public static partial class TimescaleStatementRules
{
    [GeneratedRegex(@"^alter\s+table\s+(?:if\s+exists\s+)?(?:only\s+)?(?<name>(?:""[^""]+""|[\w$]+)(?:\.(?:""[^""]+""|[\w$]+))?)",
        RegexOptions.IgnoreCase)]
    private static partial Regex AlterTable();

    [GeneratedRegex(@"\bset\s*\(\s*timescaledb\.|\brename\b", RegexOptions.IgnoreCase)]
    private static partial Regex HarmlessAlter();

    [GeneratedRegex(@"create_hypertable\s*\(\s*(?:relation\s*=>\s*)?'(?<name>(?:[^']|'')+)'", RegexOptions.IgnoreCase)]
    private static partial Regex CreateHypertable();

    [GeneratedRegex(@"\bmigrate_data\s*=>\s*true\b", RegexOptions.IgnoreCase)]
    private static partial Regex MigrateData();

    [GeneratedRegex(@"^create\s+materialized\s+view\b[\s\S]*\btimescaledb\.continuous\b", RegexOptions.IgnoreCase)]
    private static partial Regex ContinuousAggregate();

    [GeneratedRegex(@"\bwith\s+no\s+data\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex WithNoData();

    public static bool IsContinuousAggregate(string statement) => ContinuousAggregate().IsMatch(statement);

    public static async Task CheckAsync(NpgsqlConnection connection, LintedScript script, LintedStatement statement,
        CatalogSnapshot before, bool timescale, LintSink sink, CancellationToken ct)
    {
        var text = statement.Text;
        if (timescale && AlterTable().Match(text) is { Success: true } alter && !HarmlessAlter().IsMatch(text))
        {
            await using var cmd = new NpgsqlCommand(SqlResource.Load("Lint.lint_compressed_hypertable"), connection);
            cmd.Parameters.Add(new NpgsqlParameter { Value = alter.Groups["name"].Value });
            if (await cmd.ExecuteScalarAsync(ct) is true)
                sink.Findings.Add(new LintFinding(LintRule.AlterCompressedHypertable, script.Name, statement.Line,
                    $"alters {alter.Groups["name"].Value}, a hypertable with compression enabled: compressed chunks " +
                    "must be decompressed for most changes (or the statement fails on the target)",
                    "add only nullable columns or columns with a constant default; otherwise decompress the chunks " +
                    "(decompress_chunk) in a no-transaction script first", alter.Groups["name"].Value));
        }
        if (CreateHypertable().Match(text) is { Success: true } hyper && !MigrateData().IsMatch(text))
        {
            var name = hyper.Groups["name"].Value.Replace("''", "'");
            await using var cmd = new NpgsqlCommand("select to_regclass($1)::oid::bigint", connection);
            cmd.Parameters.Add(new NpgsqlParameter { Value = name });
            if (await cmd.ExecuteScalarAsync(ct) is long oid && before.Relations.ContainsKey(oid))
                sink.Findings.Add(new LintFinding(LintRule.HypertableWithoutMigrateData, script.Name, statement.Line,
                    $"create_hypertable on {name}, which an earlier script created: on the target it may hold rows, and " +
                    "without migrate_data the call fails there",
                    "pass migrate_data => true (it moves the rows into chunks under an ACCESS EXCLUSIVE lock), or create " +
                    "the hypertable in the script that creates the table", name));
        }
        if (!script.NoTransaction && IsContinuousAggregate(text) && !WithNoData().IsMatch(text))
            sink.Findings.Add(new LintFinding(LintRule.ContinuousAggregateWithData, script.Name, statement.Line,
                "continuous aggregate created with data inside the script's transaction: TimescaleDB refuses it " +
                "(it materializes the whole history while holding the transaction)",
                "end it with `with no data` and refresh it with refresh_continuous_aggregate in a " +
                "`-- schema:no-transaction` script (or make this script no-transaction)"));
    }
}
