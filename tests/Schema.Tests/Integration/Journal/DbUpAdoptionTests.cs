using Schema.Core.Execution;
using Schema.Core.Journal;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Journal;

/// <summary>
/// A database DbUp (dbup-postgresql 6.1) upgraded, in each form DbUp leaves it: the journal exactly as
/// <c>PostgresqlTableJournal</c> creates it, rows as DbUp inserts them (script name as its provider named the script,
/// <c>applied</c> in the application's local time, no checksum), and the objects its scripts made.
/// The runner adopts it: nothing DbUp applied runs again, DbUp's rows stay as DbUp wrote them.
/// </summary>
public sealed class DbUpAdoptionTests
{
    /// <summary>DbUp's DDL: <c>PostgresqlTableJournal.CreateSchemaTableSql</c> with its quoted primary key name.</summary>
    private static async Task CreateDbUpJournalAsync(ScratchDatabase db, string? schema, params string[] scriptNames)
    {
        var table = schema is null ? "\"schemaversions\"" : $"\"{schema}\".\"schemaversions\"";
        if (schema is not null) await db.ScalarAsync<object>($"create schema \"{schema}\"");
        await db.ScalarAsync<object>($"""
            CREATE TABLE {table}
            (
                schemaversionsid serial NOT NULL,
                scriptname character varying(255) NOT NULL,
                applied timestamp without time zone NOT NULL,
                CONSTRAINT "PK_schemaversions_Id" PRIMARY KEY (schemaversionsid)
            )
            """);
        // DbUp: insert into {table} (ScriptName, Applied) values (@scriptName, @applied), @applied = DateTime.Now.
        var applied = new DateTime(2024, 3, 1, 9, 30, 0, DateTimeKind.Local);
        foreach (var name in scriptNames)
        {
            await db.ScalarAsync<object>($"insert into {table} (ScriptName, Applied) values (@scriptName, @applied)",
                ("scriptName", name), ("applied", DateTime.SpecifyKind(applied, DateTimeKind.Unspecified)));
            applied = applied.AddSeconds(1);
        }
        // What DbUp's scripts made.
        await db.ScalarAsync<object>("create table a (id int); create table b (id int);");
    }

    private static ScriptFolder Scripts() => new ScriptFolder()
        .Add("platform/0001_a.sql", "create table a (id int);").Add("platform/0001_a.down.sql", "drop table a;")
        .Add("market/0002_b.sql", "create table b (id int);").Add("market/0002_b.down.sql", "drop table b;")
        .Add("market/0003_c.sql", "create table c (id int);").Add("market/0003_c.down.sql", "drop table c;");

    private static Task<List<string>> JournalAsync(ScratchDatabase db, string schema = "public") =>
        Sql.ListAsync<string>(db.DataSource, $"select scriptname from \"{schema}\".schemaversions order by schemaversionsid");

    [Theory]
    [InlineData("flat folder (WithScriptsFromFileSystem)", "0001_a.sql", "0002_b.sql")]
    [InlineData("embedded scripts (WithScriptsEmbeddedInAssembly)", "MyApp.Scripts.0001_a.sql", "MyApp.Scripts.0002_b.sql")]
    [InlineData("subfolders (WithScriptsFromFileSystem, IncludeSubDirectories)", "platform.0001_a.sql", "market.0002_b.sql")]
    public async Task A_DbUp_journal_is_adopted_whatever_the_script_name_prefix(string form, string first, string second)
    {
        await using var db = await ScratchDatabase.CreateAsync("dbup");
        await CreateDbUpJournalAsync(db, null, first, second);
        using var folder = Scripts();

        var plan = await db.Engine(folder.Path).StatusAsync();
        var states = string.Join(", ", plan.Scripts.Select(s => $"{s.Name} {s.State}"));
        Assert.True(states == "0001_a.sql Applied, 0002_b.sql Applied, 0003_c.sql Pending", $"{form}: {states}");
        Assert.Equal([first, second], plan.Scripts.Take(2).Select(s => s.Journal!.ScriptName));

        Assert.Equal(["0003_c.sql"], (await db.Engine(folder.Path).UpAsync()).Applied);
        Assert.Equal([first, second, "0003_c.sql"], await JournalAsync(db));
        Assert.Equal(2L, await db.ScalarAsync<long>("select count(*) from schemaversions where checksum is null"));

        // down finds DbUp's rows by version too, and deletes the row it reverted, under the name DbUp gave it.
        Assert.Equal(["0003_c.sql", "0002_b.sql"], await db.Engine(folder.Path).DownAsync(null, "0001"));
        Assert.Equal([first], await JournalAsync(db));
        Assert.Null(await db.ScalarAsync<string?>("select to_regclass('public.b')::text"));
    }

    [Fact]
    public async Task The_cli_shows_what_a_prefixed_DbUp_name_was_matched_with()
    {
        await using var db = await ScratchDatabase.CreateAsync("dbup");
        await CreateDbUpJournalAsync(db, null, "MyApp.Scripts.0001_a.sql", "MyApp.Scripts.0002_b.sql");
        using var folder = Scripts();
        var status = await CliRunner.RunAsync("status", "-c", db.ConnectionString, "--migrations", folder.Path);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("applied   0001_a.sql  2024-03-01 09:30:00  (journaled as MyApp.Scripts.0001_a.sql)", status.Stdout);
        Assert.Contains("pending   0003_c.sql", status.Stdout);
        Assert.DoesNotContain("missing", status.Stdout);
    }

    [Fact]
    public async Task A_DbUp_journal_outside_public_is_used_when_configured()
    {
        await using var db = await ScratchDatabase.CreateAsync("dbup");
        await CreateDbUpJournalAsync(db, "app", "0001_a.sql", "0002_b.sql");
        using var folder = Scripts();

        var up = await CliRunner.RunAsync("up", "-c", db.ConnectionString, "--migrations", folder.Path, "--journal-schema", "app");
        Assert.Equal(0, up.ExitCode);
        Assert.Contains("applied 1 script(s)", up.Stdout);
        Assert.Equal(["0001_a.sql", "0002_b.sql", "0003_c.sql"], await JournalAsync(db, "app"));
        Assert.Null(await db.ScalarAsync<string?>("select to_regclass('public.schemaversions')::text"));

        var status = await CliRunner.RunAsync("status", "-c", db.ConnectionString, "--migrations", folder.Path, "--journal-schema", "app", "--journal-table", "schemaversions");
        Assert.Equal(3, status.Stdout.Split('\n').Count(l => l.StartsWith("applied ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_journal_schema_and_table_of_our_own_are_created_quoted()
    {
        await using var db = await ScratchDatabase.CreateAsync("dbup");
        using var folder = new ScriptFolder().Add("0001_a.sql", "create table a (id int);");
        var journal = new JournalTable("Deploy History", "Applied \"Scripts\"");
        await new MigrationEngine(db.DataSource, new Schema.Core.Scripts.FileSystemScriptProvider(folder.Path), new RunnerOptions(), new CollectingRunLog(), journal).UpAsync();
        Assert.Equal(["0001_a.sql"], await Sql.ListAsync<string>(db.DataSource, "select scriptname from \"Deploy History\".\"Applied \"\"Scripts\"\"\""));
    }
}
