namespace Schema.Core.Docs;

/// <summary>Options of <see cref="SchemaDocs.GenerateAsync"/>: the journal table to leave out (runner bookkeeping,
/// not the application's schema), as configured for the runner.</summary>
public sealed record SchemaDocsOptions(string JournalSchema = "public", string JournalTable = "schemaversions");
