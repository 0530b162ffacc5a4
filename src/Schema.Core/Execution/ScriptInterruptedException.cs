namespace Schema.Core.Execution;

/// <summary>
/// A script stopped part-way for a reason outside it: the run was cancelled (a signal), or the connection to the
/// server was lost (the server died or the session was terminated). The message names the script, where it was and
/// what state it leaves: a transactional script was rolled back; a no-transaction script's earlier statements stay.
/// </summary>
public sealed class ScriptInterruptedException(string message, bool cancelled, Exception? inner = null)
    : Exception(message, inner)
{
    /// <summary>True when the run was cancelled (Ctrl-C, SIGTERM); false when the server connection was lost.</summary>
    public bool Cancelled { get; } = cancelled;
}
