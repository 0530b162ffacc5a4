using System.Diagnostics;
using System.Text;
using Npgsql;

namespace Schema.Tests.Harness;

public sealed record PsqlResult(int ExitCode, string Stdout, string Stderr);

/// <summary>The host's psql (PostgreSQL's own client), for tests that check what a DBA would run by hand.</summary>
public static class Psql
{
    /// <summary>psql on PATH, or null (tests skip with the reason).</summary>
    public static string? Path =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator)
        .Select(dir => System.IO.Path.Combine(dir, "psql")).FirstOrDefault(File.Exists);

    public const string Missing = "psql is not on PATH (apt-get install postgresql-client)";

    /// <summary>Runs <paramref name="sqlFile"/> with <c>psql -X -v ON_ERROR_STOP=1 -f</c> against a database.</summary>
    public static async Task<PsqlResult> RunFileAsync(string connectionString, string sqlFile, CancellationToken ct)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException(Missing))
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8, StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var arg in new[] { "-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", sqlFile }) start.ArgumentList.Add(arg);
        // The password goes through the environment, never the command line.
        start.Environment["PGHOST"] = target.Host;
        start.Environment["PGPORT"] = target.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = target.Username;
        start.Environment["PGPASSWORD"] = target.Password;
        start.Environment["PGDATABASE"] = target.Database;
        start.Environment["PGCLIENTENCODING"] = "UTF8";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        return new PsqlResult(process.ExitCode, await stdout, await stderr);
    }
}
