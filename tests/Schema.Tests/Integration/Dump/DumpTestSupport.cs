using Npgsql;
using Schema.Core.Dump;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Dump;

/// <summary>Two fresh empty databases for one test class (schema built in two orders must dump identically).</summary>
public sealed class TwoEmptyDatabases : IAsyncLifetime
{
    public EmptyDatabase A { get; } = new();
    public EmptyDatabase B { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await A.InitializeAsync();
        await B.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }
}

internal static class DumpTestSupport
{
    public static async Task<string> DumpAsync(this TestDatabase db, SchemaDumpOptions? options = null)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        return await SchemaDumper.DumpAsync(connection, options);
    }

    /// <summary>Runs a multi-statement script (no parameters: fixed DDL written in the test).</summary>
    public static async Task RunScriptAsync(this TestDatabase db, string sql)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }

    public static string[] Lines(string dump) => dump.Split('\n');

    /// <summary>Lines present in <paramref name="after"/> but not in <paramref name="before"/> (multiset difference).</summary>
    public static List<string> Added(string before, string after)
    {
        var remaining = Lines(before).GroupBy(l => l, StringComparer.Ordinal)
                                     .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var added = new List<string>();
        foreach (var line in Lines(after))
        {
            if (remaining.TryGetValue(line, out var n) && n > 0) remaining[line] = n - 1;
            else added.Add(line);
        }
        return added;
    }

    /// <summary>The first differing line of two dumps, for a readable failure message.</summary>
    public static string FirstDifference(string expected, string actual)
    {
        var e = Lines(expected);
        var a = Lines(actual);
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "<end>";
            var al = i < a.Length ? a[i] : "<end>";
            if (!string.Equals(el, al, StringComparison.Ordinal))
                return $"line {i + 1}:\n  expected: {el}\n  actual:   {al}";
        }
        return "no difference";
    }
}
