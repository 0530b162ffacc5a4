namespace Schema.Core.Execution;

public sealed class CollectingRunLog : IRunLog
{
    private readonly List<string> _lines = [];
    public IReadOnlyList<string> Lines { get { lock (_lines) return [.. _lines]; } }
    public void Info(string message) { lock (_lines) _lines.Add(message); }
    public void Warn(string message) { lock (_lines) _lines.Add("warning: " + message); }
}
