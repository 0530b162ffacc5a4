using System.Text;

namespace Schema.Core.Drift;

/// <summary>A plain unified diff of two line lists (longest common subsequence after trimming the common ends).</summary>
internal static class UnifiedDiffText
{
    public static void Append(StringBuilder sb, IReadOnlyList<string> a, IReadOnlyList<string> b, int context)
    {
        var edits = Edits(a, b);
        var changed = Enumerable.Range(0, edits.Count).Where(k => edits[k].Op != ' ').ToList();
        var g = 0;
        while (g < changed.Count)
        {
            // one hunk: changes closer than 2 × context unchanged lines, with context lines on each side
            var last = g;
            while (last + 1 < changed.Count && changed[last + 1] - changed[last] - 1 <= 2 * context) last++;
            var start = Math.Max(0, changed[g] - context);
            var end = Math.Min(edits.Count, changed[last] + 1 + context);
            var hunk = edits.Skip(start).Take(end - start).ToList();
            var aStart = edits.Take(start).Count(e => e.Op != '+');
            var bStart = edits.Take(start).Count(e => e.Op != '-');
            var aCount = hunk.Count(e => e.Op != '+');
            var bCount = hunk.Count(e => e.Op != '-');
            sb.Append($"@@ -{aStart + (aCount > 0 ? 1 : 0)},{aCount} +{bStart + (bCount > 0 ? 1 : 0)},{bCount} @@\n");
            foreach (var e in hunk) sb.Append(e.Op).Append(e.Line).Append('\n');
            g = last + 1;
        }
    }

    private readonly record struct Edit(char Op, string Line);

    private static List<Edit> Edits(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        var prefix = 0;
        while (prefix < a.Count && prefix < b.Count && a[prefix] == b[prefix]) prefix++;
        var suffix = 0;
        while (suffix < a.Count - prefix && suffix < b.Count - prefix && a[a.Count - 1 - suffix] == b[b.Count - 1 - suffix]) suffix++;
        var n = a.Count - prefix - suffix;
        var m = b.Count - prefix - suffix;
        var lcs = new int[n + 1, m + 1];
        for (var x = n - 1; x >= 0; x--)
            for (var y = m - 1; y >= 0; y--)
                lcs[x, y] = a[prefix + x] == b[prefix + y] ? lcs[x + 1, y + 1] + 1 : Math.Max(lcs[x + 1, y], lcs[x, y + 1]);
        var edits = new List<Edit>(a.Count + b.Count);
        for (var k = 0; k < prefix; k++) edits.Add(new Edit(' ', a[k]));
        int i = 0, j = 0;
        while (i < n || j < m)
        {
            if (i < n && j < m && a[prefix + i] == b[prefix + j]) { edits.Add(new Edit(' ', a[prefix + i])); i++; j++; }
            else if (i < n && (j == m || lcs[i + 1, j] >= lcs[i, j + 1])) { edits.Add(new Edit('-', a[prefix + i])); i++; }
            else { edits.Add(new Edit('+', b[prefix + j])); j++; }
        }
        for (var k = a.Count - suffix; k < a.Count; k++) edits.Add(new Edit(' ', a[k]));
        return edits;
    }
}
