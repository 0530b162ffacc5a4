using System.Collections.Concurrent;

namespace Schema.Benchmarks.Harness;

/// <summary>The harness's SQL, embedded from Sql/*.sql (C# orchestrates, SQL lives in .sql files).</summary>
public static class BenchSql
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    public static string Load(string name) => Cache.GetOrAdd(name, static n =>
    {
        using var stream = typeof(BenchSql).Assembly.GetManifestResourceStream($"Schema.Benchmarks.Sql.{n}.sql")
                           ?? throw new InvalidOperationException($"embedded query {n}.sql is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
