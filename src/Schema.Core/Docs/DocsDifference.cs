namespace Schema.Core.Docs;

/// <summary>
/// The first line where a committed document and a freshly generated one differ (what <c>schema docs --check</c>
/// names when the file is stale). Line endings are compared as \n (a checkout with CRLF is not stale).
/// </summary>
public static class DocsDifference
{
    /// <summary>Null when equal; else "line N: the file has … ; the database gives …".</summary>
    public static string? First(string committed, string generated)
    {
        var a = committed.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var b = generated.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var left = i < a.Length ? a[i] : null;
            var right = i < b.Length ? b[i] : null;
            if (!string.Equals(left, right, StringComparison.Ordinal))
                return $"line {i + 1}: the file has {Show(left)}; the database gives {Show(right)}";
        }
        return null;
    }

    private static string Show(string? line) =>
        line is null ? "nothing (end of file)" : "'" + (line.Length > 120 ? line[..120] + "…" : line) + "'";
}
