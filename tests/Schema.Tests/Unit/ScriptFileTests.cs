using System.Text;
using Npgsql;
using Schema.Core.Execution;
using Schema.Core.Scripts;
using Schema.Core.Seeding;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Unit;

/// <summary>How the script provider reads a migrations folder: numeric order, strict UTF-8, nothing skipped silently.</summary>
public sealed class ScriptFileTests
{
    private static ScriptSet Load(ScriptFolder folder) => new FileSystemScriptProvider(folder.Path).Load();

    private static ScriptFolder AddBytes(ScriptFolder folder, string relativePath, byte[] bytes)
    {
        File.WriteAllBytes(Path.Combine(folder.Path, relativePath), bytes);
        return folder;
    }

    [Fact]
    public void Versions_order_as_numbers_not_as_text_even_beyond_64_bits()
    {
        using var folder = new ScriptFolder()
            .Add("10_c.sql", "select 10;")
            .Add("1_a.sql", "select 1;")
            .Add("2_b.sql", "select 2;")
            .Add("123456789012345678901234567890_e.sql", "select 'long';")
            .Add("99999999999999999999_d.sql", "select 'twenty nines';");
        Assert.Equal(["1_a.sql", "2_b.sql", "10_c.sql", "99999999999999999999_d.sql", "123456789012345678901234567890_e.sql"],
            Load(folder).Versioned.Select(s => s.Name));
    }

    [Fact]
    public void A_script_that_is_not_utf8_is_refused_with_file_line_and_byte_offset()
    {
        using var folder = new ScriptFolder().Add("0001_ok.sql", "select 1;");
        AddBytes(folder, "0002_latin1.sql", [.. "-- x\nselect 'caf"u8, 0xE9, .. "';\n"u8]);
        var e = Assert.Throws<ScriptDefinitionException>(() => Load(folder));
        Assert.StartsWith("0002_latin1.sql: not valid UTF-8 at byte 16 (line 2, byte 0xE9)", e.Message);
    }

    [Fact]
    public void A_down_script_that_is_not_utf8_is_refused_before_anything_runs()
    {
        using var folder = new ScriptFolder().Add("0001_a.sql", "create table a (name text);");
        AddBytes(folder, "0001_a.down.sql", [.. "delete from a where name = 'Jos"u8, 0xE9, .. "';\ndrop table a;\n"u8]);
        var e = Assert.Throws<ScriptDefinitionException>(() => Load(folder));
        Assert.StartsWith("0001_a.down.sql: not valid UTF-8 at byte 31 (line 1", e.Message);
    }

    [Fact]
    public async Task A_seed_that_is_not_utf8_is_refused_before_any_seed_runs()
    {
        using var seeds = new ScriptFolder();
        AddBytes(seeds, "001_names.sql", [.. "select 'Z"u8, 0xFC, .. "rich';"u8]);
        // Port 1: nothing listens there, so a seed that got as far as connecting would fail differently.
        await using var nowhere = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Username=nobody;Timeout=1");
        var e = await Assert.ThrowsAsync<ScriptDefinitionException>(() => new SeedRunner(nowhere, seeds.Path, new RunnerOptions(), new CollectingRunLog()).RunAsync());
        Assert.StartsWith("seeds/001_names.sql: not valid UTF-8 at byte 9 (line 1, byte 0xFC)", e.Message);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_accepted_and_not_part_of_the_text()
    {
        using var folder = new ScriptFolder();
        AddBytes(folder, "0001_bom.sql", [0xEF, 0xBB, 0xBF, .. "select 'café';"u8]);
        Assert.Equal("select 'café';", Load(folder).Versioned.Single().Contents);
    }

    [Fact]
    public void A_file_that_looks_like_a_script_but_has_an_upper_case_extension_is_an_error()
    {
        using var folder = new ScriptFolder().Add("0001_a.sql", "select 1;").Add("0002_x.SQL", "select 2;");
        Assert.StartsWith("0002_x.SQL: scripts end in lowercase .sql", Assert.Throws<ScriptDefinitionException>(() => Load(folder)).Message);
    }

    [Fact]
    public void Other_files_are_listed_as_ignored_and_hidden_files_are_not()
    {
        using var folder = new ScriptFolder().Add("0001_a.sql", "select 1;").Add("README.md", "# notes").Add("market/notes.txt", "x").Add(".gitkeep", "");
        Assert.Equal(["README.md", "market/notes.txt"], Load(folder).Ignored);
    }

    [Fact]
    public void An_empty_migrations_folder_is_an_error()
    {
        using var empty = new ScriptFolder();
        Assert.StartsWith("no migration scripts in ", Assert.Throws<ScriptDefinitionException>(() => Load(empty)).Message);
        using var onlyNotes = new ScriptFolder().Add("README.md", "# notes");
        Assert.StartsWith("no migration scripts in ", Assert.Throws<ScriptDefinitionException>(() => Load(onlyNotes)).Message);
    }

    [Fact]
    public void A_dangling_symbolic_link_is_an_error_naming_it()
    {
        using var folder = new ScriptFolder().Add("0001_a.sql", "select 1;");
        File.CreateSymbolicLink(Path.Combine(folder.Path, "0002_b.sql"), Path.Combine(folder.Path, "gone", "0002_b.sql"));
        var e = Assert.Throws<ScriptDefinitionException>(() => Load(folder));
        Assert.Equal($"0002_b.sql: a symbolic link to {Path.Combine(folder.Path, "gone", "0002_b.sql")}, which does not exist", e.Message);
    }

    [Fact]
    public void A_symbolic_link_to_a_script_is_read_like_the_script()
    {
        using var folder = new ScriptFolder().Add("shared/0001_a.sql.txt", "select 1;");
        Directory.CreateDirectory(Path.Combine(folder.Path, "market"));
        File.CreateSymbolicLink(Path.Combine(folder.Path, "market", "0001_a.sql"), Path.Combine(folder.Path, "shared", "0001_a.sql.txt"));
        var set = Load(folder);
        Assert.Equal("select 1;", set.Versioned.Single().Contents);
        Assert.Equal(["shared/0001_a.sql.txt"], set.Ignored);
    }

    [Fact]
    public void The_same_text_in_another_encoding_of_line_ends_has_the_same_checksum()
    {
        using var folder = new ScriptFolder();
        AddBytes(folder, "0001_lf.sql", Encoding.UTF8.GetBytes("create table t (id int);\ninsert into t values (1);\n"));
        AddBytes(folder, "0002_crlf_bom.sql", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("create table t (id int);\r\ninsert into t values (1);\r\n")]);
        Assert.All(Load(folder).Versioned, s => Assert.Equal("b649b7df2368761a70b4b00395e2e5dff8a3eb0b40bbf26fcf73e054560c4edb", s.Checksum));
    }
}

/// <summary>
/// Golden values: the checksum is what the journal compares applied scripts with, so a change of algorithm or of
/// normalisation would report every applied script in every database as changed. The literals are SHA-256 of the
/// LF-ended UTF-8 text (<c>printf '…' | sha256sum</c>), not computed by the code under test.
/// </summary>
public sealed class ScriptChecksumGoldenTests
{
    private const string TwoLines = "b649b7df2368761a70b4b00395e2e5dff8a3eb0b40bbf26fcf73e054560c4edb"; // create table t (id int);\ninsert into t values (1);\n

    [Theory]
    [InlineData("create table t (id int);\ninsert into t values (1);\n")]
    [InlineData("create table t (id int);\r\ninsert into t values (1);\r\n")]
    [InlineData("create table t (id int);\rinsert into t values (1);\r")]
    [InlineData("\uFEFFcreate table t (id int);\ninsert into t values (1);\n")]
    [InlineData("\uFEFFcreate table t (id int);\r\ninsert into t values (1);\r\n")]
    public void Line_endings_and_a_byte_order_mark_do_not_change_the_checksum(string text) =>
        Assert.Equal(TwoLines, ScriptChecksum.Compute(text));

    [Fact]
    public void Known_texts_have_known_checksums()
    {
        Assert.Equal("354b7196c9ba5fb4b21cf615bb6ec4cd5c07503c34229feef033fc081a8c03f4", ScriptChecksum.Compute("select 1;"));
        Assert.Equal("7b49b9e063bd91a4f9252b413261f5557b9c570aa61516989499f64a62dbcdd6", ScriptChecksum.Compute("café\n"));
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ScriptChecksum.Compute(""));
    }

    [Fact]
    public void Trailing_white_space_and_a_final_newline_are_content()
    {
        Assert.NotEqual(ScriptChecksum.Compute("select 1;"), ScriptChecksum.Compute("select 1;\n"));
        Assert.NotEqual(ScriptChecksum.Compute("select 1;"), ScriptChecksum.Compute("select 1; "));
    }
}
