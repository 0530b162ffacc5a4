using System.CommandLine;
using Schema.Core.Configuration;
using Schema.Core.Execution;
using Schema.Core.LocalServer;
using Schema.Core.Scripts;

namespace Schema.Cli;

/// <summary>The subcommands. Each is a thin shell over Schema.Core: resolve the target, run, print.</summary>
internal sealed partial class Commands(TextWriter stdout, TextWriter stderr)
{
    public ParseResult? Parse { get; set; }
    public string? ConnectionString { get; private set; }

    /// <summary>The target's password: masked wherever it appears in output (when long enough to tell from words).</summary>
    public string? Password { get; private set; }

    private SchemaSettings Settings(ParseResult parse) =>
        SchemaSettings.From(SchemaSettings.BuildConfiguration(SchemaCli.CommandLineConfiguration(parse)));

    /// <summary>The configured server, or the zero-config local one (built and started on first use).</summary>
    private async Task<Target> ResolveAsync(SchemaSettings settings, CancellationToken ct)
    {
        if (settings.ConnectionString is { } configured)
        {
            ConnectionString = configured;
            // a malformed string is a configuration error, not a crash
            Password = ConnectionInfo.Parse(configured).Password;
            return new Target(settings, configured, false);
        }
        var endpoint = await LocalServer.EnsureAsync(ct);
        await LocalServer.EnsureDatabaseAsync(endpoint, settings.LocalDatabase, ct);
        ConnectionString = endpoint.ConnectionString(settings.LocalDatabase);
        Password = endpoint.Password;
        return new Target(settings, ConnectionString, true);
    }

    private MigrationEngine Engine(Target target, IRunLog? log = null) =>
        new(target.DataSource, new FileSystemScriptProvider(target.Settings.MigrationsDirectory), target.Settings.Runner,
            log ?? new ConsoleLog(stdout, stderr), target.Settings.Journal());

    public IEnumerable<Command> All()
    {
        yield return Up();
        yield return Status();
        yield return Script();
        yield return Down();
        yield return Repair();
        yield return Reset();
        yield return Seed();
        yield return Load();
        yield return Indicators();
        yield return Dump();
        yield return Docs();
        yield return Local();
        yield return Diff();
        yield return Baseline();
        yield return New();
        yield return Lint();
        yield return new MaintainCommand(stdout, stderr).Build();
        yield return new MarketDdlCommand(stdout, stderr).Build();
    }

    /// <summary>Write to a temporary file and rename, so a failure leaves no half-written output.</summary>
    internal static async Task WriteAtomicallyAsync(string path, string contents, CancellationToken ct)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(directory)) throw new ConfigurationException($"output folder does not exist: {directory}");
        var temp = full + ".tmp-" + Environment.ProcessId;
        await File.WriteAllTextAsync(temp, contents, ct);
        File.Move(temp, full, overwrite: true);
    }
}
