using Npgsql;

namespace Schema.Core.Configuration;

/// <summary>Connection string helpers that never let a password reach a log line or an error.</summary>
public static class ConnectionInfo
{
    public static NpgsqlConnectionStringBuilder Parse(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationException($"invalid connection string: {Mask(Plain(e), connectionString)}");
        }
        // Npgsql takes any integer here and fails only when connecting, with an argument error.
        if (builder.Port is < 1 or > 65535)
            throw new ConfigurationException($"invalid connection string: Port must be between 1 and 65535, got {builder.Port}");
        return builder;
    }

    // "Couldn't set bogus (Parameter 'bogus')" -> "unknown key or invalid value: bogus"
    private static string Plain(ArgumentException e)
    {
        var message = e.ParamName is { } name ? e.Message.Replace($" (Parameter '{name}')", "") : e.Message;
        return message.StartsWith("Couldn't set ", StringComparison.Ordinal)
            ? "unknown key or invalid value: " + message["Couldn't set ".Length..]
            : message.TrimEnd('.');
    }

    /// <summary>
    /// The connection string the runner uses: server error details (e.g. which key violated a constraint) are part of
    /// a migration error message, so Npgsql must not redact them. No pooling: every run starts on a fresh session, so no
    /// session state a script left behind (search_path, a dropped-and-recreated extension's loaded library — TimescaleDB
    /// must be created as the first command of a session) leaks into the next run.
    /// </summary>
    public static string ForRunner(string connectionString) =>
        new NpgsqlConnectionStringBuilder(Parse(connectionString).ConnectionString) { IncludeErrorDetail = true, Pooling = false }.ConnectionString;

    /// <summary>user@host:port/database — what a log line may say about the target.</summary>
    public static string Describe(string connectionString)
    {
        var b = Parse(connectionString);
        return $"{b.Username ?? Environment.UserName}@{b.Host}:{b.Port}/{b.Database ?? b.Username}";
    }

    /// <summary>
    /// True when <paramref name="connectionString"/> points at the zero-config local server: a loopback host (or its
    /// socket folder) on the port recorded in its <c>server.env</c>. Anything else on 127.0.0.1 may be a port-forward
    /// to a shared or production server, so it does not count.
    /// </summary>
    public static bool IsZeroConfigLocalServer(string connectionString)
    {
        var b = Parse(connectionString);
        var hosts = (b.Host ?? "").Split(',', StringSplitOptions.TrimEntries);
        var loopback = hosts.All(h => h is "localhost" or "127.0.0.1" or "::1" or "[::1]");
        return loopback && LocalServerPort() is { } port && b.Port == port;
    }

    /// <summary>The port in the zero-config server's <c>server.env</c> (folder as in local-server.sh), or null.</summary>
    public static int? LocalServerPort()
    {
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        var home = Environment.GetEnvironmentVariable("SCHEMA_LOCAL_HOME") is { Length: > 0 } configured
            ? configured
            : Path.Combine(cache, "schema-cli", "pg17");
        try
        {
            foreach (var line in File.ReadLines(Path.Combine(home, "server.env")))
                if (line.StartsWith("port=", StringComparison.Ordinal) && int.TryParse(line.AsSpan(5), out var port))
                    return port;
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }

    /// <summary>
    /// <paramref name="text"/> with every connection-string or URI password masked, and the password of
    /// <paramref name="connectionString"/> wherever it appears, when it is long enough to be told from ordinary words.
    /// </summary>
    public static string Mask(string text, string? connectionString)
    {
        string? password = null;
        if (!string.IsNullOrEmpty(connectionString))
            try { password = new NpgsqlConnectionStringBuilder(connectionString).Password; }
            catch (ArgumentException) { } // unparseable: the key=value masking still applies
        return SecretMasking.Mask(text, password);
    }
}
