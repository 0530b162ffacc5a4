using System.Text.Json;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Runner;

/// <summary>The CLI as a pipeline sees it: exit codes, one-line errors, JSON status, idempotent up.</summary>
public sealed class CliTests
{
    [Fact]
    public async Task Up_twice_the_second_applies_nothing_and_says_so()
    {
        await using var db = await ScratchDatabase.CreateAsync("cli");
        using var folder = new ScriptFolder().Add("0001_a.sql", "create table a (id int);").Add("0002_b.sql", "create table b (id int);");
        var first = await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("applied 0001_a.sql", first.Stdout);
        Assert.Contains("applied 2 script(s)", first.Stdout);
        var second = await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("database is up to date: nothing to apply", second.Stdout);
        Assert.DoesNotContain("applied 0001", second.Stdout);
    }

    [Fact]
    public async Task Status_json_lists_every_script_with_its_state()
    {
        await using var db = await ScratchDatabase.CreateAsync("cli");
        using var folder = new ScriptFolder()
            .Add("0001_a.sql", "create table a (id int);")
            .Add("0002_gated.sql", "-- schema:requires extension=schema_absent_extension\nselect 1;")
            .Add("0003_c.sql", "create table c (id int);")
            .Add("repeatable/v.sql", "create or replace view v as select 1 as one;");
        Assert.Equal(0, (await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path, "--to", "0001")).ExitCode);
        var result = await CliRunner.RunAsync("status", "--json", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        var states = doc.RootElement.GetProperty("scripts").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("state").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["0001_a.sql"] = "applied", ["0002_gated.sql"] = "deferred", ["0003_c.sql"] = "pending", ["repeatable/v.sql"] = "pending" }, states);
        Assert.DoesNotContain("Password", result.Stdout, StringComparison.OrdinalIgnoreCase);
        var gated = doc.RootElement.GetProperty("scripts").EnumerateArray().Single(s => s.GetProperty("name").GetString() == "0002_gated.sql");
        Assert.Equal("extension=schema_absent_extension", gated.GetProperty("missingCapabilities")[0].GetString());
    }

    [Fact]
    public async Task A_wrong_password_is_one_line_exit_2_and_never_shows_the_password()
    {
        var admin = new Npgsql.NpgsqlConnectionStringBuilder(await TestServer.AdminConnectionStringAsync()) { Password = "Wr0ng-S3cret-pw" };
        using var folder = new ScriptFolder().Add("0001_a.sql", "select 1;");
        var result = await CliRunner.RunAsync("up", "-c", admin.ConnectionString, "--migrations", folder.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.StartsWith("error: the server refused the credentials", result.Stderr);
        Assert.DoesNotContain("Wr0ng-S3cret-pw", result.Stderr + result.Stdout);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public async Task An_unreachable_host_is_one_line_exit_2()
    {
        using var folder = new ScriptFolder().Add("0001_a.sql", "select 1;");
        var result = await CliRunner.RunAsync("status", "-c", "Host=127.0.0.1;Port=1;Username=u;Password=S3cretPw;Timeout=3", "--migrations", folder.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.StartsWith("error: cannot reach the server", result.Stderr);
        Assert.DoesNotContain("S3cretPw", result.Stderr);
    }

    [Fact]
    public async Task A_missing_migrations_folder_is_one_line_exit_2_before_any_connection()
    {
        var result = await CliRunner.RunAsync("up", "-c", "Host=127.0.0.1;Port=1;Username=u;Password=x", "--migrations", "/nonexistent/schema-migrations");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: migrations folder not found: /nonexistent/schema-migrations", result.Stderr.Trim());
    }

    [Fact]
    public async Task A_failing_script_exits_1_with_the_location_in_one_line()
    {
        await using var db = await ScratchDatabase.CreateAsync("cli");
        using var folder = new ScriptFolder().Add("0001_bad.sql", "create table a (id int);\ncreate table a (id int);");
        var result = await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"^error: .*0001_bad\.sql:2:1: 42P07: relation ""a"" already exists\s*$", result.Stderr);
    }

    [Theory]
    [InlineData("up")]
    [InlineData("status")]
    [InlineData("script")]
    [InlineData("down")]
    [InlineData("reset")]
    [InlineData("seed")]
    [InlineData("repair")]
    [InlineData("local")]
    [InlineData("dump")]
    [InlineData("docs")]
    public async Task Every_command_has_help(string command)
    {
        var result = await CliRunner.RunAsync(command, "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Stdout);
        Assert.Contains($" {command} [", result.Stdout);
    }

    [Fact]
    public async Task Bad_usage_exits_2()
    {
        Assert.Equal(2, (await CliRunner.RunAsync("up", "--no-such-option")).ExitCode);
        Assert.Equal(2, (await CliRunner.RunAsync("down", "--count", "0", "-c", "Host=127.0.0.1;Port=1")).ExitCode);
        Assert.Equal(2, (await CliRunner.RunAsync("frobnicate")).ExitCode);
    }

    [Fact]
    public async Task Reset_refuses_a_non_local_host_without_force()
    {
        using var folder = new ScriptFolder().Add("0001_a.sql", "select 1;");
        var result = await CliRunner.RunAsync("reset", "-c", "Host=db.example.invalid;Username=u;Password=p;Database=prod", "--migrations", folder.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("refusing to reset", result.Stderr);
        Assert.Contains("--force", result.Stderr);
    }
}
