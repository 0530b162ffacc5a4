using System.Text.RegularExpressions;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Reliability;

/// <summary>
/// TLS settings pass through the connection string (Npgsql keywords <c>SSL Mode</c>, <c>Root Certificate</c>) to every
/// command's connections: a migration checks, server-side, that its own session is encrypted; a root certificate that
/// did not sign the server's is refused with exit 2, one line, no password.
/// </summary>
public sealed partial class TlsTests(ThrowawayClusterFixture fixture) : IClassFixture<ThrowawayClusterFixture>
{
    [GeneratedRegex(@"\b(System\.|[A-Z]\w+(Exception|Error)\b)")]
    private static partial Regex DotNetTypeName();

    private const string AssertEncrypted = """
        -- fails unless this session is encrypted and the server certificate was verified by the client
        do $$
        begin
            if not coalesce((select ssl from pg_stat_ssl where pid = pg_backend_pid()), false) then
                raise exception 'this session is not encrypted';
            end if;
        end $$;
        create table over_tls (id int);
        """;

    private async Task<string> NewDatabaseAsync(ThrowawayCluster cluster)
    {
        var database = "reliab_tls_" + Guid.NewGuid().ToString("N")[..8];
        await using var admin = cluster.Open();
        await Sql.ExecAsync(admin, $"create database {database}"); // generated name
        return database;
    }

    [Theory]
    [InlineData("SSL Mode=VerifyFull")]
    [InlineData("SslMode=VerifyFull")]
    [InlineData("SSL Mode=Require")]
    public async Task Up_and_status_connect_over_tls_with_the_root_certificate(string sslMode)
    {
        var cluster = fixture.Cluster;
        var target = cluster.ConnectionString(await NewDatabaseAsync(cluster), $"{sslMode};Root Certificate={cluster.CaFile}");
        using var folder = new ScriptFolder().Add("0001_tls.sql", AssertEncrypted);

        var up = await CliRunner.RunAsync("up", "-c", target, "--migrations", folder.Path);
        Assert.True(up.ExitCode == 0, up.Stderr);
        var status = await CliRunner.RunAsync("status", "--json", "-c", target, "--migrations", folder.Path);
        Assert.True(status.ExitCode == 0, status.Stderr);
        Assert.Contains("\"applied\"", status.Stdout);
        Assert.DoesNotContain(cluster.Password, up.Stdout + up.Stderr + status.Stdout + status.Stderr);
    }

    [Theory]
    [InlineData("up")]
    [InlineData("status")]
    public async Task A_wrong_root_certificate_is_exit_2_in_one_line_without_the_password(string command)
    {
        var cluster = fixture.Cluster;
        var target = cluster.ConnectionString(await NewDatabaseAsync(cluster),
            $"SSL Mode=VerifyFull;Root Certificate={cluster.OtherCaFile}");
        using var folder = new ScriptFolder().Add("0001_tls.sql", AssertEncrypted);

        var result = await CliRunner.RunAsync(command, "-c", target, "--migrations", folder.Path);

        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Stderr}");
        var line = Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.StartsWith("error: ", line);
        Assert.DoesNotMatch(DotNetTypeName(), line);
        Assert.DoesNotContain(cluster.Password, result.Stdout + result.Stderr);
        await using var db = cluster.Open(new Npgsql.NpgsqlConnectionStringBuilder(target).Database!);
        Assert.False(await Sql.ScalarAsync<bool>(db, "select to_regclass('public.schemaversions') is not null"));
    }
}
