using Schema.Core.Execution;
using Schema.Core.Scripts;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Journal;

/// <summary>
/// A versioned script's identity is its version: renamed, it is not run again; versions order as numbers
/// everywhere; input the runner would skip or corrupt stops it with one line instead.
/// </summary>
public sealed class ScriptIdentityTests
{
    [Fact]
    public async Task A_renamed_applied_script_is_not_run_again_and_up_refuses_until_repair_accepts_the_rename()
    {
        await using var db = await ScratchDatabase.CreateAsync("journal");
        using var folder = new ScriptFolder()
            .Add("0001_table.sql", "create table prices (symbol text);")
            .Add("0002_data.sql", "insert into prices values ('ES'), ('NQ');");
        await db.Engine(folder.Path).UpAsync();

        folder.Add("0002_seed_data.sql", "insert into prices values ('ES'), ('NQ');").Remove("0002_data.sql");
        var renamed = (await db.Engine(folder.Path).StatusAsync()).Scripts.Single(s => s.Name == "0002_seed_data.sql");
        Assert.Equal("Renamed", renamed.State.ToString());
        Assert.Equal("0002_data.sql", renamed.Journal!.ScriptName);
        Assert.DoesNotContain((await db.Engine(folder.Path).StatusAsync()).Scripts, s => s.State is ScriptState.Pending or ScriptState.Missing);

        var e = await Assert.ThrowsAsync<DriftException>(() => db.Engine(folder.Path).UpAsync());
        Assert.Contains("0002_data.sql is now 0002_seed_data.sql", e.Message);
        Assert.Contains("schema repair 0002_seed_data.sql", e.Message);
        Assert.Equal(2L, await db.ScalarAsync<long>("select count(*) from prices"));

        Assert.Equal(["0002_seed_data.sql"], await db.Engine(folder.Path).RepairAsync(["0002_seed_data.sql"]));
        Assert.Equal(["0001_table.sql", "0002_seed_data.sql"], await db.JournalAsync());
        Assert.Equal(ScriptChecksum.Compute("insert into prices values ('ES'), ('NQ');"),
            await db.ScalarAsync<string>("select checksum from schemaversions where scriptname = '0002_seed_data.sql'"));
        Assert.Empty((await db.Engine(folder.Path).UpAsync()).Applied);
        Assert.Equal(2L, await db.ScalarAsync<long>("select count(*) from prices"));
    }

    [Fact]
    public async Task The_cli_reports_a_rename_in_status_and_refuses_up_with_exit_1()
    {
        await using var db = await ScratchDatabase.CreateAsync("journal");
        using var folder = new ScriptFolder().Add("0001_table.sql", "create table t (id int);").Add("0002_data.sql", "insert into t values (1);");
        Assert.Equal(0, (await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path)).ExitCode);
        folder.Add("0002_seed_data.sql", "insert into t values (1);").Remove("0002_data.sql");

        var status = await CliRunner.RunAsync("status", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.Equal(1, status.ExitCode);
        Assert.Contains("renamed   0002_seed_data.sql  journaled as 0002_data.sql", status.Stdout);
        var up = await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.Equal(1, up.ExitCode);
        Assert.StartsWith("error: applied script renamed on disk: 0002_data.sql is now 0002_seed_data.sql", up.Stderr);
        Assert.Single(up.Stderr.TrimEnd().Split('\n'));
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from t"));
    }

    [Fact]
    public async Task Versions_order_as_numbers_in_up_to_status_and_down()
    {
        await using var db = await ScratchDatabase.CreateAsync("journal");
        using var folder = new ScriptFolder()
            .Add("1_table.sql", "create table seen (version numeric, at timestamptz default clock_timestamp());")
            .Add("1_table.down.sql", "drop table seen;")
            .Add("2_two.sql", "insert into seen (version) values (2);").Add("2_two.down.sql", "delete from seen where version = 2;")
            .Add("10_ten.sql", "insert into seen (version) values (10);").Add("10_ten.down.sql", "delete from seen where version = 10;")
            .Add("123456789012345678901234567890_long.sql", "insert into seen (version) values (123456789012345678901234567890);")
            .Add("123456789012345678901234567890_long.down.sql", "delete from seen where version = 123456789012345678901234567890;");

        Assert.Equal(["1_table.sql", "2_two.sql"], (await db.Engine(folder.Path).UpAsync("2")).Applied);
        Assert.Equal(["1_table.sql", "2_two.sql", "10_ten.sql", "123456789012345678901234567890_long.sql"],
            (await db.Engine(folder.Path).StatusAsync()).Scripts.Select(s => s.Name));
        Assert.Equal(["10_ten.sql"], (await db.Engine(folder.Path).UpAsync("10")).Applied);
        Assert.Equal(["123456789012345678901234567890_long.sql"], (await db.Engine(folder.Path).UpAsync()).Applied);
        Assert.Equal("2,10,123456789012345678901234567890", await db.ScalarAsync<string>("select string_agg(version::text, ',' order by at) from seen"));

        Assert.Equal(["123456789012345678901234567890_long.sql", "10_ten.sql"], await db.Engine(folder.Path).DownAsync(2, null));
        Assert.Equal(["2_two.sql"], await db.Engine(folder.Path).DownAsync(null, "1"));
        Assert.Equal(["1_table.sql"], await db.JournalAsync());
    }

    [Fact]
    public async Task Down_refuses_when_an_applied_script_changed_on_disk_and_reverts_nothing()
    {
        await using var db = await ScratchDatabase.CreateAsync("journal");
        using var folder = new ScriptFolder()
            .Add("0001_a.sql", "create table a (id int);").Add("0001_a.down.sql", "drop table a;")
            .Add("0002_b.sql", "create table b (id int);").Add("0002_b.down.sql", "drop table b;");
        await db.Engine(folder.Path).UpAsync();
        folder.Add("0002_b.sql", "create table b (id bigint);");

        var e = await Assert.ThrowsAsync<DriftException>(() => db.Engine(folder.Path).DownAsync(null, null));
        Assert.Contains("0002_b.sql", e.Message);
        Assert.NotNull(await db.ScalarAsync<string?>("select to_regclass('public.b')::text"));
        Assert.Equal(["0001_a.sql", "0002_b.sql"], await db.JournalAsync());
    }

    [Fact]
    public async Task An_empty_migrations_folder_is_an_error_and_creates_no_journal()
    {
        await using var db = await ScratchDatabase.CreateAsync("journal");
        using var folder = new ScriptFolder();
        var up = await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.Equal(2, up.ExitCode);
        Assert.Equal($"error: no migration scripts in {folder.Path} (expected NNNN_description.sql files); nothing was done", up.Stderr.TrimEnd());
        Assert.Null(await db.ScalarAsync<string?>("select to_regclass('public.schemaversions')::text"));
    }

    [Fact]
    public async Task A_dangling_symbolic_link_is_a_one_line_error_naming_the_file()
    {
        await using var db = await ScratchDatabase.CreateAsync("journal");
        using var folder = new ScriptFolder().Add("0001_a.sql", "create table a (id int);");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "0002_b.sql"), "/nonexistent/0002_b.sql");
        var up = await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.Equal(2, up.ExitCode);
        Assert.Equal("error: 0002_b.sql: a symbolic link to /nonexistent/0002_b.sql, which does not exist", up.Stderr.TrimEnd());
        Assert.Empty(await db.JournalAsync());
    }

    [Fact]
    public async Task A_script_with_an_upper_case_extension_stops_up_and_other_files_are_warned_about()
    {
        await using var db = await ScratchDatabase.CreateAsync("journal");
        using var folder = new ScriptFolder().Add("0001_a.sql", "create table a (id int);").Add("0002_b.SQL", "create table b (id int);");
        var up = await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.Equal(2, up.ExitCode);
        Assert.Equal("error: 0002_b.SQL: scripts end in lowercase .sql (rename it, or move it out of the migrations folder)", up.Stderr.TrimEnd());
        Assert.Empty(await db.JournalAsync());

        folder.Remove("0002_b.SQL").Add("notes.txt", "to do");
        var log = new CollectingRunLog();
        await db.Engine(folder.Path, log: log).UpAsync();
        Assert.Contains("warning: notes.txt in the migrations folder is not a script (only NNNN_description.sql, .down.sql and repeatable/*.sql are); ignored", log.Lines);
    }

    [Fact]
    public async Task A_latin1_script_is_refused_before_anything_runs()
    {
        await using var db = await ScratchDatabase.CreateAsync("journal");
        using var folder = new ScriptFolder().Add("0001_a.sql", "create table names (name text);");
        File.WriteAllBytes(Path.Combine(folder.Path, "0002_b.sql"), [.. "insert into names values ('Jos"u8, 0xE9, .. "');"u8]);
        var up = await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.Equal(2, up.ExitCode);
        Assert.Equal("error: 0002_b.sql: not valid UTF-8 at byte 30 (line 1, byte 0xE9); save the file as UTF-8", up.Stderr.TrimEnd());
        Assert.Empty(await db.JournalAsync());
    }
}
