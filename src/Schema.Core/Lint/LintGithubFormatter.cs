using Schema.Core.Pipeline;

namespace Schema.Core.Lint;

/// <summary>
/// GitHub Actions workflow commands (<c>::error file=…,line=…,title=…::message</c>), one per finding, so a pull
/// request shows each on its line; notices become <c>::notice</c>. Written by <see cref="GithubAnnotation"/>, the
/// escaping <c>up --format github</c> uses too.
/// </summary>
public static class LintGithubFormatter
{
    /// <param name="pathOf">the repository-relative path of a script name (a finding's File)</param>
    public static string Format(LintReport report, Func<string, string> pathOf)
    {
        var w = new StringWriter();
        foreach (var f in report.Findings)
            w.WriteLine(GithubAnnotation.Error($"{f.Message} — fix: {f.Fix}", pathOf(f.File), f.Line > 0 ? f.Line : null)
                with { Title = f.Rule });
        foreach (var n in report.Notices) w.WriteLine(new GithubAnnotation("notice", n, Title: "schema lint"));
        w.WriteLine(report.Clean ? "lint: clean" : $"lint: {report.Findings.Count} finding(s)");
        return w.ToString();
    }
}
