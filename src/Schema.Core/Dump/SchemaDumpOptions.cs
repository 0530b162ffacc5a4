namespace Schema.Core.Dump;

/// <summary>Options of <see cref="SchemaDumper.DumpAsync"/>.</summary>
/// <param name="IncludeJournal">Include the migration journal table (<c>public.schemaversions</c> unless configured),
/// its <c>_attempts</c> table and the sequences they own. Turn it off to compare a migrated database with one built
/// another way.</param>
public sealed record SchemaDumpOptions(bool IncludeJournal = true, string JournalSchema = "public",
    string JournalTable = "schemaversions");
