using System.CommandLine;
using System.Net.Sockets;
using Npgsql;
using Schema.Core.Configuration;
using Schema.Core.Execution;
using Schema.Core.LocalServer;
using Schema.Core.Scripts;

namespace Schema.Cli;

/// <summary>
/// The <c>schema</c> command line. Exit codes: 0 ok, 1 failure, 2 usage or configuration error (including a server
/// that cannot be reached or refuses the credentials). Errors are one line on stderr, never a stack trace, never a password.
/// </summary>
public static partial class SchemaCli
{
    public const int Ok = 0, Failure = 1, Usage = 2;

    // Options shared by every command (Recursive), mapped onto configuration keys: the command line wins over
    // environment variables, user secrets and appsettings.json.
    private static readonly Option<string?> ConnectionOption = new("--connection", "-c") { Description = "Npgsql connection string (else ConnectionStrings__Schema; else the zero-config local server)", Recursive = true };
    private static readonly Option<string?> MigrationsOption = new("--migrations") { Description = "migrations folder (default: migrations/ of the repository)", Recursive = true };
    private static readonly Option<string?> SeedsOption = new("--seeds") { Description = "seeds folder (default: seeds/ of the repository)", Recursive = true };
    private static readonly Option<string[]> VarOption = new("--var") { Description = "a $name$ variable: --var name=value (repeatable)", Recursive = true, AllowMultipleArgumentsPerToken = false };
    private static readonly Option<string?> LockTimeoutOption = new("--lock-timeout") { Description = "lock_timeout per script, seconds (default 5)", Recursive = true };
    private static readonly Option<string?> StatementTimeoutOption = new("--statement-timeout") { Description = "statement_timeout per statement, seconds (default 0 = none)", Recursive = true };
    private static readonly Option<string?> LockRetriesOption = new("--lock-retries") { Description = "retries of a script that hit lock_timeout (default 3)", Recursive = true };
    private static readonly Option<string?> RunnerLockWaitOption = new("--runner-lock-wait") { Description = "seconds to wait for another runner on the same database (default 600; 0 = do not wait)", Recursive = true };
    private static readonly Option<string?> JournalSchemaOption = new("--journal-schema") { Description = "schema of the journal table (default public; DbUp's PostgresqlDatabase(conn, schema))", Recursive = true };
    private static readonly Option<string?> JournalTableOption = new("--journal-table") { Description = "name of the journal table (default schemaversions)", Recursive = true };

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct = default)
    {
        Commands? commands = null;
        var maskedOut = new MaskingWriter(stdout, () => commands?.Password);
        var maskedErr = new MaskingWriter(stderr, () => commands?.Password);
        try
        {
            return await RunMaskedAsync(args, maskedOut, maskedErr, c => commands = c, ct);
        }
        finally
        {
            maskedOut.Complete();
            maskedErr.Complete();
        }
    }

    // Everything below writes through the masking writers only.
    private static async Task<int> RunMaskedAsync(string[] args, TextWriter stdout, TextWriter stderr, Action<Commands> created,
        CancellationToken ct)
    {
        var root = new RootCommand("schema: applies the platform's ordered SQL migrations to PostgreSQL/TimescaleDB/pgvector, DbUp-style.");
        foreach (var o in new Option[] { ConnectionOption, MigrationsOption, SeedsOption, VarOption, LockTimeoutOption, StatementTimeoutOption, LockRetriesOption, RunnerLockWaitOption, JournalSchemaOption, JournalTableOption })
            root.Options.Add(o);
        var commands = new Commands(stdout, stderr);
        created(commands);
        foreach (var command in commands.All()) root.Subcommands.Add(command);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var errors = string.Join("; ", parse.Errors.Select(e => PlainParseError(e.Message)));
            await stderr.WriteLineAsync($"error: {errors} (see `schema --help`)");
            return Usage;
        }
        commands.Parse = parse;
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, Output = stdout, Error = stderr, ProcessTerminationTimeout = null }, ct);
        }
        catch (Exception e)
        {
            var (code, message) = Classify(e);
            await stderr.WriteLineAsync("error: " + message.ReplaceLineEndings(" "));
            return code;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(
        @"^Cannot parse argument '(?<value>.*)' for (?<what>option|command) '(?<name>[^']*)' as expected type '[^']*'\.?$")]
    private static partial System.Text.RegularExpressions.Regex TypedParseError();

    /// <summary>A parse error without .NET type names ("… as expected type 'System.Nullable`1[System.Int32]'").</summary>
    /// <remarks>Some parse errors span lines ("Must be one of:\n\t'text'…"): the answer stays one line.</remarks>
    internal static string PlainParseError(string message) =>
        TypedParseError().Match(message) is { Success: true } m
            ? $"'{m.Groups["value"].Value}' is not a valid value for {m.Groups["name"].Value}"
            : string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .TrimEnd('.');

    /// <summary>Exception → exit code and one line. Anything unexpected still gets one line, not a stack trace.</summary>
    internal static (int Code, string Message) Classify(Exception e) => e switch
    {
        ConfigurationException or ScriptDefinitionException => (Usage, e.Message),
        ScriptFailedException or DriftException or PreflightException or RunnerBusyException or LocalServerException => (Failure, e.Message),
        ScriptInterruptedException or InvalidIndexException or PartialScriptException => (Failure, e.Message),
        ThrowawayDatabaseException => (Failure, e.Message),
        Schema.Core.Market.MarketDataException => (Failure, e.Message),
        PostgresException { SqlState: "28P01" or "28000" } pg => (Usage, $"the server refused the credentials: {pg.MessageText}"),
        PostgresException { SqlState: "3D000" } pg => (Usage, $"{pg.MessageText} (create it, or use `schema reset` for a local database)"),
        NpgsqlException { InnerException: SocketException or TimeoutException } n => (Usage, $"cannot reach the server: {n.Message.TrimEnd('.')}: {n.InnerException!.Message}"),
        NpgsqlException n when n.InnerException is IOException => (Usage, $"cannot reach the server: {n.Message}"),
        // A certificate the Root Certificate did not sign, a host name it does not name, no common TLS version.
        NpgsqlException { InnerException: System.Security.Authentication.AuthenticationException } => (Usage,
            "cannot reach the server: the TLS handshake failed (is the server certificate signed by the connection " +
            "string's Root Certificate, and does it name the Host?)"),
        // Npgsql has no type of its own for a server that refuses TLS when the connection string requires it.
        NpgsqlException n when n.InnerException is null && n.Message.StartsWith("SSL connection requested", StringComparison.Ordinal) =>
            (Usage, "cannot reach the server over TLS: the server does not accept TLS connections (SSL Mode requires them)"),
        PostgresException pg => (Failure, $"{pg.SqlState}: {pg.MessageText}"),
        OperationCanceledException => (Failure, "interrupted: stopped before or between scripts; every script applied so far is journaled"),
        _ => (Failure, $"unexpected failure: {e.Message}"),
    };

    /// <summary>The command line's values as configuration keys (only those given).</summary>
    internal static Dictionary<string, string?> CommandLineConfiguration(ParseResult parse)
    {
        var map = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        void Set<T>(Option<T> option, string key)
        {
            var value = parse.GetValue(option);
            if (value is not null) map[key] = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture);
        }
        var textOptions = new[]
        {
            ConnectionOption, MigrationsOption, SeedsOption, LockTimeoutOption, StatementTimeoutOption, LockRetriesOption,
            RunnerLockWaitOption,
        };
        foreach (var option in textOptions)
            if (parse.GetResult(option) is not null && string.IsNullOrWhiteSpace(parse.GetValue(option)))
                throw new ConfigurationException($"{option.Name} is empty: give a value or leave the option out");
        Set(ConnectionOption, "ConnectionStrings:" + SchemaSettings.ConnectionStringName);
        Set(MigrationsOption, "Schema:Migrations");
        Set(SeedsOption, "Schema:Seeds");
        Set(LockTimeoutOption, "Schema:LockTimeoutSeconds");
        Set(StatementTimeoutOption, "Schema:StatementTimeoutSeconds");
        Set(LockRetriesOption, "Schema:LockRetries");
        Set(RunnerLockWaitOption, "Schema:RunnerLockWaitSeconds");
        Set(JournalSchemaOption, "Schema:JournalSchema");
        Set(JournalTableOption, "Schema:JournalTable");
        foreach (var pair in parse.GetValue(VarOption) ?? [])
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0) throw new ConfigurationException($"--var takes name=value, got '{pair}'");
            map["Schema:Variables:" + pair[..eq]] = pair[(eq + 1)..];
        }
        return map;
    }
}
