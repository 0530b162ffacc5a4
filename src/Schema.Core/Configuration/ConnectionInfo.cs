using Npgsql;

namespace Schema.Core.Configuration;

/// <summary>Connection string helpers that never let a password reach a log line or an error.</summary>
public static class ConnectionInfo
{
    public static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        try
        {
            return new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationException($"invalid connection string: {Mask(e.Message, connectionString)}");
        }
    }

    /// <summary>user@host:port/database — what a log line may say about the target.</summary>
    public static string Describe(string connectionString)
    {
        var b = Parse(connectionString);
        return $"{b.Username ?? Environment.UserName}@{b.Host}:{b.Port}/{b.Database ?? b.Username}";
    }

    public static bool IsLocalHost(string connectionString)
    {
        var host = Parse(connectionString).Host ?? "";
        return host.Split(',').All(h => h is "localhost" or "127.0.0.1" or "::1" or "[::1]" || h.StartsWith('/'));
    }

    /// <summary>Replaces the connection string's password wherever it appears in <paramref name="text"/>.</summary>
    public static string Mask(string text, string? connectionString)
    {
        if (string.IsNullOrEmpty(connectionString)) return text;
        string? password = null;
        try { password = new NpgsqlConnectionStringBuilder(connectionString).Password; } catch (ArgumentException) { }
        if (string.IsNullOrEmpty(password))
        {
            // Unparseable: mask anything after a password key.
            return System.Text.RegularExpressions.Regex.Replace(text, @"(?i)(password|pwd)\s*=\s*[^;]*", "$1=***");
        }
        return text.Replace(password, "***", StringComparison.Ordinal);
    }
}
