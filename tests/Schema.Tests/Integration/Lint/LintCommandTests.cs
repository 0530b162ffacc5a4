using System.Text.Json;
using Schema.Tests.Harness;
using Xunit;
using static Schema.Tests.Lint.LintRunFixture;

namespace Schema.Tests.Lint;

/// <summary><c>schema lint</c> as a command: pending scripts only by default, a failing script, formats, usage errors,
/// and the repository's own migrations.</summary>
public sealed class LintCommandTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_failing_script_is_a_finding_the_scripts_after_it_are_not_linted_and_the_database_is_dropped()
    {
        using var folder = LintExamples.Failing();
        var result = await LintAsync(folder, "--all", "--format", "json");
        Assert.Equal(1, result.ExitCode);
        var report = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Contains(("ts-unique-without-time-column", "0002_app_ticks.sql", 3), Findings(report));
        Assert.DoesNotContain(Findings(report), f => f.File == "0003_app_after.sql");
        Assert.False(await Pipeline.PipelineSupport.DatabaseExistsAsync(report.GetProperty("database").GetString()!));
    }

    [Fact]
    public async Task By_default_only_the_targets_pending_scripts_are_linted_at_its_current_version()
    {
        await using var db = await ScratchDatabase.CreateAsync("lint");
        using var folder = LintExamples.Violating();
        Assert.Equal(0, (await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path, "--to", "1")).ExitCode);
        folder.Remove("0003_app_fan_out.sql").Remove("0004_app_live.sql").Remove("0005_app_cagg.sql");

        var result = await CliRunner.RunAsync("lint", "-c", db.ConnectionString, "--migrations", folder.Path, "--format", "json");

        Assert.Equal(1, result.ExitCode);
        var report = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal(["0002_app_lock_rules.sql"], report.GetProperty("scripts").EnumerateArray().Select(s => s.GetString()));
        // app.orders exists at the target's version, so altering it is a finding
        Assert.Contains(("table-rewrite", "0002_app_lock_rules.sql", 3), Findings(report));
        // the target itself is untouched
        Assert.Equal(["0001_app_base.sql"], await db.JournalAsync());
        Assert.False(await db.ScalarAsync<bool>("select exists (select from pg_attribute where attrelid = 'app.orders'::regclass and attname = 'extra')"));
    }

    [Fact]
    public async Task Github_format_writes_one_error_annotation_per_finding_with_file_and_line()
    {
        using var folder = LintExamples.Failing();
        var result = await LintAsync(folder, "--all", "--format", "github");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains(result.Stdout.Split('\n'), l => l.StartsWith("::error file=", StringComparison.Ordinal)
            && l.Contains("0002_app_ticks.sql,line=3,title=ts-unique-without-time-column::", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unknown_format_is_a_usage_error_exit_2()
    {
        var result = await CliRunner.RunAsync("lint", "--format", "xml");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: ", result.Stderr);
        Assert.Single(result.Stderr.Trim().Split('\n'));
    }

    [Fact]
    public async Task Help_describes_the_command()
    {
        var result = await CliRunner.RunAsync("lint", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--all", result.Stdout);
        Assert.Contains("schema:lint-ignore", result.Stdout);
    }

    [Fact]
    public async Task The_repositorys_own_migrations_lint_clean_with_all()
    {
        var result = await CliRunner.RunAsync("lint", "-c", await TestServer.AdminConnectionStringAsync(),
            "--migrations", TestServer.MigrationsDirectory, "--all");
        output.WriteLine(result.Stdout);
        Assert.True(result.ExitCode == 0, result.Stdout + result.Stderr);
        Assert.Contains("lint: clean", result.Stdout);
    }
}
