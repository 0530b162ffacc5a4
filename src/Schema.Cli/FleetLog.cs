using Schema.Core.Configuration;
using Schema.Core.Execution;

namespace Schema.Cli;

/// <summary>
/// The engine's log for one target of a fleet: per-script progress is left out (the fleet prints one line per
/// target), warnings go to stderr named by the target, whole lines at a time (targets run in parallel), masked.
/// </summary>
internal sealed class FleetLog(string target, string? password, TextWriter stderr, Lock output) : IRunLog
{
    public void Info(string message) { }

    public void Warn(string message)
    {
        var line = SecretMasking.Mask($"warning: {target}: {message}", password);
        lock (output) stderr.WriteLine(line);
    }
}
