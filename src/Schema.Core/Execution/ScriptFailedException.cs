using Npgsql;
using Schema.Core.Scripts;

namespace Schema.Core.Execution;

/// <summary>A script failed on the server. The message names file:line:column, SQLSTATE, message, detail and hint.</summary>
public sealed class ScriptFailedException : Exception
{
    public string ScriptPath { get; }
    public TextPosition Position { get; }
    public string SqlState { get; }
    public bool LockTimeout { get; }

    public ScriptFailedException(string scriptPath, TextPosition position, PostgresException error, string? prefix = null)
        : base(Format(scriptPath, position, error, prefix), error)
    {
        ScriptPath = scriptPath;
        Position = position;
        SqlState = error.SqlState;
        LockTimeout = error.SqlState == PostgresErrorCodes.LockNotAvailable;
    }

    /// <summary>The same failure with more said after it (what it leaves behind).</summary>
    public ScriptFailedException(ScriptFailedException failure, string suffix) : base(failure.Message + suffix, failure.InnerException)
    {
        ScriptPath = failure.ScriptPath;
        Position = failure.Position;
        SqlState = failure.SqlState;
        LockTimeout = failure.LockTimeout;
    }

    private static string Format(string path, TextPosition position, PostgresException e, string? prefix)
    {
        var text = $"{path}:{position.Line}:{position.Column}: {prefix}{e.SqlState}: {e.MessageText}";
        if (!string.IsNullOrEmpty(e.Detail)) text += $" (detail: {e.Detail})";
        if (!string.IsNullOrEmpty(e.Hint)) text += $" (hint: {e.Hint})";
        if (!string.IsNullOrEmpty(e.Where) && e.Position == 0) text += $" (where: {e.Where.Replace('\n', ' ')})";
        return text;
    }
}
