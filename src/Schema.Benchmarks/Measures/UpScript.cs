using Schema.Benchmarks.Harness;

namespace Schema.Benchmarks.Measures;

/// <summary>
/// The SQL a full <c>up</c> runs on an empty database, as <c>schema script</c> prints it (every script in order,
/// variables substituted): what psql is given in measures 1 and 3. Written once per run to a temp file.
/// </summary>
public static class UpScript
{
    private static string? _path;

    public static async Task<string> FileAsync(BenchContext context, CancellationToken ct)
    {
        if (_path is not null && File.Exists(_path)) return _path;
        var empty = await context.Server.CreateDatabaseAsync("script", null, ct);
        var (_, sql) = await ProcessRunner.RunAsync(context.CliPath, ["script"], context.Server.CliEnvironment(empty),
            context.RepositoryRoot, ct);
        await context.Server.DropDatabaseAsync(empty, ct);
        if (sql.Length < 1000) throw new BenchFailure($"schema script printed only {sql.Length} characters");
        var path = context.TempFile("up.sql");
        await File.WriteAllTextAsync(path, sql, ct);
        return _path = path;
    }

    /// <summary>psql as a deploy script would run the file: no psqlrc, quiet, stop at the first error.</summary>
    public static string[] PsqlArguments(string file) => ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", file];
}
