namespace Schema.Core.Lint;

/// <summary>The report for a terminal: the lock report (locks stronger than ROW EXCLUSIVE on existing tables), then
/// each finding as <c>file:line: rule: explanation</c> with its fix, notices, suppressions and a summary line.</summary>
public static class LintTextFormatter
{
    public static string Format(LintReport report)
    {
        var w = new StringWriter();
        w.WriteLine($"lint: {report.Scripts.Count} script(s) analysed on throwaway database {report.Database} (dropped)");
        var locks = report.Locks.Where(l => LockObservation.Strength(l.Mode) >= LockObservation.Strength("ShareUpdateExclusiveLock")).ToList();
        if (locks.Count > 0)
        {
            w.WriteLine("locks on existing tables:");
            foreach (var l in locks)
                w.WriteLine($"  {l.File}:{l.Line}  {l.Relation}  {LockObservation.SqlName(l.Mode)}  blocks {l.Blocks}" +
                            $"{(l.Rewrite ? "  rewrite: yes" : "")}");
        }
        foreach (var f in report.Findings)
        {
            w.WriteLine($"{f.Location}: {f.Rule}: {f.Message}");
            w.WriteLine($"  fix: {f.Fix}");
        }
        foreach (var n in report.Notices) w.WriteLine("note: " + n);
        if (report.Suppressed.Count > 0)
            w.WriteLine($"suppressed: {report.Suppressed.Count} finding(s) accepted with a reason " +
                        $"({string.Join(", ", report.Suppressed.GroupBy(s => s.Finding.Rule).Select(g => $"{g.Key} {g.Count()}"))})");
        w.WriteLine(report.Clean ? "lint: clean" : $"lint: {report.Findings.Count} finding(s)");
        return w.ToString();
    }
}
