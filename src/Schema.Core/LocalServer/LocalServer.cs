using System.Diagnostics;
using Npgsql;

namespace Schema.Core.LocalServer;

/// <summary>
/// The zero-config local database: when no connection string is configured, the CLI and the tests use a local
/// PostgreSQL 17 with TimescaleDB and pgvector. With no Docker engine on these machines, it is a Debian trixie
/// root filesystem built once by debootstrap in a cache folder outside the work tree (~/.cache/schema-cli/pg17)
/// and started through chroot on 127.0.0.1 (see local-server.sh, embedded in this assembly). Reused across runs
/// and clones; <c>schema local stop</c> stops it.
/// </summary>
public static class LocalServer
{
    public sealed record Endpoint(string Host, int Port, string Username, string Password, string PasswordFile)
    {
        public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
        {
            Host = Host, Port = Port, Username = Username, Password = Password, Database = database,
            // The local server is ours alone: no pooling surprises across CREATE/DROP DATABASE in tests.
            Timeout = 30, CommandTimeout = 0,
        }.ConnectionString;
    }

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static Endpoint? _cached;

    /// <summary>Builds, initialises and starts the server as needed (minutes the first time, milliseconds after).</summary>
    public static async Task<Endpoint> EnsureAsync(CancellationToken ct = default)
    {
        await Gate.WaitAsync(ct);
        try
        {
            if (_cached is not null) return _cached;
            var output = await RunScriptAsync("ensure", ct);
            var values = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Select(l => l.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim(), p => p[1].Trim());
            var env = File.ReadAllLines(values["passfile"]).Select(l => l.Split('=', 2)).Where(p => p.Length == 2)
                .ToDictionary(p => p[0], p => p[1]);
            return _cached = new Endpoint(values["host"], int.Parse(values["port"]), values["username"], env["password"], values["passfile"]);
        }
        finally
        {
            Gate.Release();
        }
    }

    public static Task<string> StopAsync(CancellationToken ct = default) => RunScriptAsync("stop", ct);
    public static Task<string> StatusAsync(CancellationToken ct = default) => RunScriptAsync("status", ct, allowExit3: true);

    /// <summary>Creates <paramref name="database"/> on the local server if it does not exist.</summary>
    public static async Task EnsureDatabaseAsync(Endpoint endpoint, string database, CancellationToken ct = default)
    {
        await using var connection = new NpgsqlConnection(endpoint.ConnectionString("postgres"));
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("select exists (select from pg_database where datname = @name)", connection);
        exists.Parameters.AddWithValue("name", database);
        if ((bool)(await exists.ExecuteScalarAsync(ct))!) return;
        try { await Execution.DatabaseAdmin.ExecFormattedAsync(connection, "create database %I", database, ct); }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase) { } // created concurrently
    }

    private static async Task<string> RunScriptAsync(string verb, CancellationToken ct, bool allowExit3 = false)
    {
        var script = Path.Combine(Path.GetTempPath(), $"schema-local-server-{Environment.ProcessId}-{Guid.NewGuid():N}.sh");
        await using (var resource = typeof(LocalServer).Assembly.GetManifestResourceStream("local-server.sh")
                                    ?? throw new InvalidOperationException("local-server.sh is not embedded"))
        await using (var file = File.Create(script))
            await resource.CopyToAsync(file, ct);
        try
        {
            var start = new ProcessStartInfo("bash", [script, verb])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = false, // progress goes straight to the user's terminal
                UseShellExecute = false,
            };
            using var process = Process.Start(start) ?? throw new LocalServerException("could not start bash");
            var output = await process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0 && !(allowExit3 && process.ExitCode == 3))
                throw new LocalServerException($"the local database could not be provided (local-server.sh {verb} exited {process.ExitCode}; see its messages above). " +
                                               "Or point the tool at a server: --connection / ConnectionStrings__Schema");
            return output;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new LocalServerException("bash is needed to provide the local database; or point the tool at a server: --connection / ConnectionStrings__Schema");
        }
        finally
        {
            File.Delete(script);
        }
    }
}
