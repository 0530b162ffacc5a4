using Schema.Core.Scripts;
using Schema.Tests.Harness;
using Xunit;
using static Schema.Tests.Pipeline.PipelineSupport;

namespace Schema.Tests.Pipeline;

/// <summary><c>schema baseline --version V</c>: adopting a database built without the runner.</summary>
public sealed class BaselineCommandTests
{
    private static async Task<CliResult> BaselineAsync(ScratchDatabase db, ScriptFolder folder, string version) =>
        await CliRunner.RunAsync("baseline", "--version", version, "-c", db.ConnectionString, "--migrations", folder.Path, "--shadow", await ShadowAsync());

    [Fact]
    public async Task A_database_built_without_the_runner_is_journaled_up_to_the_version_and_up_then_applies_only_later_scripts()
    {
        await using var db = await ScratchDatabase.CreateAsync("baseline");
        using var folder = Scripts();
        await RunWithoutRunnerAsync(db, folder, "0001_app_schema.sql", "0002_app_orders.sql");

        var result = await BaselineAsync(db, folder, "0002");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("baseline: journaled 2 script(s) up to 0002 without running them", result.Stdout);
        Assert.Equal(["0001_app_schema.sql", "0002_app_orders.sql"], await db.JournalAsync());
        var set = new FileSystemScriptProvider(folder.Path).Load();
        Assert.Equal(set.Versioned[1].Checksum,
            await db.ScalarAsync<string>("select checksum from public.schemaversions where scriptname = '0002_app_orders.sql'"));
        Assert.False(await DatabaseExistsAsync(ShadowNameIn(result.Stdout)));

        var up = await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.Equal(0, up.ExitCode);
        Assert.Contains("applied 1 script(s)", up.Stdout);
        Assert.Contains("applied 0003_app_orders_symbol_idx.sql", up.Stdout);
        Assert.DoesNotContain("applied 0002", up.Stdout);
    }

    [Fact]
    public async Task A_database_with_one_difference_is_refused_and_nothing_is_journaled()
    {
        await using var db = await ScratchDatabase.CreateAsync("baseline");
        using var folder = Scripts();
        await RunWithoutRunnerAsync(db, folder, "0001_app_schema.sql", "0002_app_orders.sql");
        await db.ScalarAsync<int>("alter table app.orders add column by_hand int; select 1");

        var result = await BaselineAsync(db, folder, "0002");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("+ column app.orders.by_hand", result.Stdout.Split('\n'));
        Assert.Equal("error: the target does not match the scripts up to 0002 (1 object(s) differ); nothing was journaled", result.Stderr.Trim());
        Assert.False(await db.ScalarAsync<bool>("select to_regclass('public.schemaversions') is not null"));
        Assert.False(await DatabaseExistsAsync(ShadowNameIn(result.Stdout)));
    }

    [Fact]
    public async Task A_database_that_already_has_journal_rows_is_refused_exit_2()
    {
        await using var db = await ScratchDatabase.CreateAsync("baseline");
        using var folder = Scripts();
        Assert.Equal(0, (await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path, "--to", "0001")).ExitCode);

        var result = await BaselineAsync(db, folder, "0002");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: the target's journal already has 1 row(s): baseline adopts only a database the runner never migrated; nothing was journaled", result.Stderr.Trim());
        Assert.Equal(["0001_app_schema.sql"], await db.JournalAsync());
    }

    [Fact]
    public async Task An_unknown_version_or_a_missing_version_option_is_a_usage_error()
    {
        using var folder = Scripts();
        var unknown = await CliRunner.RunAsync("baseline", "--version", "0042", "-c", "Host=127.0.0.1;Port=1;Username=u;Password=x", "--migrations", folder.Path);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal($"error: no script with version 0042 in {folder.Path}", unknown.Stderr.Trim());
        var missing = await CliRunner.RunAsync("baseline", "--migrations", folder.Path);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--version", missing.Stderr);
    }
}
