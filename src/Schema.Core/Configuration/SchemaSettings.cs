using Microsoft.Extensions.Configuration;
using Schema.Core.Execution;

namespace Schema.Core.Configuration;

/// <summary>Everything a command needs, read from configuration.</summary>
public sealed record SchemaSettings(string? ConnectionString, string MigrationsDirectory, string SeedsDirectory, string LocalDatabase, RunnerOptions Runner)
{
    /// <summary>The journal table's schema and name (default <c>public.schemaversions</c>, DbUp's default).</summary>
    public string JournalSchema { get; init; } = "public";
    public string JournalTable { get; init; } = "schemaversions";

    /// <summary>The configured journal.</summary>
    public Journal.JournalTable Journal() => new(JournalSchema, JournalTable);

    public const string ConnectionStringName = "Schema";
    public const string UserSecretsId = "schema-cli-trading-platform";

    /// <summary>
    /// Precedence, highest first: command line (<paramref name="commandLine"/>, already as configuration keys),
    /// environment variables (<c>ConnectionStrings__Schema</c>, <c>Schema__LockTimeoutSeconds</c>…), user secrets,
    /// <c>appsettings.json</c> in the working directory.
    /// </summary>
    public static IConfiguration BuildConfiguration(IReadOnlyDictionary<string, string?> commandLine,
        string? workingDirectory = null)
    {
        var directory = workingDirectory ?? Environment.CurrentDirectory;
        ConfigurationFiles.CheckReadable(Path.Combine(directory, "appsettings.json"));
        try
        {
            return new ConfigurationBuilder()
                .SetBasePath(directory)
                .AddJsonFile("appsettings.json", optional: true)
                .AddUserSecrets(UserSecretsId)
                .AddEnvironmentVariables()
                .AddInMemoryCollection(commandLine)
                .Build();
        }
        catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException
                                      or FormatException)
        {
            throw ConfigurationFiles.Unreadable(e);
        }
    }

    public static SchemaSettings From(IConfiguration configuration, string? workingDirectory = null)
    {
        // Numbers are read and checked here, before the binder sees them: its errors name .NET types.
        var lockTimeout = SettingValues.Seconds(configuration, "LockTimeoutSeconds", "--lock-timeout", 5);
        var statementTimeout = SettingValues.Seconds(configuration, "StatementTimeoutSeconds", "--statement-timeout", 0);
        var lockRetries = SettingValues.Count(configuration, "LockRetries", "--lock-retries", 3);
        var backoff = SettingValues.Seconds(configuration, "LockRetryBackoffSeconds", null, 1);
        var runnerLockWait = SettingValues.Seconds(configuration, "RunnerLockWaitSeconds", "--runner-lock-wait", 600);
        var section = SettingValues.Bind(configuration);
        var repo = RepositoryRoot.Find(workingDirectory ?? Environment.CurrentDirectory);
        string Resolve(string? configured, string folder) =>
            Path.GetFullPath(configured ?? Path.Combine(repo ?? workingDirectory ?? Environment.CurrentDirectory, folder));
        foreach (var (key, name) in new[] { ("Schema:JournalSchema", section.JournalSchema), ("Schema:JournalTable", section.JournalTable) })
            if (string.IsNullOrWhiteSpace(name) || System.Text.Encoding.UTF8.GetByteCount(name) > 63)
                throw new ConfigurationException($"{key} must be a name of 1 to 63 bytes");
        if (section.Migrations is "" || section.Seeds is "" || string.IsNullOrWhiteSpace(section.LocalDatabase))
            throw new ConfigurationException("Schema:Migrations, Schema:Seeds and Schema:LocalDatabase cannot be empty");
        return new SchemaSettings(
            NullIfEmpty(configuration.GetConnectionString(ConnectionStringName)),
            Resolve(section.Migrations, "migrations"),
            Resolve(section.Seeds, "seeds"),
            section.LocalDatabase,
            new RunnerOptions
            {
                LockTimeout = lockTimeout,
                StatementTimeout = statementTimeout,
                LockRetries = lockRetries,
                LockRetryBackoff = backoff,
                RunnerLockWait = runnerLockWait,
                Variables = section.Variables,
            })
        {
            JournalSchema = section.JournalSchema,
            JournalTable = section.JournalTable,
        };
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
