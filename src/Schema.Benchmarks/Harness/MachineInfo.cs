using System.Runtime.InteropServices;
using Npgsql;

namespace Schema.Benchmarks.Harness;

/// <summary>The machine and server the figures were measured on.</summary>
public sealed record MachineInfo(
    int Cores,
    string Cpu,
    string Memory,
    string Os,
    string Dotnet,
    string Postgres,
    string Timescale,
    string Vector,
    string Partman,
    string ServerSettings,
    string Psql)
{
    public static async Task<MachineInfo> ReadAsync(BenchServer server, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(BenchSql.Load("machine_versions"), server.Admin);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        string Text(int i) => r.IsDBNull(i) ? "not available" : r.GetString(i);
        var timescale = Text(1) + (r.IsDBNull(2) ? "" : $" ({r.GetString(2)} license)");
        var settings = $"shared_buffers {Text(5)}, max_locks_per_transaction {Text(6)}";
        string psql;
        try
        {
            psql = (await ProcessRunner.RunAsync("psql", ["--version"], new Dictionary<string, string>(),
                Environment.CurrentDirectory, ct)).Stdout.Trim();
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or BenchFailure)
        {
            psql = "psql not found";
        }
        return new MachineInfo(Environment.ProcessorCount, CpuModel(), TotalMemory(), OsName(),
            RuntimeInformation.FrameworkDescription, Text(0), timescale, Text(3), Text(4), settings, psql);
    }

    private static string CpuModel() =>
        ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
            ?.Split(':', 2)[1].Trim() ?? RuntimeInformation.ProcessArchitecture.ToString();

    private static string TotalMemory()
    {
        var line = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kb = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kb is not null && long.TryParse(kb, out var k) ? $"{k / 1024.0 / 1024.0:0.0} GiB" : "unknown";
    }

    private static string OsName() =>
        ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))
            ?.Split('=', 2)[1].Trim('"') + $" (kernel {Environment.OSVersion.Version})";

    private static string[] ReadLines(string path) => File.Exists(path) ? File.ReadAllLines(path) : [];
}
