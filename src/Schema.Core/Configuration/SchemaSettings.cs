using Microsoft.Extensions.Configuration;
using Schema.Core.Execution;

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

/// <summary>Everything a command needs, read from configuration.</summary>
public sealed record SchemaSettings(string? ConnectionString, string MigrationsDirectory, string SeedsDirectory, string LocalDatabase, RunnerOptions Runner)
{
    /// <summary>The journal table's schema and name (default <c>public.schemaversions</c>, DbUp's default).</summary>
    public string JournalSchema { get; init; } = "public";
    public string JournalTable { get; init; } = "schemaversions";

    public const string ConnectionStringName = "Schema";
    public const string UserSecretsId = "schema-cli-trading-platform";

    /// <summary>
    /// Precedence, highest first: command line (<paramref name="commandLine"/>, already as configuration keys),
    /// environment variables (<c>ConnectionStrings__Schema</c>, <c>Schema__LockTimeoutSeconds</c>…), user secrets,
    /// <c>appsettings.json</c> in the working directory.
    /// </summary>
    public static IConfiguration BuildConfiguration(IReadOnlyDictionary<string, string?> commandLine, string? workingDirectory = null) =>
        new ConfigurationBuilder()
            .SetBasePath(workingDirectory ?? Environment.CurrentDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddUserSecrets(UserSecretsId)
            .AddEnvironmentVariables()
            .AddInMemoryCollection(commandLine)
            .Build();

    public static SchemaSettings From(IConfiguration configuration, string? workingDirectory = null)
    {
        var section = configuration.GetSection("Schema").Get<SchemaSection>() ?? new SchemaSection();
        var repo = RepositoryRoot.Find(workingDirectory ?? Environment.CurrentDirectory);
        string Resolve(string? configured, string folder) =>
            Path.GetFullPath(configured ?? Path.Combine(repo ?? workingDirectory ?? Environment.CurrentDirectory, folder));
        if (section.LockTimeoutSeconds < 0 || section.StatementTimeoutSeconds < 0 || section.LockRetries < 0 || section.RunnerLockWaitSeconds < 0)
            throw new ConfigurationException("timeouts and retry counts cannot be negative");
        foreach (var (key, name) in new[] { ("Schema:JournalSchema", section.JournalSchema), ("Schema:JournalTable", section.JournalTable) })
            if (string.IsNullOrWhiteSpace(name) || System.Text.Encoding.UTF8.GetByteCount(name) > 63)
                throw new ConfigurationException($"{key} must be a name of 1 to 63 bytes");
        return new SchemaSettings(
            NullIfEmpty(configuration.GetConnectionString(ConnectionStringName)),
            Resolve(section.Migrations, "migrations"),
            Resolve(section.Seeds, "seeds"),
            section.LocalDatabase,
            new RunnerOptions
            {
                LockTimeout = TimeSpan.FromSeconds(section.LockTimeoutSeconds),
                StatementTimeout = TimeSpan.FromSeconds(section.StatementTimeoutSeconds),
                LockRetries = section.LockRetries,
                LockRetryBackoff = TimeSpan.FromSeconds(section.LockRetryBackoffSeconds),
                RunnerLockWait = TimeSpan.FromSeconds(section.RunnerLockWaitSeconds),
                Variables = section.Variables,
            })
        {
            JournalSchema = section.JournalSchema,
            JournalTable = section.JournalTable,
        };
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}

public static class RepositoryRoot
{
    /// <summary>The nearest folder at or above <paramref name="start"/> holding Schema.sln, or null.</summary>
    public static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Schema.sln"))) return dir.FullName;
        return null;
    }
}

/// <summary>Bad configuration or usage: exit code 2.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
