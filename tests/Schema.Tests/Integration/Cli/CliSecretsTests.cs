using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Cli;

/// <summary>No line the tool writes shows a password — parse errors and help included — and masking stays readable.</summary>
public sealed class CliSecretsTests
{
    private const string Secret = "Pw-S3cret-9f2c";

    private static void AssertOneSecretFreeErrorLine(CliResult result, params string[] secrets)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.StartsWith("error: ", result.Stderr);
        foreach (var secret in secrets) Assert.DoesNotContain(secret, result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task A_misspelt_connection_option_does_not_echo_the_password()
    {
        var result = await CliRunner.RunAsync("up", "--conection", $"Host=127.0.0.1;Port=1;Username=u;Password={Secret}");
        AssertOneSecretFreeErrorLine(result, Secret);
        Assert.Contains("--conection", result.Stderr);
        Assert.Contains("Password=***", result.Stderr);
    }

    [Fact]
    public async Task A_connection_string_given_without_the_option_does_not_echo_the_password()
    {
        AssertOneSecretFreeErrorLine(await CliRunner.RunAsync("status", $"Host=127.0.0.1;Port=1;pwd={Secret};Database=d"), Secret);
    }

    [Fact]
    public async Task A_quoted_password_with_a_semicolon_is_masked_whole()
    {
        var result = await CliRunner.RunAsync("up", "--conection", "Host=127.0.0.1;Password='Quo;ted-S3cret';Database=d");
        AssertOneSecretFreeErrorLine(result, "Quo", "ted-S3cret");
    }

    [Fact]
    public async Task A_postgres_uri_password_is_masked()
    {
        var result = await CliRunner.RunAsync("up", $"postgresql://alice:{Secret}@db.example.invalid:5432/prod");
        AssertOneSecretFreeErrorLine(result, Secret);
        Assert.Contains("postgresql://alice:***@db.example.invalid", result.Stderr);
    }

    [Fact]
    public async Task A_one_letter_password_does_not_turn_every_letter_of_an_error_into_stars()
    {
        using var folder = new ScriptFolder().Add("0001_a.sql", "select 1;");
        var result = await CliRunner.RunAsync("status", "-c", "Host=127.0.0.1;Port=1;Username=u;Password=e;Timeout=3", "--migrations", folder.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: cannot reach the server", result.Stderr);
        Assert.DoesNotContain("***", result.Stderr);
    }

    [Fact]
    public async Task Help_with_a_configured_connection_does_not_show_its_password()
    {
        var result = await CliRunner.RunAsync("up", "-c", $"Host=127.0.0.1;Password={Secret}", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--connection", result.Stdout);
        Assert.DoesNotContain(Secret, result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task A_server_error_quoting_a_password_is_masked_on_its_way_out()
    {
        await using var db = await ScratchDatabase.CreateAsync("cli");
        using var folder = new ScriptFolder().Add("0001_leak.sql", $"select 'Password={Secret}'::int;");
        var result = await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("0001_leak.sql:1:8: 22P02", result.Stderr);
        Assert.DoesNotContain(Secret, result.Stdout + result.Stderr);
    }
}
