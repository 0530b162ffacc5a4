namespace Schema.Cli;

/// <summary>For --json: stdout carries only the document; warnings still go to stderr.</summary>
internal sealed class QuietLog(TextWriter stderr) : Schema.Core.Execution.IRunLog
{
    public void Info(string message) { }
    public void Warn(string message) => stderr.WriteLine("warning: " + message);
}
