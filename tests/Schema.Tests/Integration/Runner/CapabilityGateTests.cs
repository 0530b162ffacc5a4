using Schema.Core.Execution;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Runner;

/// <summary>g. capability gates: deferred, listed, later scripts still run, applied once the server has the capability.</summary>
public sealed class CapabilityGateTests
{
    [Fact]
    public async Task A_gated_script_is_deferred_listed_and_not_journaled_while_later_scripts_run()
    {
        await using var db = await ScratchDatabase.CreateAsync("gate");
        var info = await TestServer.InfoAsync();
        var otherLicense = info.IsCommunityEdition ? "apache" : "timescale";
        using var folder = new ScriptFolder()
            .Add("0001_a.sql", "create table a (id int);")
            .Add("0002_gated.sql", "-- Needs an extension this server does not have.\n-- schema:requires extension=schema_absent_extension\ncreate extension schema_absent_extension;")
            .Add("0003_licensed.sql", $"-- schema:requires timescaledb-license={otherLicense}\ncreate table licensed (id int);")
            .Add("0004_b.sql", "create table b (id int);");
        var log = new CollectingRunLog();
        var result = await db.Engine(folder.Path, log: log).UpAsync();

        Assert.Equal(["0001_a.sql", "0004_b.sql"], result.Applied);
        Assert.Equal(["0002_gated.sql", "0003_licensed.sql"], result.Deferred.Select(d => d.Name));
        Assert.Contains("deferred 0002_gated.sql: the server lacks extension=schema_absent_extension", log.Lines);
        Assert.Contains($"deferred 0003_licensed.sql: the server lacks timescaledb-license={otherLicense}", log.Lines);
        Assert.Equal(["0001_a.sql", "0004_b.sql"], await db.JournalAsync());

        var status = await CliRunner.RunAsync("status", "--connection", db.ConnectionString, "--migrations", folder.Path);
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("deferred  0002_gated.sql  needs extension=schema_absent_extension", status.Stdout);
        var up = await CliRunner.RunAsync("up", "--connection", db.ConnectionString, "--migrations", folder.Path);
        Assert.Contains("nothing to apply (2 deferred)", up.Stdout);
    }

    [Fact]
    public async Task A_deferred_script_is_applied_by_a_later_up_once_the_server_has_the_capability()
    {
        // The server gains an extension for real: a control file appears in the local server's extension folder.
        Assert.SkipUnless(TestServer.UsesLocalServer, "needs the zero-config local server (its extension folder is writable); SCHEMA_TEST_CONNECTION points elsewhere");
        var extensionDir = await LocalExtensionDirectoryAsync();
        var name = "schema_cap_" + Guid.NewGuid().ToString("N")[..8];
        await using var db = await ScratchDatabase.CreateAsync("gate");
        using var folder = new ScriptFolder()
            .Add("0001_gated.sql", $"-- schema:requires extension={name}\ncreate extension {name};")
            .Add("0002_after.sql", "create table after_gate (id int);");
        Assert.Equal(["0002_after.sql"], (await db.Engine(folder.Path).UpAsync()).Applied);

        var control = Path.Combine(extensionDir, name + ".control");
        var script = Path.Combine(extensionDir, name + "--1.0.sql");
        try
        {
            File.WriteAllText(control, "default_version = '1.0'\nrelocatable = true\ncomment = 'schema tests: a capability that appears'\n");
            File.WriteAllText(script, "create function " + name + "_ok() returns int language sql as 'select 1';\n");
            Assert.Equal(["0001_gated.sql"], (await db.Engine(folder.Path).UpAsync()).Applied);
            Assert.Equal(1, await db.ScalarAsync<int>($"select {name}_ok()"));
            Assert.Equal(["0002_after.sql", "0001_gated.sql"], await db.JournalAsync());
        }
        finally
        {
            File.Delete(control);
            File.Delete(script);
        }
    }

    /// <summary>The extension folder inside the local server's root filesystem (beside the password file the server reports).</summary>
    private static async Task<string> LocalExtensionDirectoryAsync()
    {
        var endpoint = await Schema.Core.LocalServer.LocalServer.EnsureAsync();
        return Path.Combine(Path.GetDirectoryName(endpoint.PasswordFile)!, "rootfs", "usr", "share", "postgresql", "17", "extension");
    }
}
