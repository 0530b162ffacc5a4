using System.Collections.Concurrent;
using System.Text;

namespace Schema.Core.Market;

/// <summary>The embedded queries of the market data path (Schema.Core.Market.&lt;name&gt;.sql).</summary>
internal static class MarketSql
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    public static string Load(string name) => Cache.GetOrAdd(name, static n =>
    {
        var resource = $"Schema.Core.Market.{n}.sql";
        using var stream = typeof(MarketSql).Assembly.GetManifestResourceStream(resource)
                           ?? throw new InvalidOperationException($"embedded resource {resource} not found");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    /// <summary>The statements of an embedded file (split at top-level semicolons, comments kept with the next one).</summary>
    public static IReadOnlyList<string> Statements(string name) =>
        [.. Scripts.SqlStatementSplitter.Split(Load(name)).Select(s => s.Text)];
}
