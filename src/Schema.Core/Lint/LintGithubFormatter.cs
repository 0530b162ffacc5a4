namespace Schema.Core.Lint;

/// <summary>
/// GitHub Actions workflow commands (<c>::error file=…,line=…,title=…::message</c>), one per finding, so a pull
/// request shows each on its line; notices become <c>::notice</c>. Values escaped as the runner's toolkit does.
/// (A shared annotation writer is coming in Pipeline/; this one is lint's own until the merge.)
/// </summary>
public static class LintGithubFormatter
{
    /// <param name="pathOf">the repository-relative path of a script name (a finding's File)</param>
    public static string Format(LintReport report, Func<string, string> pathOf)
    {
        var w = new StringWriter();
        foreach (var f in report.Findings)
        {
            var props = $"file={Property(pathOf(f.File))}" + (f.Line > 0 ? $",line={f.Line}" : "") + $",title={Property(f.Rule)}";
            w.WriteLine($"::error {props}::{Data($"{f.Message} — fix: {f.Fix}")}");
        }
        foreach (var n in report.Notices) w.WriteLine($"::notice title=schema lint::{Data(n)}");
        w.WriteLine(report.Clean ? "lint: clean" : $"lint: {report.Findings.Count} finding(s)");
        return w.ToString();
    }

    private static string Data(string s) =>
        s.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal)
         .Replace("\n", "%0A", StringComparison.Ordinal);

    private static string Property(string s) =>
        Data(s).Replace(":", "%3A", StringComparison.Ordinal).Replace(",", "%2C", StringComparison.Ordinal);
}
