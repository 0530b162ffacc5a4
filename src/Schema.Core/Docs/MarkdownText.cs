namespace Schema.Core.Docs;

/// <summary>Text for GitHub-flavoured Markdown table cells: plain text and code spans that cannot break the table.</summary>
internal static class MarkdownText
{
    /// <summary>Plain text: HTML-significant characters as entities, <c>|</c> escaped, line breaks as &lt;br&gt;.</summary>
    public static string Cell(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        return text.Replace("&", "&amp;", StringComparison.Ordinal)
                   .Replace("<", "&lt;", StringComparison.Ordinal)
                   .Replace(">", "&gt;", StringComparison.Ordinal)
                   .Replace("|", "\\|", StringComparison.Ordinal)
                   .Replace("\r\n", "\n", StringComparison.Ordinal)
                   .Replace("\n", "<br>", StringComparison.Ordinal);
    }

    /// <summary>A code span: fenced with one more backtick than the longest run inside, <c>|</c> escaped (GitHub
    /// splits table cells before it parses code spans), line breaks as spaces.</summary>
    public static string Code(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return "";
        var body = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\n', ' ')
                       .Replace("|", "\\|", StringComparison.Ordinal);
        var longest = 0;
        var run = 0;
        foreach (var ch in body)
        {
            run = ch == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        var fence = new string('`', longest + 1);
        var pad = body.StartsWith('`') || body.EndsWith('`') ? " " : "";
        return fence + pad + body + pad + fence;
    }

    /// <summary>The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens.</summary>
    public static string Anchor(string heading) =>
        new(heading.ToLowerInvariant()
                   .Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')
                   .Select(c => c == ' ' ? '-' : c).ToArray());
}
