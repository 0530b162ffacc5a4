namespace Schema.Core.Execution;

public sealed record UpResult(IReadOnlyList<string> Applied, IReadOnlyList<ScriptStatus> Deferred, IReadOnlyList<ScriptStatus> Missing);
