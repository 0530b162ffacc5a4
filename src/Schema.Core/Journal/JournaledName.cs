using System.Text.RegularExpressions;

namespace Schema.Core.Journal;

/// <summary>
/// What a journaled script name says about the script. This runner journals the bare file name (<c>0001_a.sql</c>);
/// DbUp journals whatever its script provider named the script: the file name for a flat folder, the embedded
/// resource name for embedded scripts (<c>MyApp.Scripts.0001_a.sql</c>), the relative path joined with dots for
/// subfolders (<c>platform.0001_a.sql</c>). A journaled name matches a file when it is that file name, or ends
/// with it after a <c>.</c>, <c>/</c> or <c>\</c>; its version is the number that starts its last such part.
/// </summary>
public static partial class JournaledName
{
    [GeneratedRegex(@"^(?:.*?[./\\])??(?<version>\d+)_[^/\\]*\.sql$", RegexOptions.IgnoreCase)]
    private static partial Regex VersionedName();

    /// <summary>True when <paramref name="journaled"/> is <paramref name="fileName"/> with or without a prefix.</summary>
    public static bool Matches(string journaled, string fileName) =>
        journaled == fileName
        || journaled.Length > fileName.Length && journaled.EndsWith(fileName, StringComparison.Ordinal)
           && journaled[^(fileName.Length + 1)] is '.' or '/' or '\\';

    /// <summary>The version a journaled name carries (digits as written), or null for a name without one.</summary>
    public static string? Version(string journaled) =>
        VersionedName().Match(journaled) is { Success: true } m ? m.Groups["version"].Value : null;
}
