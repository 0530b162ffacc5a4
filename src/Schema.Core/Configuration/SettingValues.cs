using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace Schema.Core.Configuration;

/// <summary>
/// Reads the <c>Schema</c> section's values with errors in plain words: a bad number from the command line, the
/// environment or appsettings.json is a configuration error (exit 2) naming the setting, not a .NET conversion failure.
/// </summary>
public static partial class SettingValues
{
    /// <summary>
    /// The largest timeout, in seconds: PostgreSQL's lock_timeout/statement_timeout are whole milliseconds in an int.
    /// </summary>
    public const double MaxSeconds = int.MaxValue / 1000;

    /// <summary>The largest retry count (each retry waits a lock_timeout and a backoff: more is a hang).</summary>
    public const int MaxCount = 1000;

    public static TimeSpan Seconds(IConfiguration configuration, string key, string? option, double defaultSeconds)
    {
        var raw = configuration["Schema:" + key];
        if (raw is null) return TimeSpan.FromSeconds(defaultSeconds);
        if (!double.TryParse(raw.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
            || !double.IsFinite(seconds) || seconds < 0 || seconds > MaxSeconds)
            throw Bad(key, option, raw, $"a number of seconds from 0 to {MaxSeconds:0}");
        return TimeSpan.FromSeconds(seconds);
    }

    public static int Count(IConfiguration configuration, string key, string? option, int defaultCount)
    {
        var raw = configuration["Schema:" + key];
        if (raw is null) return defaultCount;
        if (!int.TryParse(raw.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count)
            || count < 0 || count > MaxCount)
            throw Bad(key, option, raw, $"a whole number from 0 to {MaxCount}");
        return count;
    }

    private static ConfigurationException Bad(string key, string? option, string raw, string expected) =>
        new($"{(option is null ? "" : option + " / ")}Schema:{key} must be {expected}, not '{SecretMasking.Mask(raw)}'");

    [GeneratedRegex("value '(?<value>.*)' at '(?<key>[^']*)'")]
    private static partial Regex ConversionFailure();

    /// <summary>The section, bound by the source-generated binder; a value it cannot convert is a configuration error.
    /// </summary>
    public static SchemaSection Bind(IConfiguration configuration)
    {
        try
        {
            return configuration.GetSection("Schema").Get<SchemaSection>() ?? new SchemaSection();
        }
        catch (InvalidOperationException e)
        {
            var m = ConversionFailure().Match(e.Message);
            throw new ConfigurationException(m.Success
                ? $"{m.Groups["key"].Value} has a value of the wrong kind: "
                  + $"'{SecretMasking.Mask(m.Groups["value"].Value)}'"
                : "the Schema configuration section cannot be read: " + SecretMasking.Mask(e.Message));
        }
    }
}
