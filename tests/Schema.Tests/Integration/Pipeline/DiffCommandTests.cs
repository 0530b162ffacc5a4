using System.Text.Json;
using Schema.Tests.Harness;
using Xunit;
using static Schema.Tests.Pipeline.PipelineSupport;

namespace Schema.Tests.Pipeline;

/// <summary><c>schema diff</c> and <c>up --check-drift</c>: a hand-patched database is found before a deploy.</summary>
public sealed class DiffCommandTests
{
    private static async Task<CliResult> DiffAsync(ScratchDatabase db, ScriptFolder folder, params string[] extra) =>
        await CliRunner.RunAsync(["diff", "-c", db.ConnectionString, "--migrations", folder.Path, "--shadow", await ShadowAsync(), .. extra]);

    [Fact]
    public async Task A_hand_added_index_a_hand_dropped_column_and_a_changed_function_body_are_listed_exit_1()
    {
        await using var db = await ScratchDatabase.CreateAsync("diff");
        using var folder = Scripts();
        Assert.Equal(0, (await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path)).ExitCode);
        await db.ScalarAsync<int>("create index orders_qty_idx on app.orders (qty); select 1");
        await db.ScalarAsync<int>("alter table app.orders drop column note; select 1");
        await db.ScalarAsync<int>("create or replace function app.price(p_qty integer) returns numeric language sql immutable as $$ select p_qty * 3.0 $$; select 1");

        var result = await DiffAsync(db, folder);

        Assert.Equal(1, result.ExitCode);
        var lines = result.Stdout.Split('\n');
        Assert.Contains("+ index app.orders_qty_idx", lines);
        Assert.Contains("- column app.orders.note", lines);
        Assert.Contains("~ function app.price(integer)", lines);
        // nothing else is listed: the untouched index and the table itself are not changes of their own
        var list = lines.SkipWhile(l => !l.StartsWith("shadow database", StringComparison.Ordinal)).Skip(1).TakeWhile(l => l.Length > 0);
        Assert.Equal(["- column app.orders.note", "+ index app.orders_qty_idx", "~ function app.price(integer)"], list);
        // then the unified diff of the sections that differ
        Assert.Contains("--- expected (scripts replayed): == tables", result.Stdout);
        Assert.Contains("+  CREATE INDEX orders_qty_idx ON app.orders USING btree (qty)", lines);
        Assert.Contains("-  column note text", lines);
        Assert.Contains(lines, l => l.StartsWith('-') && l.Contains("p_qty * 2.0"));
        Assert.Contains(lines, l => l.StartsWith('+') && l.Contains("p_qty * 3.0"));
        Assert.False(await DatabaseExistsAsync(ShadowNameIn(result.Stdout)));
    }

    [Fact]
    public async Task An_untouched_database_is_equal_exit_0_and_the_shadow_database_is_dropped()
    {
        await using var db = await ScratchDatabase.CreateAsync("diff");
        using var folder = Scripts();
        Assert.Equal(0, (await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path)).ExitCode);

        var result = await DiffAsync(db, folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("no drift: the target matches its journaled scripts (3 script(s) replayed)", result.Stdout);
        Assert.Equal("", result.Stderr);
        Assert.False(await DatabaseExistsAsync(ShadowNameIn(result.Stdout)));
    }

    [Fact]
    public async Task Only_the_journaled_scripts_are_replayed_so_a_pending_script_is_not_drift()
    {
        await using var db = await ScratchDatabase.CreateAsync("diff");
        using var folder = Scripts();
        Assert.Equal(0, (await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path, "--to", "0002")).ExitCode);

        var result = await DiffAsync(db, folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("(2 script(s) replayed)", result.Stdout);
    }

    [Fact]
    public async Task Scripts_are_replayed_in_journal_order_when_a_lower_number_was_applied_later()
    {
        await using var db = await ScratchDatabase.CreateAsync("diff");
        using var folder = new ScriptFolder().Add("0001_a.sql", "create table a (id int);").Add("0003_t.sql", "create table t (id int);");
        Assert.Equal(0, (await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path)).ExitCode);
        // merged late, numbered lower, and it needs 0003's table: replayed in file-name order it would fail
        folder.Add("0002_t_x.sql", "alter table t add column x int;");
        Assert.Equal(0, (await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path)).ExitCode);
        Assert.Equal(["0001_a.sql", "0003_t.sql", "0002_t_x.sql"], await db.JournalAsync());

        var result = await DiffAsync(db, folder);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("no drift", result.Stdout);
    }

    [Fact]
    public async Task Without_shadow_the_shadow_database_goes_on_the_local_server()
    {
        if (!TestServer.UsesLocalServer) Assert.Skip("the tests run on a configured server, not the zero-config local one");
        await using var db = await ScratchDatabase.CreateAsync("diff");
        using var folder = Scripts();
        Assert.Equal(0, (await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path)).ExitCode);

        var result = await CliRunner.RunAsync("diff", "-c", db.ConnectionString, "--migrations", folder.Path);

        Assert.Equal(0, result.ExitCode);
        var local = await Schema.Core.LocalServer.LocalServer.EnsureAsync();
        Assert.Contains($"shadow database {ShadowNameIn(result.Stdout)} on {local.Username}@{local.Host}:{local.Port}/postgres", result.Stdout);
    }

    [Fact]
    public async Task Json_lists_the_changes_for_a_pipeline()
    {
        await using var db = await ScratchDatabase.CreateAsync("diff");
        using var folder = Scripts();
        Assert.Equal(0, (await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path)).ExitCode);
        await db.ScalarAsync<int>("create table app.by_hand (id int); select 1");

        var result = await DiffAsync(db, folder, "--json");

        Assert.Equal(1, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.False(doc.RootElement.GetProperty("equal").GetBoolean());
        var change = Assert.Single(doc.RootElement.GetProperty("changes").EnumerateArray());
        Assert.Equal("added", change.GetProperty("change").GetString());
        Assert.Equal("table", change.GetProperty("kind").GetString());
        Assert.Equal("app.by_hand", change.GetProperty("name").GetString());
        Assert.Contains("+table app.by_hand", doc.RootElement.GetProperty("diff").GetString());
        Assert.False(await DatabaseExistsAsync(doc.RootElement.GetProperty("shadowDatabase").GetString()!));
    }

    [Fact]
    public async Task A_script_that_fails_on_the_shadow_is_one_line_exit_1_and_the_shadow_database_is_still_dropped()
    {
        await using var db = await ScratchDatabase.CreateAsync("diff");
        // 0002 only worked on the target because someone created its table by hand first
        using var folder = new ScriptFolder().Add("0001_a.sql", "create table a (id int);").Add("0002_b.sql", "alter table by_hand add column x int;");
        await db.ScalarAsync<int>("create table by_hand (id int); select 1");
        Assert.Equal(0, (await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path)).ExitCode);

        var result = await DiffAsync(db, folder);

        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.StartsWith("error: replaying the scripts on the shadow database failed: 0002_b.sql:1:", result.Stderr);
        Assert.DoesNotContain("schema-shadow-", result.Stderr);
        Assert.Contains("42P01", result.Stderr);
        Assert.False(await DatabaseExistsAsync(ShadowNameIn(result.Stdout)));
    }

    [Fact]
    public async Task A_journaled_script_no_longer_on_disk_is_one_line_exit_1()
    {
        await using var db = await ScratchDatabase.CreateAsync("diff");
        using var folder = Scripts();
        Assert.Equal(0, (await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path)).ExitCode);
        folder.Remove("0003_app_orders_symbol_idx.sql");

        var result = await DiffAsync(db, folder);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: cannot rebuild the target's schema: journaled script not on disk: 0003_app_orders_symbol_idx.sql", result.Stderr.Trim());
    }

    [Fact]
    public async Task A_bad_shadow_connection_is_a_usage_error_and_never_shows_its_password()
    {
        await using var db = await ScratchDatabase.CreateAsync("diff");
        using var folder = Scripts();
        var result = await CliRunner.RunAsync("diff", "-c", db.ConnectionString, "--migrations", folder.Path,
            "--shadow", "Host=127.0.0.1;Port=1;Username=u;Password=Sh4dowS3cret;Timeout=3");
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.DoesNotContain("Sh4dowS3cret", result.Stderr + result.Stdout);
    }

    [Fact]
    public async Task Up_check_drift_applies_nothing_to_a_drifted_database_and_deploys_a_clean_one()
    {
        await using var db = await ScratchDatabase.CreateAsync("diff");
        using var folder = Scripts();
        Assert.Equal(0, (await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path, "--to", "0002")).ExitCode);
        await db.ScalarAsync<int>("create index orders_qty_idx on app.orders (qty); select 1");

        var refused = await CliRunner.RunAsync("up", "--check-drift", "--shadow", await ShadowAsync(), "-c", db.ConnectionString, "--migrations", folder.Path);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("+ index app.orders_qty_idx", refused.Stdout.Split('\n'));
        Assert.Equal("error: the target differs from what its journaled scripts build (1 object(s)); nothing was applied", refused.Stderr.Trim());
        Assert.Equal(["0001_app_schema.sql", "0002_app_orders.sql"], await db.JournalAsync());
        Assert.False(await db.ScalarAsync<bool>("select to_regclass('app.orders_symbol_idx') is not null"));

        await db.ScalarAsync<int>("drop index app.orders_qty_idx; select 1");
        var deployed = await CliRunner.RunAsync("up", "--check-drift", "--shadow", await ShadowAsync(), "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.Equal(0, deployed.ExitCode);
        Assert.Contains("no drift", deployed.Stdout);
        Assert.Contains("applied 0003_app_orders_symbol_idx.sql", deployed.Stdout);
    }

    [Fact]
    public async Task Help_describes_diff()
    {
        var result = await CliRunner.RunAsync("diff", "--help");
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("--shadow", result.Stdout);
        Assert.Contains("--json", result.Stdout);
    }
}
