namespace Schema.Benchmarks.Harness;

/// <summary>What every measure gets: the options, the server, where the repository and the CLI are, a progress log.</summary>
public sealed class BenchContext(BenchOptions options, BenchServer server, string repositoryRoot, string cliPath, TextWriter log)
{
    public BenchOptions Options => options;
    public BenchServer Server => server;
    public string RepositoryRoot => repositoryRoot;
    public string MigrationsDirectory => Path.Combine(repositoryRoot, "migrations");
    public string CliPath => cliPath;
    public int Pairs => options.Pairs;
    public bool Full => options.Size == BenchSize.Full;

    /// <summary>Picks the small or the full value of a size parameter.</summary>
    public T Pick<T>(T small, T full) => Full ? full : small;

    public void Progress(string line) => log.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {line}");

    /// <summary>A scratch file under the system temp folder, deleted by the caller.</summary>
    public string TempFile(string name) => Path.Combine(Path.GetTempPath(), $"{options.Prefix}-{Environment.ProcessId}-{name}");
}
