using System.Text;

namespace Schema.Core.Pipeline;

/// <summary>
/// A GitHub Actions workflow command that annotates a file: <c>::error file=migrations/0002_x.sql,line=3,col=5::text</c>
/// (see "Workflow commands for GitHub Actions"). The message escapes <c>%</c>, CR and LF as %25, %0D, %0A; property
/// values additionally escape <c>:</c> and <c>,</c> as %3A and %2C, so no input can end the command early or add
/// a property. Shared by <c>up --format github</c> and <c>lint --format github</c>.
/// </summary>
public sealed record GithubAnnotation(string Level, string Message, string? File = null, int? Line = null,
                                      int? Column = null, string? Title = null)
{
    public static GithubAnnotation Error(string message, string? file = null, int? line = null, int? column = null) =>
        new("error", message, file, line, column);

    public static GithubAnnotation Warning(string message, string? file = null, int? line = null, int? column = null) =>
        new("warning", message, file, line, column);

    /// <summary>The command line, without a line break at the end.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("::").Append(Level);
        var properties = new List<string>();
        if (File is not null) properties.Add("file=" + EscapeProperty(File));
        if (Line is { } line) properties.Add("line=" + line.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Column is { } col) properties.Add("col=" + col.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (Title is not null) properties.Add("title=" + EscapeProperty(Title));
        if (properties.Count > 0) sb.Append(' ').AppendJoin(',', properties);
        return sb.Append("::").Append(EscapeData(Message)).ToString();
    }

    public static string EscapeData(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal)
            .Replace("\n", "%0A", StringComparison.Ordinal);

    public static string EscapeProperty(string text) =>
        EscapeData(text).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);

    /// <summary>
    /// A path as GitHub wants it in <c>file=</c>: relative to the repository root, with forward slashes (the path
    /// as given when it lies outside <paramref name="repositoryRoot"/> or no root is known).
    /// </summary>
    public static string RepositoryPath(string path, string? repositoryRoot)
    {
        var full = Path.GetFullPath(path);
        if (repositoryRoot is null) return path.Replace('\\', '/');
        var relative = Path.GetRelativePath(repositoryRoot, full);
        return (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path : relative)
            .Replace('\\', '/');
    }
}
