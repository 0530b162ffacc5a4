namespace Schema.Core.Scripts;

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

    /// <summary>The text of the <c>.down.sql</c>, read (strict UTF-8) with the script.</summary>
    public string? DownContents { get; init; }

    public bool HasDown => DownPath is not null;
}
