using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Runner;

/// <summary>
/// Issue #6 on the real server: a script with transaction control, a psql meta-command or an unterminated token is
/// rejected by every command before anything runs, naming file:line; text after a lone CR or a nested comment is
/// run, not dropped; error columns count characters outside the BMP as one.
/// </summary>
public sealed class ScriptRejectionTests
{
    [Theory]
    [InlineData("rollback;")]
    [InlineData("commit;")]
    [InlineData("commit;\nselect 1/0;")]
    [InlineData("begin;")]
    [InlineData("end;")]
    [InlineData("abort;")]
    [InlineData("start transaction;")]
    public async Task Transaction_control_is_rejected_by_up_and_script_before_anything_runs(string command)
    {
        await using var db = await ScratchDatabase.CreateAsync("txctl");
        using var folder = new ScriptFolder()
            .Add("0001_first.sql", "create table first_table (id int);")
            .Add("0002_tx.sql", "-- why\ncreate table tx_table (id int);\n" + command + "\n");

        foreach (var cli in new[] { "up", "script" })
        {
            var run = await CliRunner.RunAsync(cli, "-c", db.ConnectionString, "--migrations", folder.Path);
            Assert.Equal(2, run.ExitCode);
            Assert.Matches(@"^error: \S*0002_tx\.sql:3: '[a-z ]+' controls the transaction", run.Stderr);
            Assert.DoesNotContain("Exception", run.Stderr);
            Assert.DoesNotContain("create table", run.Stdout); // `script` printed nothing to run
        }
        Assert.Empty(await db.JournalAsync());
        Assert.False(await db.ScalarAsync<bool>("select to_regclass('first_table') is not null"));
    }

    [Fact]
    public async Task Transaction_control_in_a_down_script_is_rejected_before_anything_is_reverted()
    {
        await using var db = await ScratchDatabase.CreateAsync("txdown");
        using var folder = new ScriptFolder()
            .Add("0001_a.sql", "create table a (id int);").Add("0001_a.down.sql", "drop table a;")
            .Add("0002_b.sql", "create table b (id int);").Add("0002_b.down.sql", "drop table b;\ncommit;");
        Assert.Equal(0, (await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path)).ExitCode);
        var down = await CliRunner.RunAsync("down", "-n", "2", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.Equal(2, down.ExitCode);
        Assert.Matches(@"0002_b\.down\.sql:2: 'commit' controls the transaction", down.Stderr);
        Assert.Equal(["0001_a.sql", "0002_b.sql"], await db.JournalAsync());
        Assert.True(await db.ScalarAsync<bool>("select to_regclass('b') is not null"));
    }

    [Fact]
    public async Task Function_bodies_savepoints_and_procedures_that_commit_inside_dollar_quotes_run()
    {
        await using var db = await ScratchDatabase.CreateAsync("txok");
        using var folder = new ScriptFolder().Add("0001_ok.sql", """
            create table t (id int);
            do $$ begin insert into t values (1); end $$;
            create function f() returns int language sql
            begin atomic
              select case when true then 2 else 0 end;
            end;
            savepoint before_three;
            insert into t values (3);
            rollback to savepoint before_three;
            release savepoint before_three;
            create procedure p() language plpgsql as $$ begin commit; end $$;
            insert into t select f();
            """);
        var up = await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.True(up.ExitCode == 0, up.Stderr);
        Assert.Equal(["0001_ok.sql"], await db.JournalAsync());
        Assert.Equal("1,2", await db.ScalarAsync<string>("select string_agg(id::text, ',' order by id) from t"));
    }

    [Theory]
    [InlineData("\\! touch {0}", "\\!")]
    [InlineData("select 1 \\g {0}", "\\g")]
    [InlineData("\\o {0}", "\\o")]
    public async Task Script_rejects_psql_meta_commands_so_its_output_never_runs_one(string line, string command)
    {
        await using var db = await ScratchDatabase.CreateAsync("meta");
        var marker = Path.Combine(Path.GetTempPath(), "schema-meta-" + Guid.NewGuid().ToString("N"));
        using var folder = new ScriptFolder()
            .Add("0001_a.sql", "create table a (id int);")
            .Add("0002_meta.sql", "select 1;\n" + string.Format(line, marker) + "\nselect 2;\n");
        var output = Path.Combine(folder.Path, "out.sql");
        foreach (var args in new[] { new[] { "script", "-o", output }, ["up"] })
        {
            var run = await CliRunner.RunAsync([.. args, "-c", db.ConnectionString, "--migrations", folder.Path]);
            Assert.Equal(2, run.ExitCode);
            Assert.Matches(@"0002_meta\.sql:2: '" + System.Text.RegularExpressions.Regex.Escape(command) + "' is a psql meta-command", run.Stderr);
        }
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(marker));
        Assert.Empty(await db.JournalAsync());
    }

    [Theory]
    [InlineData("create table a (id int);\n/* why /* nested */\ncreate table b (id int);\n", 2, "unterminated /* comment")]
    [InlineData("create table a (id int);\ncomment on table a is 'open;\ncreate table b (id int);\n", 2, "unterminated quoted string")]
    [InlineData("create table a (id int);\r\n\r\ndo $x$ begin perform 1; end $y$;\r\n", 3, "unterminated dollar-quoted")]
    public async Task An_unterminated_token_fails_the_run_instead_of_dropping_the_rest(string script, int line, string what)
    {
        await using var db = await ScratchDatabase.CreateAsync("unterm");
        using var folder = new ScriptFolder().Add("0001_open.sql", script);
        var up = await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.NotEqual(0, up.ExitCode);
        if (!what.Contains("dollar")) Assert.Contains($"0001_open.sql:{line}: {what}", up.Stderr);
        else Assert.Contains("0001_open.sql", up.Stderr);
        Assert.Empty(await db.JournalAsync());
        Assert.False(await db.ScalarAsync<bool>("select to_regclass('a') is not null"));
    }

    [Fact]
    public async Task Statements_after_a_comment_ended_by_a_lone_CR_run()
    {
        await using var db = await ScratchDatabase.CreateAsync("cr");
        using var folder = new ScriptFolder().Add("0001_cr.sql", "-- old Mac line ends\rcreate table a (id int); -- a\rcreate table b (id int);\r");
        var up = await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.True(up.ExitCode == 0, up.Stderr);
        Assert.True(await db.ScalarAsync<bool>("select to_regclass('a') is not null and to_regclass('b') is not null"));
    }

    [Fact]
    public async Task A_no_transaction_directive_after_a_block_comment_header_is_honoured()
    {
        await using var db = await ScratchDatabase.CreateAsync("hdr");
        using var folder = new ScriptFolder()
            .Add("0001_t.sql", "create table t (id int);")
            .Add("0002_idx.sql", "/* Why: build without blocking writes. */\n-- schema:no-transaction\ncreate index concurrently t_id on t (id);\n");
        var up = await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.True(up.ExitCode == 0, up.Stderr);
        Assert.True(await db.ScalarAsync<bool>("select to_regclass('t_id') is not null"));
    }

    [Theory]
    [InlineData("select 1;\nselect '𝔸😀', nosuch_column;\n", "2:14")] // "select '" + 2 characters + "', " before it
    [InlineData("select 1;\nselect '𝔸😀',\n  nosuch_column;\n", "3:3")] // the server counted 𝔸😀 as 2, not 4
    public async Task The_error_position_counts_characters_outside_the_BMP_as_one(string script, string position)
    {
        await using var db = await ScratchDatabase.CreateAsync("utf");
        using var folder = new ScriptFolder().Add("0001_utf.sql", script);
        var up = await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.Equal(1, up.ExitCode);
        Assert.Contains($"0001_utf.sql:{position}: 42703", up.Stderr);
    }
}
