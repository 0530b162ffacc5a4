using Schema.Core.Scripts;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Pipeline;

/// <summary><c>schema new NAME</c>: the next number in the schema's block, the header template, refusals.</summary>
public sealed class NewCommandTests
{
    private static ScriptFolder Numbered() => new ScriptFolder()
        .Add("0001_platform_extensions.sql", "select 1;").Add("0010_platform_updated_at.sql", "select 1;")
        .Add("0100_market_schema.sql", "select 1;").Add("0113_market_apply.sql", "select 1;")
        .Add("0200_trading_schema.sql", "select 1;")
        .Add("0900_platform_retention_jobs.sql", "select 1;");

    [Fact]
    public async Task The_next_version_follows_the_highest_in_the_schemas_block_with_the_header_template()
    {
        using var folder = Numbered();
        var result = await CliRunner.RunAsync("new", "add_symbol_sector", "--schema", "market", "--migrations", folder.Path);

        Assert.Equal(0, result.ExitCode);
        var up = File.ReadAllText(Path.Combine(folder.Path, "0114_market_add_symbol_sector.sql"));
        var down = File.ReadAllText(Path.Combine(folder.Path, "0114_market_add_symbol_sector.down.sql"));
        Assert.StartsWith("-- 0114_market_add_symbol_sector: ", up);
        Assert.Contains("-- Why: ", up);
        Assert.DoesNotContain("schema:no-transaction", up);
        Assert.StartsWith("-- 0114_market_add_symbol_sector (down): ", down);
        // the scaffold is a valid script set member with its down script
        var script = new FileSystemScriptProvider(folder.Path).Load().FindVersioned("0114")!;
        Assert.True(script.HasDown);
        Assert.False(script.Directives.NoTransaction);
    }

    [Fact]
    public async Task Platform_continues_its_own_block_not_the_community_jobs_block_and_no_transaction_sets_the_directive()
    {
        using var folder = Numbered();
        // the schema is taken from the name when --schema is not given
        var result = await CliRunner.RunAsync("new", "platform_audit_log", "--no-transaction", "--migrations", folder.Path);

        Assert.Equal(0, result.ExitCode);
        var script = new FileSystemScriptProvider(folder.Path).Load().FindVersioned("0011")!;
        Assert.Equal("0011_platform_audit_log.sql", script.Name);
        Assert.True(script.Directives.NoTransaction);
    }

    [Fact]
    public async Task A_new_schema_opens_the_next_free_block()
    {
        using var folder = Numbered();
        var result = await CliRunner.RunAsync("new", "schema", "--schema", "risk", "--migrations", folder.Path);
        Assert.Equal(0, result.ExitCode);
        Assert.True(File.Exists(Path.Combine(folder.Path, "0300_risk_schema.sql")));
    }

    [Theory]
    [InlineData("Add-Column", "error: invalid name 'Add-Column': use lowercase letters, digits and underscores")]
    [InlineData("add column", "error: invalid name 'add column': use lowercase letters, digits and underscores")]
    [InlineData("add_sector", "error: give --schema (one of: market, platform, trading), or start the name with it")]
    public async Task A_bad_name_is_refused_exit_2_and_nothing_is_written(string name, string error)
    {
        using var folder = Numbered();
        var before = Directory.GetFiles(folder.Path).Length;
        var result = await CliRunner.RunAsync("new", name, "--migrations", folder.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(error, result.Stderr.Trim());
        Assert.Equal(before, Directory.GetFiles(folder.Path).Length);
    }

    [Fact]
    public async Task An_existing_file_is_never_overwritten_exit_2()
    {
        using var folder = Numbered();
        // a down script already there for the version about to be created (an orphan: its up script is missing)
        folder.Add("0114_market_add_symbol_sector.down.sql", "keep me");
        var result = await CliRunner.RunAsync("new", "add_symbol_sector", "--schema", "market", "--migrations", folder.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(folder.Path, "0114_market_add_symbol_sector.down.sql")));
        Assert.False(File.Exists(Path.Combine(folder.Path, "0114_market_add_symbol_sector.sql")));
    }

    [Fact]
    public async Task Help_describes_new()
    {
        var result = await CliRunner.RunAsync("new", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--schema", result.Stdout);
        Assert.Contains("--no-transaction", result.Stdout);
    }
}
