namespace Schema.Tests.Harness;

/// <summary>A readable difference between two dumps for an assertion message (lines only in one of them).</summary>
public static class DumpDiff
{
    public static string Describe(string expected, string actual, int maxLines = 40)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var onlyA = a.Except(b).Take(maxLines).Select(l => "- " + l);
        var onlyB = b.Except(a).Take(maxLines).Select(l => "+ " + l);
        return string.Join('\n', onlyA.Concat(onlyB));
    }
}
