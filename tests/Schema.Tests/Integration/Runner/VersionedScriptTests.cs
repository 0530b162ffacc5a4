using Schema.Core.Execution;
using Schema.Core.Scripts;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Runner;

/// <summary>a. versioned scripts; b. transactions; j. down scripts.</summary>
public sealed class VersionedScriptTests
{
    [Fact]
    public async Task Scripts_apply_once_in_file_name_order_and_are_journaled_with_checksum_duration_and_user()
    {
        await using var db = await ScratchDatabase.CreateAsync("run");
        using var folder = new ScriptFolder()
            .Add("0002_second.sql", "insert into seen values ('second');")
            .Add("0001_first.sql", "create table seen (what text, at timestamptz default clock_timestamp());\r\ninsert into seen values ('first');\r\n");
        var first = await db.Engine(folder.Path).UpAsync();
        Assert.Equal(["0001_first.sql", "0002_second.sql"], first.Applied);
        var again = await db.Engine(folder.Path).UpAsync();
        Assert.Empty(again.Applied);
        Assert.Equal("first,second", await db.ScalarAsync<string>("select string_agg(what, ',' order by at) from seen"));
        Assert.Equal(["0001_first.sql", "0002_second.sql"], await db.JournalAsync());
        var expected = ScriptChecksum.Compute(File.ReadAllText(Path.Combine(folder.Path, "0001_first.sql")).Replace("\r\n", "\n"));
        Assert.Equal(expected, await db.ScalarAsync<string>("select checksum from schemaversions where scriptname = '0001_first.sql'"));
        Assert.True(await db.ScalarAsync<bool>("select bool_and(duration_ms >= 0 and applied_by = current_user and kind = 'versioned' and applied is not null) from schemaversions"));
    }

    [Fact]
    public async Task Duplicate_versions_stop_the_run_before_anything_is_applied()
    {
        await using var db = await ScratchDatabase.CreateAsync("run");
        using var folder = new ScriptFolder().Add("0001_a.sql", "create table a (id int);").Add("0002_b.sql", "select 1;").Add("02_c.sql", "select 2;");
        await Assert.ThrowsAsync<ScriptDefinitionException>(() => db.Engine(folder.Path).UpAsync());
        Assert.Null(await db.ScalarAsync<string?>("select to_regclass('public.a')::text"));
        Assert.Empty(await db.JournalAsync());
    }

    [Fact]
    public async Task A_failing_script_rolls_back_journals_nothing_and_names_file_line_column_sqlstate()
    {
        await using var db = await ScratchDatabase.CreateAsync("run");
        using var folder = new ScriptFolder()
            .Add("0001_ok.sql", "create table ok (id int primary key);")
            .Add("0002_bad.sql", "-- header\ncreate table half (id int);\ninsert into ok values (1);\n\nselect id,\n       no_such_column from ok;\n")
            .Add("0003_never.sql", "create table never (id int);");
        var e = await Assert.ThrowsAsync<ScriptFailedException>(() => db.Engine(folder.Path).UpAsync());
        Assert.EndsWith("0002_bad.sql:6:8: 42703: column \"no_such_column\" does not exist", e.Message);
        Assert.Equal(["0001_ok.sql"], await db.JournalAsync());
        Assert.Null(await db.ScalarAsync<string?>("select to_regclass('public.half')::text"));   // rolled back
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from ok"));
        Assert.Null(await db.ScalarAsync<string?>("select to_regclass('public.never')::text")); // stopped there
    }

    [Fact]
    public async Task The_error_carries_detail_and_hint()
    {
        await using var db = await ScratchDatabase.CreateAsync("run");
        using var folder = new ScriptFolder()
            .Add("0001_raise.sql", "do $$ begin raise exception 'price feed % missing', 'ES' using detail = 'no rows for 2024-03', hint = 'load the feed first', errcode = 'P0001'; end $$;");
        var e = await Assert.ThrowsAsync<ScriptFailedException>(() => db.Engine(folder.Path).UpAsync());
        Assert.Contains("0001_raise.sql:1:1: P0001: price feed ES missing (detail: no rows for 2024-03) (hint: load the feed first)", e.Message);
    }

    [Fact]
    public async Task A_no_transaction_script_can_create_an_index_concurrently()
    {
        await using var db = await ScratchDatabase.CreateAsync("run");
        using var folder = new ScriptFolder()
            .Add("0001_t.sql", "create table t (id int, v int);")
            .Add("0002_idx.sql", "-- Builds without blocking writes.\n-- schema:no-transaction\ncreate index concurrently t_v_idx on t (v);\ncreate index concurrently t_id_idx on t (id);\n");
        await db.Engine(folder.Path).UpAsync();
        Assert.Equal(2L, await db.ScalarAsync<long>("select count(*) from pg_indexes where tablename = 't'"));
        Assert.Equal(["0001_t.sql", "0002_idx.sql"], await db.JournalAsync());

        // Inside a transaction the same statement fails: the directive is what makes it work.
        using var without = new ScriptFolder().Add("0001_t.sql", "create table t (id int, v int);").Add("0002_idx.sql", "create index concurrently t_v_idx on t (v);");
        await using var other = await ScratchDatabase.CreateAsync("run");
        var e = await Assert.ThrowsAsync<ScriptFailedException>(() => other.Engine(without.Path).UpAsync());
        Assert.Equal("25001", e.SqlState);
    }

    [Fact]
    public async Task Down_reverts_newest_first_deletes_journal_rows_and_supports_a_target_version()
    {
        await using var db = await ScratchDatabase.CreateAsync("run");
        using var folder = new ScriptFolder()
            .Add("0001_a.sql", "create table a (id int);").Add("0001_a.down.sql", "drop table a;")
            .Add("0002_b.sql", "create table b (id int);").Add("0002_b.down.sql", "drop table b;")
            .Add("0003_c.sql", "create table c (id int);").Add("0003_c.down.sql", "drop table c;")
            .Add("0004_d.sql", "create table d (id int);").Add("0004_d.down.sql", "drop table d;");
        await db.Engine(folder.Path).UpAsync();
        Assert.Equal(["0004_d.sql"], await db.Engine(folder.Path).DownAsync(null, null));
        Assert.Equal(["0003_c.sql", "0002_b.sql"], await db.Engine(folder.Path).DownAsync(2, null));
        Assert.Equal(["0001_a.sql"], await db.JournalAsync());
        Assert.Equal("a", await db.ScalarAsync<string>("select string_agg(tablename, ',') from pg_tables where schemaname = 'public' and tablename <> 'schemaversions'"));
        await db.Engine(folder.Path).UpAsync();
        Assert.Equal(["0004_d.sql", "0003_c.sql"], await db.Engine(folder.Path).DownAsync(null, "0002"));
        Assert.Equal(["0001_a.sql", "0002_b.sql"], (await db.JournalAsync()).Order());
    }

    [Fact]
    public async Task Down_without_a_down_script_stops_before_reverting_anything()
    {
        await using var db = await ScratchDatabase.CreateAsync("run");
        using var folder = new ScriptFolder()
            .Add("0001_a.sql", "create table a (id int);").Add("0001_a.down.sql", "drop table a;")
            .Add("0002_b.sql", "create table b (id int);")
            .Add("0003_c.sql", "create table c (id int);").Add("0003_c.down.sql", "drop table c;");
        await db.Engine(folder.Path).UpAsync();
        var e = await Assert.ThrowsAsync<ScriptDefinitionException>(() => db.Engine(folder.Path).DownAsync(2, null));
        Assert.Contains("no down script for 0002_b.sql", e.Message);
        Assert.Equal(3, (await db.JournalAsync()).Count);
        Assert.NotNull(await db.ScalarAsync<string?>("select to_regclass('public.c')::text"));
    }

    [Fact]
    public async Task A_failing_down_script_rolls_back_and_keeps_the_journal_row()
    {
        await using var db = await ScratchDatabase.CreateAsync("run");
        using var folder = new ScriptFolder()
            .Add("0001_a.sql", "create table a (id int);").Add("0001_a.down.sql", "drop table a;\ndrop table not_there;");
        await db.Engine(folder.Path).UpAsync();
        var e = await Assert.ThrowsAsync<ScriptFailedException>(() => db.Engine(folder.Path).DownAsync(null, null));
        Assert.Contains("0001_a.down.sql:2:", e.Message);
        Assert.Equal(["0001_a.sql"], await db.JournalAsync());
        Assert.NotNull(await db.ScalarAsync<string?>("select to_regclass('public.a')::text"));
    }

    [Fact]
    public async Task A_database_upgraded_by_DbUp_is_adopted_without_rerunning_anything()
    {
        await using var db = await ScratchDatabase.CreateAsync("dbup");
        // What DbUp's PostgreSQL journal leaves behind: its three columns, its rows, and the objects its scripts made.
        await using (var cmd = db.DataSource.CreateCommand("""
            create table public.schemaversions (schemaversionsid serial primary key, scriptname varchar(255) not null, applied timestamp not null);
            insert into public.schemaversions (scriptname, applied) values ('0001_a.sql', '2024-01-02 03:04:05'), ('0002_b.sql', '2024-01-02 03:04:06');
            create table a (id int); create table b (id int);
            """)) await cmd.ExecuteNonQueryAsync();
        using var folder = new ScriptFolder()
            .Add("0001_a.sql", "create table a (id int);")
            .Add("0002_b.sql", "create table b (id int);")
            .Add("0003_c.sql", "create table c (id int);");

        var plan = await db.Engine(folder.Path).StatusAsync();
        Assert.Equal([ScriptState.Applied, ScriptState.Applied, ScriptState.Pending], plan.Scripts.Select(s => s.State));
        Assert.Equal(["0003_c.sql"], (await db.Engine(folder.Path).UpAsync()).Applied);
        Assert.Equal(["0001_a.sql", "0002_b.sql", "0003_c.sql"], await db.JournalAsync());
        Assert.Equal(2L, await db.ScalarAsync<long>("select count(*) from schemaversions where checksum is null"));
        Assert.NotNull(await db.ScalarAsync<string?>("select checksum from schemaversions where scriptname = '0003_c.sql'"));
    }
}
