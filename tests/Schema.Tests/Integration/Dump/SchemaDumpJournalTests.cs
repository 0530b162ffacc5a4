using Schema.Core.Dump;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Dump;

/// <summary>
/// `dump --no-journal` (and `diff`, which compares dumps without the journal) leave out the configured journal, its
/// `_attempts` table (no-transaction scripts' progress) and their sequences, wherever the journal is configured to live.
/// </summary>
public sealed class SchemaDumpJournalTests
{
    [Fact]
    public async Task Without_the_journal_the_configured_journal_and_its_attempts_table_are_left_out()
    {
        await using var db = await ScratchDatabase.CreateAsync("dumpjournal");
        await Sql.ExecAsync(db.DataSource, """
            create schema app;
            create table app.deploys (schemaversionsid serial primary key, scriptname varchar(255) not null,
                                      applied timestamp not null);
            create table app.deploys_attempts (scriptname text primary key);
            create table app.kept (id int primary key);
            """);
        await using var connection = await db.DataSource.OpenConnectionAsync();

        var full = await SchemaDumper.DumpAsync(connection, new SchemaDumpOptions(true, "app", "deploys"));
        Assert.Contains("table app.deploys\n", full);
        Assert.Contains("table app.deploys_attempts\n", full);
        Assert.Contains("sequence app.deploys_schemaversionsid_seq", full);

        var withoutJournal = await SchemaDumper.DumpAsync(connection, new SchemaDumpOptions(false, "app", "deploys"));
        Assert.DoesNotContain("app.deploys", withoutJournal);
        Assert.Contains("table app.kept\n", withoutJournal);

        // The default location (public.schemaversions) does not match these tables: they stay.
        var defaultLocation = await SchemaDumper.DumpAsync(connection, new SchemaDumpOptions(false));
        Assert.Contains("table app.deploys_attempts\n", defaultLocation);
    }
}
