using Schema.Core.Execution;
using Schema.Core.Scripts;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Unit;

public sealed class ScriptOrderingTests
{
    [Fact]
    public void Versioned_scripts_are_ordered_by_file_name_across_folders_and_downs_are_paired()
    {
        using var folder = new ScriptFolder()
            .Add("0100_market/0101_b.sql", "select 1;")
            .Add("0002_a.sql", "select 1;")
            .Add("0100_market/0010_c.sql", "select 1;")
            .Add("0002_a.down.sql", "select 1;")
            .Add("repeatable/v_views.sql", "select 1;");
        var set = new FileSystemScriptProvider(folder.Path).Load();
        Assert.Equal(["0002_a.sql", "0010_c.sql", "0101_b.sql"], set.Versioned.Select(s => s.Name));
        Assert.True(set.Versioned[0].HasDown);
        Assert.False(set.Versioned[1].HasDown);
        Assert.Equal(["repeatable/v_views.sql"], set.Repeatable.Select(s => s.Name));
    }

    [Fact]
    public void Two_scripts_with_the_same_version_are_an_error_naming_both()
    {
        using var folder = new ScriptFolder().Add("0007_one.sql", "select 1;").Add("007_two.sql", "select 2;");
        var e = Assert.Throws<ScriptDefinitionException>(() => new FileSystemScriptProvider(folder.Path).Load());
        Assert.Contains("0007_one.sql", e.Message);
        Assert.Contains("007_two.sql", e.Message);
    }

    [Fact]
    public void A_down_script_without_its_up_script_and_a_badly_named_script_are_errors()
    {
        using var orphan = new ScriptFolder().Add("0001_a.sql", "select 1;").Add("0002_b.down.sql", "select 1;");
        Assert.Contains("0002_b.down.sql", Assert.Throws<ScriptDefinitionException>(() => new FileSystemScriptProvider(orphan.Path).Load()).Message);
        using var badName = new ScriptFolder().Add("create_tables.sql", "select 1;");
        Assert.Contains("NNNN_description.sql", Assert.Throws<ScriptDefinitionException>(() => new FileSystemScriptProvider(badName.Path).Load()).Message);
    }

    [Fact]
    public void A_missing_folder_is_an_error_naming_it()
    {
        var e = Assert.Throws<ScriptDefinitionException>(() => new FileSystemScriptProvider("/nonexistent/migrations").Load());
        Assert.Contains("/nonexistent/migrations", e.Message);
    }
}

public sealed class DirectiveTests
{
    [Fact]
    public void Header_directives_are_read_from_the_leading_comments()
    {
        var d = ScriptDirectives.Parse("""
            -- Why: compression needs Community.
            -- schema:no-transaction
            -- schema:requires timescaledb-license=timescale
            -- schema:requires extension=vector

            create table x (id int);
            select '-- schema:requires extension=in_a_string'; /* -- schema:requires extension=in_a_block */
            """, "x.sql");
        Assert.True(d.NoTransaction);
        Assert.Equal([new Capability("timescaledb-license", "timescale"), new Capability("extension", "vector")], d.Requires);
    }

    [Fact]
    public void No_header_means_a_transaction_and_no_requirements()
    {
        var d = ScriptDirectives.Parse("create table x (id int);\n-- about schema:no-transaction\n", "x.sql");
        Assert.False(d.NoTransaction);
        Assert.Empty(d.Requires);
    }

    [Theory]
    [InlineData("/* why */\n-- schema:no-transaction\nselect 1;")]
    [InlineData("/* why,\n   on two lines */ -- schema:no-transaction\nselect 1;")]
    [InlineData("\uFEFF-- why\r-- schema:no-transaction\rselect 1;")]
    public void A_directive_after_a_block_comment_or_a_lone_CR_is_still_in_the_header(string script)
    {
        Assert.True(ScriptDirectives.Parse(script, "x.sql").NoTransaction);
    }

    [Theory]
    [InlineData("-- why\nselect 1;\n-- schema:no-transaction\n", "x.sql:3")]
    [InlineData("select 1; -- schema:requires extension=vector\n", "x.sql:1")]
    [InlineData("-- why\rset search_path = x;\r-- schema:no-transaction\r", "x.sql:3")]
    public void A_directive_after_the_first_statement_is_an_error_naming_file_and_line(string script, string where)
    {
        var e = Assert.Throws<ScriptDefinitionException>(() => ScriptDirectives.Parse(script, "x.sql"));
        Assert.StartsWith(where + ":", e.Message);
        Assert.Contains("ignored", e.Message);
    }

    [Theory]
    [InlineData("-- schema:requires vector", "key=value")]
    [InlineData("-- schema:requires os=linux", "unknown capability 'os'")]
    [InlineData("-- schema:no-transactions", "unknown directive")]
    [InlineData("-- schema:requires timescaledb-license=community", "unknown timescaledb-license 'community'")]
    public void Malformed_directives_are_errors_with_file_and_line(string header, string expected)
    {
        var e = Assert.Throws<ScriptDefinitionException>(() => ScriptDirectives.Parse("-- about\n" + header + "\nselect 1;", "0001_x.sql"));
        Assert.Contains("0001_x.sql:2", e.Message);
        Assert.Contains(expected, e.Message);
    }
}

public sealed class ChecksumTests
{
    [Fact]
    public void Line_endings_and_a_byte_order_mark_do_not_change_the_checksum()
    {
        var lf = ScriptChecksum.Compute("create table a (id int);\nselect 1;\n");
        Assert.Equal(lf, ScriptChecksum.Compute("create table a (id int);\r\nselect 1;\r\n"));
        Assert.Equal(lf, ScriptChecksum.Compute("\uFEFFcreate table a (id int);\rselect 1;\r"));
        Assert.NotEqual(lf, ScriptChecksum.Compute("create table a (id bigint);\nselect 1;\n"));
        Assert.Equal(64, lf.Length);
    }
}

public sealed class VariableSubstitutionTests
{
    private static readonly Dictionary<string, string> Vars = new() { ["app_role"] = "platform_app", ["days"] = "30" };

    [Fact]
    public void Defined_variables_are_replaced_everywhere_but_comments()
    {
        var r = VariableSubstitution.Apply("grant select on t to $app_role$; -- $app_role$ stays\nselect '$days$ days';", Vars, "x.sql");
        Assert.Equal("grant select on t to platform_app; -- $app_role$ stays\nselect '30 days';", r.Text);
    }

    [Fact]
    public void Dollar_quotes_in_pairs_are_left_alone_and_variables_inside_them_are_replaced()
    {
        var sql = "create function f() returns text language plpgsql as $body$ begin return '$app_role$'; end $body$; select $$x$$, $1;";
        var r = VariableSubstitution.Apply(sql, Vars, "x.sql");
        Assert.Equal("create function f() returns text language plpgsql as $body$ begin return 'platform_app'; end $body$; select $$x$$, $1;", r.Text);
    }

    [Fact]
    public void An_undefined_variable_is_an_error_naming_script_and_variable()
    {
        var e = Assert.Throws<ScriptDefinitionException>(() => VariableSubstitution.Apply("grant select on t to $reader_role$;", Vars, "0042_grants.sql"));
        Assert.Contains("0042_grants.sql", e.Message);
        Assert.Contains("$reader_role$", e.Message);
    }

    [Fact]
    public void Offsets_after_a_substitution_map_back_to_the_original_text()
    {
        const string sql = "select '$days$' as d,\n  nosuch";
        var r = VariableSubstitution.Apply(sql, Vars, "x.sql");
        var inOutput = r.Text.IndexOf("nosuch", StringComparison.Ordinal);
        Assert.Equal(sql.IndexOf("nosuch", StringComparison.Ordinal), r.ToSourceOffset(inOutput));
        Assert.Equal(new TextPosition(2, 3), TextPosition.Of(sql, r.ToSourceOffset(inOutput)));
        // An offset inside the substituted value points at the variable.
        Assert.Equal(sql.IndexOf("$days$", StringComparison.Ordinal), r.ToSourceOffset(r.Text.IndexOf("30", StringComparison.Ordinal) + 1));
    }
}

public sealed class StatementSplitterTests
{
    [Fact]
    public void Splits_at_top_level_semicolons_only()
    {
        var sql = """
            -- header; with a semicolon
            create table a (v text default 'x;y');
            /* block; /* nested; */ still comment; */
            create function f() returns int language sql as $fn$ select 1; $fn$;
            select "odd;name" from a; select E'it\'s; fine';

            """;
        var statements = SqlStatementSplitter.Split(sql);
        Assert.Equal(4, statements.Count);
        Assert.StartsWith("create table a", statements[0].Text);
        Assert.StartsWith("create function f()", statements[1].Text);
        Assert.EndsWith("$fn$", statements[1].Text);
        Assert.Equal("select \"odd;name\" from a", statements[2].Text);
        Assert.Equal("select E'it\\'s; fine'", statements[3].Text);
        Assert.Equal(sql.IndexOf("select \"odd", StringComparison.Ordinal), statements[2].Offset);
    }

    [Fact]
    public void Comment_only_tails_produce_no_statement()
    {
        Assert.Single(SqlStatementSplitter.Split("select 1;\n-- trailing comment\n"));
        Assert.Empty(SqlStatementSplitter.Split("-- nothing\n/* at all */\n"));
    }
}

public sealed class PreflightTests
{
    private static ServerFacts Server(int version, params string[] extensions) =>
        new(version, version.ToString(), extensions.ToHashSet(), new HashSet<string> { "timescaledb" }, "apache", "2.19.3");

    private static MigrationScript Script(string sql) =>
        new("0001_x.sql", "/x/0001_x.sql", ScriptKind.Versioned, "0001", sql, ScriptDirectives.None, null);

    [Fact]
    public void Too_old_a_server_and_a_missing_extension_are_named()
    {
        var problems = Preflight.Check(Server(140010, "timescaledb"), [Script("create extension if not exists vector;\ncreate extension timescaledb;")]);
        Assert.Equal(2, problems.Count);
        Assert.Contains("PostgreSQL 15 or newer", problems[0]);
        Assert.Contains("\"vector\" is not available", problems[1]);
        Assert.Contains("postgresql-17-pgvector", problems[1]);
    }

    [Fact]
    public void A_fit_server_has_no_problems_and_extension_names_in_strings_do_not_count()
    {
        Assert.Empty(Preflight.Check(Server(170011, "timescaledb", "vector"),
            [Script("create extension if not exists \"vector\";\nselect 'create extension nonexistent';")]));
    }

    [Fact]
    public void Timescaledb_must_be_preloaded()
    {
        var server = Server(170011, "timescaledb") with { PreloadedLibraries = new HashSet<string>() };
        Assert.Contains("shared_preload_libraries", Assert.Single(Preflight.Check(server, [Script("create extension timescaledb;")])));
    }
}

public sealed class DollarQuoteClosingTests
{
    [Fact]
    public void A_closing_tag_right_after_a_digit_or_letter_still_closes_the_quote()
    {
        // PostgreSQL closes $q$ … on "2$q$" as well; the runner must agree (no phantom undefined variable).
        const string sql = "do $body$ begin execute format($q$select 2$q$); end $body$;\nselect 1;";
        Assert.Equal(sql, VariableSubstitution.Apply(sql, new Dictionary<string, string>(), "x.sql").Text);
        Assert.Equal(2, SqlStatementSplitter.Split(sql).Count);
    }
}

/// <summary>Issue #6: every byte of a script reaches the server or the run fails; PostgreSQL's lexer is the reference.</summary>
public sealed class StatementSplitterLexingTests
{
    [Theory]
    [InlineData("select 1; -- a comment\rselect 2;", 2)]          // a -- comment ends at a lone CR too
    [InlineData("select 1; -- a comment\r\nselect 2;", 2)]
    [InlineData("select U&'d\\0061t;' uescape '\\'; select 2;", 2)]
    [InlineData("select B'101', X'1F', N'n;'; select 2;", 2)]
    [InlineData("select E'\\\\'; select 2;", 2)]                  // E'\\' is one backslash: the quote closes
    [InlineData("select '\\'; select 2;", 2)]                     // no backslash escapes in '…'
    [InlineData("select a$b$c; select 2;", 2)]                    // identifiers may contain $: no dollar quote
    [InlineData("select 1 /* a /* b */ ; */; select 2;", 2)]      // block comments nest
    [InlineData("select (1; 2); select 3;", 2)]                   // psql does not split inside parentheses
    public void Splits_like_PostgreSQL(string sql, int count)
    {
        Assert.Equal(count, SqlStatementSplitter.Split(sql).Count);
    }

    [Fact]
    public void Begin_atomic_bodies_are_one_statement()
    {
        const string sql = """
            create or replace function f() returns int language sql
            begin atomic
              select case when true then 1 else 2 end;
              select 2;
            end;
            create procedure p() begin atomic select 1; end;
            select 3;
            """;
        var statements = SqlStatementSplitter.Split(sql);
        Assert.Equal(3, statements.Count);
        Assert.EndsWith("end", statements[0].Text);
        Assert.Equal("create procedure p() begin atomic select 1; end", statements[1].Text);
        Assert.Equal([true, true, false], statements.Select(st => st.HasInnerSemicolon));
    }

    [Theory]
    [InlineData("select 1;\n/* never closed; select 2;", "/* never closed; select 2;")]
    [InlineData("select 1;\n/* a /* nested */ select 2;", "/* a /* nested */ select 2;")]
    [InlineData("select 1; select 'open; select 2;", "select 'open; select 2;")]
    [InlineData("select 1; select $q$ open; select 2;", "select $q$ open; select 2;")]
    [InlineData("select 1; select E'\\'; select 2;", "select E'\\'; select 2;")]
    public void Unterminated_text_at_the_end_is_kept_as_a_statement_not_dropped(string sql, string tail)
    {
        var statements = SqlStatementSplitter.Split(sql);
        Assert.Equal(2, statements.Count);
        Assert.Equal(tail, statements[1].Text);
    }

    [Fact]
    public void The_journal_ddl_and_create_extension_statements_split_as_before()
    {
        var journal = new Schema.Core.Journal.JournalTable().CreateSql;
        var statements = SqlStatementSplitter.Split(journal);
        Assert.Equal(6, statements.Count); // create table, 4 × alter table, comment (whose string holds a ';')
        Assert.StartsWith("comment on table", statements[^1].Text);
        Assert.EndsWith("runner'", statements[^1].Text);
        Assert.Equal(["timescaledb", "vector"], Preflight.ExtensionsCreatedBy([new MigrationScript("0001_x.sql", "/x", ScriptKind.Versioned,
            "0001", "/* why */ create extension if not exists vector;\r-- next\rcreate extension timescaledb;", ScriptDirectives.None, null)]));
    }

    [Fact]
    public void The_server_position_counts_code_points()
    {
        var statement = new SqlStatement(0, "select '𝔸😀', nosuch");
        Assert.Equal(statement.Text.IndexOf("nosuch", StringComparison.Ordinal), statement.OffsetOfServerPosition(14));
        Assert.Equal(0, statement.OffsetOfServerPosition(0));
    }

    [Fact]
    public void Columns_count_code_points_and_a_lone_CR_ends_a_line()
    {
        const string text = "-- 𝔸\rselect '😀', nosuch";
        Assert.Equal(new TextPosition(2, 13), TextPosition.Of(text, text.IndexOf("nosuch", StringComparison.Ordinal)));
        Assert.Equal(new TextPosition(3, 1), TextPosition.Of("a\r\nb\rc", 5));
    }
}

public sealed class ScriptValidationTests
{
    private static string? Problem(string sql) => ScriptValidation.FindProblem(sql)?.Message;

    private static string Rejected(string sql)
    {
        var e = Assert.Throws<ScriptDefinitionException>(() =>
            ScriptValidation.Check(sql, VariableSubstitution.Apply(sql, new Dictionary<string, string>(), "x.sql"), "m/0001_x.sql"));
        return e.Message;
    }

    [Theory]
    [InlineData("begin;")]
    [InlineData("BEGIN TRANSACTION isolation level serializable;")]
    [InlineData("start transaction;")]
    [InlineData("commit;")]
    [InlineData("Commit Prepared 'x';")]
    [InlineData("end;")]
    [InlineData("abort;")]
    [InlineData("rollback;")]
    [InlineData("rollback and chain;")]
    [InlineData("rollback prepared 'x';")]
    [InlineData("prepare transaction 'x';")]
    [InlineData("/* why */ -- and how\n  commit work;")]
    public void Transaction_control_at_the_top_level_is_rejected_naming_file_and_line(string command)
    {
        var message = Rejected("create table a (id int);\n\n" + command + "\nselect 1;");
        Assert.StartsWith($"m/0001_x.sql:{3 + command.Count(c => c == '\n')}: '", message);
        Assert.Contains("controls the transaction", message);
    }

    [Theory]
    [InlineData("do $$ begin perform 1; end $$;")]
    [InlineData("create function f() returns int language sql begin atomic select 1; end;")]
    [InlineData("create procedure p() language plpgsql as $$ begin commit; end $$;")]
    [InlineData("savepoint s; rollback to savepoint s; rollback work to s; release savepoint s; release s;")]
    [InlineData("set transaction isolation level serializable; set session characteristics as transaction read only;")]
    [InlineData("prepare q as select 1; select 'commit;'; select \"begin\" from t; -- commit;\n/* rollback; */")]
    public void Transaction_words_that_do_not_end_the_runners_transaction_are_fine(string sql)
    {
        Assert.Null(Problem(sql));
    }

    [Theory]
    [InlineData("select 1;\n\\! touch /tmp/x\n", 2, "'\\!'")]
    [InlineData("select 1;\n  \\i other.sql\n", 2, "'\\i'")]
    [InlineData("\\set ON_ERROR_STOP off\nselect 1;", 1, "'\\set'")]
    [InlineData("select 1 \\gexec\n", 1, "'\\gexec'")]
    public void A_psql_meta_command_is_rejected_naming_file_and_line(string sql, int line, string command)
    {
        var message = Rejected(sql);
        Assert.StartsWith($"m/0001_x.sql:{line}: {command} is a psql meta-command", message);
    }

    [Fact]
    public void An_unterminated_dollar_quote_is_rejected_naming_file_and_line()
    {
        const string sql = "select 1;\n\ndo $body$ begin perform 1; end $bdy$;";
        Assert.Equal((sql.IndexOf("$body$", StringComparison.Ordinal), "unterminated dollar-quoted string $body$: it runs to the end of the script; close it"),
            ScriptValidation.FindProblem(sql));
        // Variable substitution sees it first (an unclosed $tag$ may be a variable): its error says both.
        Assert.Contains("never closed", Assert.Throws<ScriptDefinitionException>(() =>
            VariableSubstitution.Apply(sql, new Dictionary<string, string>(), "x.sql")).Message);
    }

    [Theory]
    [InlineData("set standard_conforming_strings = off;")]
    [InlineData("SET LOCAL standard_conforming_strings TO off;")]
    [InlineData("set session \"standard_conforming_strings\" = on;")]
    public void Setting_standard_conforming_strings_is_rejected(string sql)
    {
        Assert.StartsWith("m/0001_x.sql:2: setting standard_conforming_strings", Rejected("select 1;\n" + sql));
        Assert.Null(Problem("show standard_conforming_strings; set search_path = x;"));
    }

    [Fact]
    public void Backslashes_inside_strings_comments_and_dollar_quotes_are_fine()
    {
        Assert.Null(Problem("select E'\\\\', '\\', $$\\!$$, U&'\\0041'; -- \\i x\n/* \\! */"));
    }

    [Theory]
    [InlineData("select 1;\n/* never closed\nselect 2;", 2, "unterminated /* comment")]
    [InlineData("select 1;\n/* a /* nested */\nselect 2;", 2, "unterminated /* comment")]
    [InlineData("select 1;\rselect 'open;\rselect 2;", 2, "unterminated quoted string")]
    [InlineData("select 1;\r\nselect E'it\\'s;\r\nselect 2;", 2, "unterminated quoted string")]
    [InlineData("select 1;\nselect \"open;\n", 2, "unterminated quoted identifier")]
    public void An_unterminated_token_is_rejected_naming_file_and_line(string sql, int line, string what)
    {
        var message = Rejected(sql);
        Assert.StartsWith($"m/0001_x.sql:{line}: {what}", message);
    }
}
