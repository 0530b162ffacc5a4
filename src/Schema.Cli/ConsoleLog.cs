using Schema.Core.Execution;

namespace Schema.Cli;

/// <summary>Engine progress to the console: information on stdout, warnings on stderr.</summary>
internal sealed class ConsoleLog(TextWriter stdout, TextWriter stderr) : IRunLog
{
    public void Info(string message) => stdout.WriteLine(message);
    public void Warn(string message) => stderr.WriteLine("warning: " + message);
}
