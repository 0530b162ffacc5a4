namespace Schema.Core.Scripts;

public enum ScriptKind { Versioned, Repeatable }

/// <summary>One script found on disk: its identity (the file name the journal records), its content and header directives.</summary>
public sealed record MigrationScript(
    string Name,
    string Path,
    ScriptKind Kind,
    string? Version,
    string Contents,
    ScriptDirectives Directives,
    string? DownPath)
{
    /// <summary>SHA-256 of the content with line endings normalised, so a CRLF checkout is not "drift".</summary>
    public string Checksum { get; } = ScriptChecksum.Compute(Contents);

    public bool HasDown => DownPath is not null;
}
