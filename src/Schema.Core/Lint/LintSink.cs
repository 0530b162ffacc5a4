namespace Schema.Core.Lint;

/// <summary>What the analyses of one lint run collect, before suppressions are applied.</summary>
public sealed class LintSink
{
    public List<LintFinding> Findings { get; } = [];
    public List<LockObservation> Locks { get; } = [];
    public List<string> Notices { get; } = [];
}
