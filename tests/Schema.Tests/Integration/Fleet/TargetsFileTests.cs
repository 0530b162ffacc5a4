using Schema.Core.Configuration;
using Schema.Core.Fleet;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Fleet;

/// <summary>
/// The targets file is checked whole before any target is touched: every problem as FILE:LINE, exit 2, one line on
/// stderr, no password.
/// </summary>
public sealed class TargetsFileTests
{
    private const string Secret = "s3cret-Pa55word";

    private static readonly Dictionary<string, string> Environment = new()
    {
        ["FLEET_EU"] = "Host=eu.example;Database=trading;Username=deploy;Password=" + Secret,
    };

    [Fact]
    public void A_valid_file_gives_names_connections_and_lines_in_order()
    {
        var targets = TargetsFile.Parse("""
            # fleet
            eu-1   env:FLEET_EU

            us_1.a Host=us.example;Database=trading;Username=deploy
            """, "targets.txt", Environment.GetValueOrDefault);
        Assert.Equal(["eu-1", "us_1.a"], targets.Select(t => t.Name));
        Assert.Equal([2, 4], targets.Select(t => t.Line));
        Assert.Equal(Environment["FLEET_EU"], targets[0].ConnectionString);
        Assert.Equal("Host=us.example;Database=trading;Username=deploy", targets[1].ConnectionString);
    }

    [Fact]
    public void Every_problem_is_reported_with_its_line_and_no_password()
    {
        var error = Assert.Throws<ConfigurationException>(() => TargetsFile.Parse($"""
            ok      Host=a.example;Database=x
            bad/name Host=b.example
            ok      Host=c.example
            lonely
            ghost   env:FLEET_NOT_SET
            broken  Host=d.example;Bogus=1;Password={Secret}
            nohost  Database=x
            """, "targets.txt", Environment.GetValueOrDefault));
        Assert.Contains("targets.txt:2: 'bad/name' is not a target name", error.Message);
        Assert.Contains("targets.txt:3: target 'ok' is already defined on line 1", error.Message);
        Assert.Contains("targets.txt:4: target 'lonely' has no connection", error.Message);
        Assert.Contains("targets.txt:5: environment variable FLEET_NOT_SET (target 'ghost') is not set", error.Message);
        Assert.Contains("targets.txt:6: target 'broken': invalid connection string", error.Message);
        Assert.Contains("targets.txt:7: target 'nohost': the connection string has no Host", error.Message);
        Assert.DoesNotContain(Secret, error.Message);
    }

    [Fact]
    public void A_file_without_targets_is_an_error()
    {
        var error = Assert.Throws<ConfigurationException>(() => TargetsFile.Parse("# nothing yet\n\n", "t.txt", _ => null));
        Assert.Equal("t.txt: no targets", error.Message);
    }

    [Fact]
    public async Task The_cli_exits_2_with_one_line_before_touching_any_target()
    {
        using var scripts = FleetSupport.Scripts();
        var file = scripts.Path + "-bad-targets.txt";
        // The first target is a real database: a run that touched it would journal scripts there.
        await using var db = await ScratchDatabase.CreateAsync("fleet_");
        await File.WriteAllTextAsync(file, $"good {db.ConnectionString}\nbad Host=x;Bogus=1;Password={Secret}\n",
            TestContext.Current.CancellationToken);
        try
        {
            var run = await CliRunner.RunAsync("up", "--targets", file, "--migrations", scripts.Path);
            Assert.Equal(2, run.ExitCode);
            Assert.Equal("", run.Stdout);
            var line = Assert.Single(run.Stderr.TrimEnd('\n').Split('\n'));
            Assert.Matches("^error: .*bad-targets\\.txt:2: target 'bad': invalid connection string", line);
            Assert.DoesNotContain(Secret, run.Stderr);
            Assert.Empty(await db.JournalAsync());

            var missing = await CliRunner.RunAsync("up", "--targets", file + ".missing", "--migrations", scripts.Path);
            Assert.Equal(2, missing.ExitCode);
            Assert.Contains("targets file not found", missing.Stderr);
        }
        finally { File.Delete(file); }
    }

    [Theory]
    [InlineData("--parallel 0 --targets t.txt", "--parallel must be between 1 and 64")]
    [InlineData("--canary 1", "need --targets")]
    [InlineData("--continue-on-error", "need --targets")]
    public async Task Fleet_options_are_checked_as_usage_errors(string options, string message)
    {
        using var scripts = FleetSupport.Scripts();
        var run = await CliRunner.RunAsync(["up", "--migrations", scripts.Path, .. options.Split(' ')]);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Stderr);
    }
}
