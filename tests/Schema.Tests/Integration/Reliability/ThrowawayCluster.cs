using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Schema.Tests.Reliability;

/// <summary>
/// A PostgreSQL 17 cluster of the test's own, which it may crash: initdb'd as the chroot's postgres user inside the
/// zero-config local server's root filesystem (see src/Schema.Core/LocalServer/local-server.sh), on a free port, with
/// its own data folder, TLS on (a CA and server certificate made with openssl on the host). Only plain PostgreSQL:
/// no shared_preload_libraries, so the scripts the tests run against it use core SQL only.
/// </summary>
public sealed class ThrowawayCluster : IAsyncDisposable
{
    private const string PgBin = "/usr/lib/postgresql/17/bin";
    private readonly string _rootfs;
    private readonly string _uid;
    private readonly string _dataDir; // inside the chroot

    public int Port { get; }
    public string Password { get; } = "Rel-" + Guid.NewGuid().ToString("N")[..16];

    /// <summary>
    /// Host-side folder with ca.pem (the CA that signed the server certificate) and other-ca.pem (one that did not).
    /// </summary>
    public string CertificateFolder { get; }
    public string CaFile => Path.Combine(CertificateFolder, "ca.pem");
    public string OtherCaFile => Path.Combine(CertificateFolder, "other-ca.pem");

    private ThrowawayCluster(string rootfs, string uid, string dataDir, int port, string certificates)
    {
        _rootfs = rootfs;
        _uid = uid;
        _dataDir = dataDir;
        Port = port;
        CertificateFolder = certificates;
    }

    /// <summary>Why no cluster can be made here, or null when it can.</summary>
    public static string? UnavailableBecause()
    {
        if (Environment.UserName != "root")
            return "a throwaway cluster needs root (chroot into the local server's root filesystem)";
        if (!File.Exists(Path.Combine(RootFs, "usr/lib/postgresql/17/bin/initdb")))
            return $"no local server root filesystem with PostgreSQL 17 at {RootFs} (run `schema local start` as root once)";
        if (FindOnPath("openssl") is null) return "no openssl on the host (needed for the TLS certificates)";
        return null;
    }

    private static string RootFs
    {
        get
        {
            var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            var home = Environment.GetEnvironmentVariable("SCHEMA_LOCAL_HOME") is { Length: > 0 } configured
                ? configured
                : Path.Combine(cache, "schema-cli", "pg17");
            return Path.Combine(home, "rootfs");
        }
    }

    public static async Task<ThrowawayCluster> CreateAsync()
    {
        var rootfs = RootFs;
        var uid = File.ReadLines(Path.Combine(rootfs, "etc/passwd")).Select(l => l.Split(':'))
            .Where(f => f[0] == "postgres").Select(f => f[2] + ":" + f[3]).Single();
        var name = "reliab-" + Guid.NewGuid().ToString("N")[..10];
        var dataDir = "/var/lib/postgresql/" + name;
        var certificates = Directory.CreateTempSubdirectory("reliab-tls-").FullName;
        var cluster = new ThrowawayCluster(rootfs, uid, dataDir, FreePort(), certificates);
        try
        {
            await cluster.InitAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    private string HostPath(string chrootPath) => Path.Combine(_rootfs, chrootPath.TrimStart('/'));

    private async Task InitAsync()
    {
        Directory.CreateDirectory(HostPath(_dataDir));
        await RunAsync("chown", _uid, HostPath(_dataDir));
        var pwfile = _dataDir + ".pw";
        await File.WriteAllTextAsync(HostPath(pwfile), Password + "\n");
        await RunAsync("chown", _uid, HostPath(pwfile));
        await AsPostgresAsync(PgBin + "/initdb", "-D", _dataDir, "-U", "postgres", "--pwfile=" + pwfile,
            "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
        File.Delete(HostPath(pwfile));

        await MakeCertificatesAsync();
        foreach (var file in new[] { "server.crt", "server.key" })
        {
            File.Copy(Path.Combine(CertificateFolder, file), HostPath(_dataDir + "/" + file));
            await RunAsync("chown", _uid, HostPath(_dataDir + "/" + file));
        }
        await RunAsync("chmod", "600", HostPath(_dataDir + "/server.key")); // PostgreSQL refuses a key others can read
        await File.AppendAllTextAsync(HostPath(_dataDir + "/postgresql.conf"), string.Create(CultureInfo.InvariantCulture, $"""

            # --- reliability tests: a throwaway cluster ---
            listen_addresses = '127.0.0.1'
            port = {Port}
            unix_socket_directories = ''
            dynamic_shared_memory_type = mmap
            shared_buffers = 32MB
            max_connections = 40
            fsync = off
            ssl = on
            ssl_cert_file = 'server.crt'
            ssl_key_file = 'server.key'

            """));
        await StartAsync();
    }

    /// <summary>A CA, a server certificate it signs for 127.0.0.1 (IP SAN), and an unrelated second CA.</summary>
    private async Task MakeCertificatesAsync()
    {
        var d = CertificateFolder;
        string F(string n) => Path.Combine(d, n);
        await RunAsync("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=reliab test CA",
            "-keyout", F("ca.key"), "-out", F("ca.pem"));
        await RunAsync("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=reliab other CA",
            "-keyout", F("other-ca.key"), "-out", F("other-ca.pem"));
        await RunAsync("openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1",
            "-keyout", F("server.key"), "-out", F("server.csr"));
        await File.WriteAllTextAsync(F("san.ext"), "subjectAltName = IP:127.0.0.1, DNS:localhost\n");
        await RunAsync("openssl", "x509", "-req", "-in", F("server.csr"), "-CA", F("ca.pem"), "-CAkey", F("ca.key"),
            "-CAcreateserial", "-days", "2", "-extfile", F("san.ext"), "-out", F("server.crt"));
    }

    /// <summary>A connection string to <paramref name="database"/> as the superuser (plus any extra keywords).</summary>
    public string ConnectionString(string database, string extra = "") =>
        string.Create(CultureInfo.InvariantCulture,
            $"Host=127.0.0.1;Port={Port};Username=postgres;Password={Password};Database={database};Timeout=15;{extra}");

    public NpgsqlConnection Open(string database = "postgres")
    {
        var connection = new NpgsqlConnection(ConnectionString(database, "Pooling=false"));
        connection.Open();
        return connection;
    }

    /// <summary><c>pg_ctl restart -m immediate</c>: every backend killed without a checkpoint, crash recovery at start.</summary>
    public Task RestartImmediateAsync() => PgCtlAsync("restart", "-m", "immediate");

    public Task StopAsync() => PgCtlAsync("stop", "-m", "fast");

    public Task StartAsync() => PgCtlAsync("start");

    private Task PgCtlAsync(params string[] args) =>
        AsPostgresAsync([PgBin + "/pg_ctl", "-D", _dataDir, "-l", _dataDir + ".log", "-w", "-t", "120", .. args]);

    private Task AsPostgresAsync(params string[] command) =>
        RunAsync("chroot", ["--userspec=" + _uid, _rootfs, "env", "-i", "LANG=C.UTF-8", "PATH=/usr/bin:/bin",
            "HOME=/var/lib/postgresql", .. command]);

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', args.Take(4))} failed ({process.ExitCode}): {await stderr}{await stdout}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(p => Path.Combine(p, name)).FirstOrDefault(File.Exists);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (File.Exists(HostPath(_dataDir + "/postmaster.pid"))) await PgCtlAsync("stop", "-m", "immediate");
        }
        finally
        {
            if (Directory.Exists(HostPath(_dataDir))) Directory.Delete(HostPath(_dataDir), recursive: true);
            if (File.Exists(HostPath(_dataDir + ".log"))) File.Delete(HostPath(_dataDir + ".log"));
            Directory.Delete(CertificateFolder, recursive: true);
        }
    }
}
