using System.Collections.Concurrent;

namespace Schema.Core.Execution;

/// <summary>Embedded queries of the runner (Schema.Core.&lt;folder&gt;.&lt;name&gt;.sql), read once.</summary>
internal static class SqlResource
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    public static string Load(string name) => Cache.GetOrAdd(name, static n =>
    {
        using var stream = typeof(SqlResource).Assembly.GetManifestResourceStream($"Schema.Core.{n}.sql")
            ?? throw new InvalidOperationException($"embedded query {n}.sql is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
