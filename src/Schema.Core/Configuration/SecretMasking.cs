using System.Text.RegularExpressions;

namespace Schema.Core.Configuration;

/// <summary>
/// Removes secrets from text the tool is about to print: the value of every <c>Password=</c>/<c>Pwd=</c> key
/// (quoted values included) and the password of every <c>postgres://user:password@host</c> URI. Only the value is
/// replaced, so a short password does not turn every occurrence of its letters into stars.
/// </summary>
public static partial class SecretMasking
{
    public const string Stars = "***";

    // key = 'quoted;value' | "quoted;value" | anything up to the next ';' or the end of the line
    [GeneratedRegex("""(?<key>\b(?:password|pwd))(?<eq>\s*=\s*)(?:'(?:[^']|'')*'?|"(?:[^"]|"")*"?|[^;\r\n]*)""",
        RegexOptions.IgnoreCase)]
    private static partial Regex PasswordKeyValue();

    // scheme://user:password@  (the password ends at the last '@' before the host)
    [GeneratedRegex(@"(?<prefix>\bpostgres(?:ql)?://[^:/@\s]*:)[^\s/]*@", RegexOptions.IgnoreCase)]
    private static partial Regex UriPassword();

    /// <summary>Passwords shorter than this are only masked as connection-string values, never as free text.</summary>
    public const int MinimumFreeTextLength = 8;

    /// <summary>
    /// <paramref name="text"/> without secrets. <paramref name="knownPassword"/> (the configured one) is also
    /// replaced where it appears on its own, when it is long enough not to be an ordinary word.
    /// </summary>
    public static string Mask(string text, string? knownPassword = null)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var masked = PasswordKeyValue().Replace(text, m => m.Groups["key"].Value + m.Groups["eq"].Value + Stars);
        masked = UriPassword().Replace(masked, m => m.Groups["prefix"].Value + Stars + "@");
        if (knownPassword is { Length: >= MinimumFreeTextLength })
            masked = masked.Replace(knownPassword, Stars, StringComparison.Ordinal);
        return masked;
    }
}
