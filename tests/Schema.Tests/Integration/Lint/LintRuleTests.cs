using Schema.Tests.Harness;
using Xunit;
using static Schema.Tests.Lint.LintRunFixture;

namespace Schema.Tests.Lint;

/// <summary>
/// <c>schema lint</c>, rule by rule: each rule is found at its line in the violating scripts and not at all in the
/// clean ones (the same changes done the safe way); suppressions, the JSON shape, exit codes, the throwaway database.
/// </summary>
public sealed class LintRuleTests(LintRunFixture run, ITestOutputHelper output) : IClassFixture<LintRunFixture>
{
    public static TheoryData<string> Rules => new(LintExamples.ViolationAt.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Rules))]
    public void Each_rule_is_found_at_its_statement_in_the_violating_scripts(string rule)
    {
        var (file, line) = LintExamples.ViolationAt[rule];
        var findings = Findings(run.ViolatingJson).ToList();
        Assert.True(findings.Contains((rule, file, line)),
            $"no {rule} at {file}:{line}; found:\n{string.Join("\n", findings)}\n{run.Violating.Stderr}");
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void The_clean_form_of_each_change_has_no_finding_of_the_rule(string rule)
    {
        Assert.DoesNotContain(Findings(run.CleanJson), f => f.Rule == rule);
    }

    [Fact]
    public void The_clean_scripts_lint_clean_exit_0_and_their_suppressions_carry_the_reasons()
    {
        output.WriteLine(run.Clean.Stdout);
        Assert.Equal(0, run.Clean.ExitCode);
        Assert.True(run.CleanJson.GetProperty("clean").GetBoolean());
        Assert.Empty(run.CleanJson.GetProperty("findings").EnumerateArray());
        var suppressed = run.CleanJson.GetProperty("suppressed").EnumerateArray().ToList();
        Assert.Contains(suppressed, s => s.GetProperty("finding").GetProperty("rule").GetString() == "lock-access-exclusive"
            && s.GetProperty("reason").GetString() == "adding a nullable column is catalog-only: the lock lasts milliseconds"
            && s.GetProperty("where").GetString() == "0002_app_lock_rules.sql:2");
        // the concurrent index build cannot run in the analysis transaction: noted, not a finding
        Assert.Contains(run.CleanJson.GetProperty("notices").EnumerateArray(),
            n => n.GetString()!.StartsWith("0003_app_index.sql:3: not analysed", StringComparison.Ordinal));
    }

    [Fact]
    public void The_violating_scripts_exit_1_and_a_suppression_without_reason_suppresses_nothing()
    {
        Assert.Equal(1, run.Violating.ExitCode);
        var findings = Findings(run.ViolatingJson).ToList();
        Assert.Contains(("lint-ignore-without-reason", "0003_app_fan_out.sql", 2), findings);
        Assert.Contains(("lock-access-exclusive", "0003_app_fan_out.sql", 3), findings);
    }

    [Fact]
    public void The_json_report_has_findings_with_rule_file_line_message_fix_and_the_lock_report()
    {
        var finding = run.ViolatingJson.GetProperty("findings").EnumerateArray()
            .First(f => f.GetProperty("rule").GetString() == "table-rewrite");
        Assert.Equal("0002_app_lock_rules.sql", finding.GetProperty("file").GetString());
        Assert.Contains("app.orders", finding.GetProperty("message").GetString());
        Assert.False(string.IsNullOrWhiteSpace(finding.GetProperty("fix").GetString()));
        var rewrite = run.ViolatingJson.GetProperty("locks").EnumerateArray().Single(l =>
            l.GetProperty("file").GetString() == "0002_app_lock_rules.sql" && l.GetProperty("line").GetInt32() == 2);
        Assert.Equal("app.orders", rewrite.GetProperty("relation").GetString());
        Assert.Equal("ACCESS EXCLUSIVE", rewrite.GetProperty("mode").GetString());
        Assert.Equal("reads and writes", rewrite.GetProperty("blocks").GetString());
        var share = run.ViolatingJson.GetProperty("locks").EnumerateArray().Single(l =>
            l.GetProperty("line").GetInt32() == 6 && l.GetProperty("relation").GetString() == "app.customers");
        Assert.Equal("SHARE ROW EXCLUSIVE", share.GetProperty("mode").GetString());
        Assert.Equal("writes", share.GetProperty("blocks").GetString());
        Assert.Contains(run.ViolatingJson.GetProperty("locks").EnumerateArray(), l => l.TryGetProperty("partitions", out var n) && n.GetInt32() >= 40);
    }

    [Fact]
    public async Task Both_throwaway_databases_are_dropped()
    {
        foreach (var report in new[] { run.ViolatingJson, run.CleanJson })
        {
            var name = report.GetProperty("database").GetString()!;
            Assert.StartsWith("schema_lint_", name);
            Assert.False(await Pipeline.PipelineSupport.DatabaseExistsAsync(name));
        }
    }
}
