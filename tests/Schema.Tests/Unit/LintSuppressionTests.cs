using Schema.Core.Lint;
using Schema.Core.Scripts;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Unit;

/// <summary><c>schema lint</c>'s suppressions: the <c>lint-ignore</c> directive (accepted by the runner anywhere,
/// applied to the next statement, reason mandatory) and <c>lint-suppressions.txt</c> (not a script).</summary>
public sealed class LintSuppressionTests
{
    private const string Script = """
        -- 0002_x: two statements
        create table t (id int);
        -- schema:lint-ignore lock-access-exclusive t is new in this release
        alter table t add column x int;
        -- schema:lint-ignore table-rewrite
        alter table t alter column x type bigint;
        """;

    private static MigrationScript Parse(string contents) =>
        new("0002_x.sql", "/tmp/0002_x.sql", ScriptKind.Versioned, "2", contents, ScriptDirectives.Parse(contents, "0002_x.sql"), null);

    [Fact]
    public void The_runner_accepts_lint_ignore_after_the_first_statement_but_not_other_directives_there()
    {
        Assert.False(ScriptDirectives.Parse(Script, "0002_x.sql").NoTransaction);
        var e = Assert.Throws<ScriptDefinitionException>(() =>
            ScriptDirectives.Parse("select 1;\n-- schema:no-transaction\nselect 2;", "0002_x.sql"));
        Assert.Contains("0002_x.sql:2", e.Message);
    }

    [Fact]
    public void A_suppression_applies_to_the_next_statement_and_one_without_reason_is_a_finding()
    {
        var linted = LintedScript.From(Parse(Script), new Dictionary<string, string>());
        Assert.Equal([2, 4, 6], linted.Statements.Select(s => s.Line));
        Assert.Null(linted.IgnoreFor("lock-access-exclusive", 2));
        Assert.Equal("t is new in this release", linted.IgnoreFor("lock-access-exclusive", 4)!.Reason);
        Assert.Null(linted.IgnoreFor("table-rewrite", 6));
        var problem = Assert.Single(linted.SuppressionProblems);
        Assert.Equal(("lint-ignore-without-reason", 5), (problem.Rule, problem.Line));
    }

    [Fact]
    public void An_unknown_rule_is_a_finding()
    {
        var linted = LintedScript.From(Parse("-- schema:lint-ignore no-such-rule because\nselect 1;"), new Dictionary<string, string>());
        Assert.Equal("lint-ignore-unknown-rule", Assert.Single(linted.SuppressionProblems).Rule);
    }

    [Fact]
    public void The_suppressions_file_matches_objects_by_dotted_prefix_and_scripts_by_name_and_is_not_a_migration()
    {
        using var folder = new ScriptFolder().Add("0001_a.sql", "select 1;").Add("lint-suppressions.txt", """
            # comment
            column-without-comment app.orders the table comment says it all
            lock-access-exclusive 0001_a.sql:1 a small table
            table-rewrite app.events
            """);
        Assert.Empty(new FileSystemScriptProvider(folder.Path).Load().Ignored);
        var file = LintSuppressionFile.Read(folder.Path);
        Assert.NotNull(file.Match(new LintFinding("column-without-comment", "0001_a.sql", 1, "m", "f", "app.orders.qty")));
        Assert.Null(file.Match(new LintFinding("column-without-comment", "0001_a.sql", 1, "m", "f", "app.orders_archive.qty")));
        Assert.NotNull(file.Match(new LintFinding("lock-access-exclusive", "0001_a.sql", 1, "m", "f", "app.x")));
        Assert.Null(file.Match(new LintFinding("lock-access-exclusive", "0001_a.sql", 2, "m", "f", "app.x")));
        // no reason: suppresses nothing, and is a finding itself
        Assert.Null(file.Match(new LintFinding("table-rewrite", "0001_a.sql", 1, "m", "f", "app.events")));
        Assert.Equal(("lint-ignore-without-reason", 4), (Assert.Single(file.Problems).Rule, file.Problems[0].Line));
    }
}
