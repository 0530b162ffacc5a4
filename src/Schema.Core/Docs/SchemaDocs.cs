using System.Data;
using Npgsql;

namespace Schema.Core.Docs;

/// <summary>
/// <c>docs/schema.md</c> from the catalog: <see cref="SchemaCatalogReader"/> reads the schemas, tables, columns,
/// constraints, indexes, partitioning and TimescaleDB settings; <see cref="SchemaMarkdown"/> writes the Markdown
/// with a Mermaid ER diagram per schema. Deterministic: identical across runs for the same schema.
/// </summary>
public static class SchemaDocs
{
    /// <summary>
    /// Generates the document for the database <paramref name="connection"/> is connected to. The connection may
    /// be open or closed (it is then opened and closed again) and must not have a transaction in progress.
    /// </summary>
    public static async Task<string> GenerateAsync(NpgsqlConnection connection, SchemaDocsOptions? options = null,
                                                   CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var opened = false;
        if (connection.State != ConnectionState.Open)
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
            opened = true;
        }
        try
        {
            var schemas = await SchemaCatalogReader.ReadAsync(connection, options ?? new SchemaDocsOptions(), ct)
                                                   .ConfigureAwait(false);
            return SchemaMarkdown.Render(schemas);
        }
        finally
        {
            if (opened)
                await connection.CloseAsync().ConfigureAwait(false);
        }
    }
}
