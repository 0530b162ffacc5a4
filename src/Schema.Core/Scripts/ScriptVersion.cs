namespace Schema.Core.Scripts;

/// <summary>
/// A script's version is its leading digits, compared as a number: 2 runs before 10, and 0042 is 42. Versions may
/// be longer than any integer type (timestamps such as 20240102030405123), so they are compared as digit strings:
/// leading zeros dropped, then the shorter string is the smaller number, then digit by digit.
/// </summary>
public static class ScriptVersion
{
    /// <summary>0042 and 42 are the same version.</summary>
    public static string Key(string version) => version.TrimStart('0') is { Length: > 0 } v ? v : "0";

    public static int Compare(string a, string b)
    {
        var (x, y) = (Key(a), Key(b));
        return x.Length != y.Length ? x.Length.CompareTo(y.Length) : string.CompareOrdinal(x, y);
    }

    /// <summary>True for a non-empty string of ASCII digits.</summary>
    public static bool IsVersion(string text) => text.Length > 0 && text.All(char.IsAsciiDigit);

    /// <summary>Orders versioned scripts by version, then (never needed once duplicates are refused) by name.</summary>
    public static readonly Comparison<MigrationScript> ScriptOrder = (a, b) =>
        Compare(a.Version!, b.Version!) is var c and not 0 ? c : string.CompareOrdinal(a.Name, b.Name);
}
