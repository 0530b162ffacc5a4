namespace Schema.Core.Configuration;

/// <summary>The <c>Schema</c> configuration section (bound by the configuration binder's source generator: no reflection).</summary>
public sealed class SchemaSection
{
    public string? Migrations { get; set; }
    public string? Seeds { get; set; }
    public string LocalDatabase { get; set; } = "schema_dev";
    public double LockTimeoutSeconds { get; set; } = 5;
    public double StatementTimeoutSeconds { get; set; }
    public int LockRetries { get; set; } = 3;
    public double LockRetryBackoffSeconds { get; set; } = 1;
    public double RunnerLockWaitSeconds { get; set; } = 600;
    public Dictionary<string, string> Variables { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Where the journal lives (DbUp's <c>PostgresqlDatabase(connection, schema)</c> / <c>JournalToPostgresqlTable</c>).</summary>
    public string JournalSchema { get; set; } = "public";
    public string JournalTable { get; set; } = "schemaversions";
}
