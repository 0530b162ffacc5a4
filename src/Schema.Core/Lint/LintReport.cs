namespace Schema.Core.Lint;

/// <summary>What <c>schema lint</c> found: findings (exit 1 when any), what was suppressed and why, the lock report,
/// notices (a rule skipped, a script not analysed) and the scripts linted.</summary>
public sealed record LintReport(
    IReadOnlyList<LintFinding> Findings,
    IReadOnlyList<SuppressedFinding> Suppressed,
    IReadOnlyList<LockObservation> Locks,
    IReadOnlyList<string> Notices,
    IReadOnlyList<string> Scripts,
    string Database)
{
    public bool Clean => Findings.Count == 0;
}

/// <summary>A finding a suppression (a script comment or lint-suppressions.txt) accepted, with its reason.</summary>
public sealed record SuppressedFinding(LintFinding Finding, string Reason, string Where);
