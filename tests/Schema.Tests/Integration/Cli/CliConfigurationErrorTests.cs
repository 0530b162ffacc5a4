using System.Text.RegularExpressions;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Cli;

/// <summary>
/// Every bad setting — command line, environment variable, appsettings.json — is a configuration error: exit 2, one
/// line on stderr in plain words (no .NET type names), no password. Runs the executable as a child process, because
/// environment variables and the working directory are process-wide.
/// </summary>
public sealed partial class CliConfigurationErrorTests
{
    private const string Secret = "Cfg-S3cret-71ab";
    private const string Unreachable = $"Host=127.0.0.1;Port=1;Username=u;Password={Secret};Database=d;Timeout=2";

    private sealed record Case(string[] Args, Dictionary<string, string>? Environment = null, string? AppSettings = null,
        bool DanglingAppSettingsLink = false, string? Expect = null);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["appsettings.json is not JSON"] = new(["status"], AppSettings: "{ \"Schema\": ", Expect: "appsettings.json is not valid JSON"),
        ["appsettings.json is a dangling link"] = new(["status"], DanglingAppSettingsLink: true, Expect: "does not exist"),
        ["appsettings.json number out of range"] = new(["status"], AppSettings: """{ "Schema": { "StatementTimeoutSeconds": 1e308 } }""", Expect: "Schema:StatementTimeoutSeconds"),
        ["appsettings.json text for a number"] = new(["status"], AppSettings: """{ "Schema": { "LockRetries": "many" } }""", Expect: "Schema:LockRetries"),
        ["env lock timeout abc"] = new(["status"], new() { ["Schema__LockTimeoutSeconds"] = "abc" }, Expect: "Schema:LockTimeoutSeconds"),
        ["env lock timeout empty"] = new(["status"], new() { ["Schema__LockTimeoutSeconds"] = " " }, Expect: "Schema:LockTimeoutSeconds"),
        ["env lock retries overflow"] = new(["status"], new() { ["Schema__LockRetries"] = "99999999999" }, Expect: "Schema:LockRetries"),
        ["env runner lock wait NaN"] = new(["status"], new() { ["Schema__RunnerLockWaitSeconds"] = "NaN" }, Expect: "Schema:RunnerLockWaitSeconds"),
        ["env retry backoff negative"] = new(["status"], new() { ["Schema__LockRetryBackoffSeconds"] = "-1" }, Expect: "Schema:LockRetryBackoffSeconds"),
        ["env statement timeout infinity"] = new(["status"], new() { ["Schema__StatementTimeoutSeconds"] = "Infinity" }, Expect: "Schema:StatementTimeoutSeconds"),
        ["env connection string with an unknown key"] = new(["status"], new() { ["ConnectionStrings__Schema"] = $"Host=127.0.0.1;Bogus Key=1;Password={Secret}" }, Expect: "invalid connection string"),
        ["--lock-retries 99999999999"] = new(["status", "--lock-retries", "99999999999"], Expect: "--lock-retries"),
        ["--lock-retries -1"] = new(["status", "--lock-retries", "-1"], Expect: "--lock-retries"),
        ["--lock-retries empty"] = new(["status", "--lock-retries", ""], Expect: "--lock-retries"),
        ["--lock-timeout NaN"] = new(["status", "--lock-timeout", "NaN"], Expect: "--lock-timeout"),
        ["--lock-timeout 1e308"] = new(["status", "--lock-timeout", "1e308"], Expect: "--lock-timeout"),
        ["--lock-timeout -1"] = new(["status", "--lock-timeout", "-1"], Expect: "--lock-timeout"),
        ["--lock-timeout abc"] = new(["status", "--lock-timeout", "abc"], Expect: "--lock-timeout"),
        ["--statement-timeout -Infinity"] = new(["status", "--statement-timeout", "-Infinity"], Expect: "--statement-timeout"),
        ["--statement-timeout 3000000"] = new(["status", "--statement-timeout", "3000000"], Expect: "--statement-timeout"),
        ["--runner-lock-wait 1e308"] = new(["status", "--runner-lock-wait", "1e308"], Expect: "--runner-lock-wait"),
        ["--runner-lock-wait empty"] = new(["status", "--runner-lock-wait", ""], Expect: "--runner-lock-wait"),
        ["down --count x"] = new(["down", "--count", "x"], Expect: "--count"),
        ["--connection empty"] = new(["status", "--connection", ""], Expect: "--connection"),
        ["--migrations empty"] = new(["status", "--migrations", ""], Expect: "--migrations"),
        ["--connection with an unknown key"] = new(["status", "--connection", $"Host=127.0.0.1;Bogus Key=1;Password={Secret}"], Expect: "invalid connection string"),
        ["reset without Database="] = new(["reset", "--force", "--connection", $"Host=127.0.0.1;Port=1;Username=u;Password={Secret}"], Expect: "Database="),
    };

    public static TheoryData<string> Names() => new(Cases.Keys);

    [GeneratedRegex(@"\b(System\.|[A-Z][A-Za-z]*Exception\b|Nullable`)")]
    private static partial Regex DotNetTypeName();

    [Theory]
    [MemberData(nameof(Names))]
    public async Task A_bad_setting_is_exit_2_one_plain_line_without_the_password(string name)
    {
        var c = Cases[name];
        using var folder = new ScriptFolder().Add("0001_a.sql", "select 1;");
        using var workingDirectory = new ScriptFolder();
        if (c.AppSettings is not null) File.WriteAllText(Path.Combine(workingDirectory.Path, "appsettings.json"), c.AppSettings);
        if (c.DanglingAppSettingsLink)
            File.CreateSymbolicLink(Path.Combine(workingDirectory.Path, "appsettings.json"), Path.Combine(workingDirectory.Path, "gone.json"));
        var args = new List<string>(c.Args);
        if (!args.Contains("--migrations")) args.AddRange(["--migrations", folder.Path]);
        if (!args.Contains("--connection") && c.Environment?.ContainsKey("ConnectionStrings__Schema") != true)
            args.AddRange(["--connection", Unreachable]);

        var result = await CliProcess.RunAsync(workingDirectory.Path, c.Environment ?? [], [.. args]);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Stderr}");
        var line = Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.StartsWith("error: ", line);
        Assert.Contains(c.Expect!, line);
        Assert.DoesNotMatch(DotNetTypeName(), line);
        Assert.DoesNotContain(Secret, result.Stdout + result.Stderr);
    }
}
