using Schema.Core.Execution;
using Schema.Core.Scripts;
using Xunit;

namespace Schema.Tests.Unit;

public sealed class ResetTemplateTests
{
    private static ScriptSet Set(string contents) => new(
        [new MigrationScript("0001_a.sql", "/m/0001_a.sql", ScriptKind.Versioned, "0001", contents, ScriptDirectives.None, null)], []);

    [Fact]
    public void The_fingerprint_changes_with_a_script_or_a_variable_and_only_then()
    {
        var vars = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" };
        var baseline = ResetTemplate.Fingerprint(Set("create table t (id int);"), vars);
        Assert.Equal(baseline, ResetTemplate.Fingerprint(Set("create table t (id int);"), new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" }));
        Assert.NotEqual(baseline, ResetTemplate.Fingerprint(Set("create table t (id bigint);"), vars));
        Assert.NotEqual(baseline, ResetTemplate.Fingerprint(Set("create table t (id int);"), new Dictionary<string, string> { ["a"] = "1", ["b"] = "3" }));
    }

    [Fact]
    public void The_template_name_fits_postgres_identifier_limit()
    {
        Assert.Equal("schema_dev_template", ResetTemplate.NameFor("schema_dev"));
        var longName = new string('d', 63);
        Assert.True(ResetTemplate.NameFor(longName).Length <= 63);
        Assert.NotEqual(ResetTemplate.NameFor(longName), ResetTemplate.NameFor(new string('e', 63)));
    }
}
