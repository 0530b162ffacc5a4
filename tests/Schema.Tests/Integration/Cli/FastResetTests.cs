using Npgsql;
using Schema.Core.Execution;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Cli;

/// <summary>
/// `schema reset` clones a migrated template kept per set of migrations; it resets only the zero-config local server
/// unless told otherwise.
/// </summary>
public sealed class FastResetTests
{
    [Fact]
    public async Task Reset_refuses_a_loopback_address_that_is_not_the_local_server_without_force()
    {
        using var folder = new ScriptFolder().Add("0001_a.sql", "select 1;");
        // 127.0.0.1 on another port: an SSH port-forward to a production server looks exactly like this.
        var result = await CliRunner.RunAsync("reset", "-c", "Host=127.0.0.1;Port=1;Username=u;Password=p;Database=prod", "--migrations", folder.Path);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: refusing to reset u@127.0.0.1:1/prod: not the zero-config local server", result.Stderr);
    }

    [Fact]
    public async Task The_second_reset_clones_the_template_the_dump_equals_a_fresh_up_and_an_edit_rebuilds_it()
    {
        using var migrations = CopyOfRepositoryMigrations();
        await using var target = await ScratchDatabase.CreateAsync("frst");
        await using var fresh = await ScratchDatabase.CreateAsync("frup");
        var template = ResetTemplate.NameFor(target.Name);
        try
        {
            // --force: the test server may be SCHEMA_TEST_CONNECTION's rather than the zero-config one.
            string[] Args(params string[] command) => [.. command, "-c", target.ConnectionString, "--migrations", migrations.Path, "--no-seed", "--force"];

            var first = await CliRunner.RunAsync(Args("reset"));
            Assert.True(first.ExitCode == 0, first.Stderr);
            Assert.Contains($"building template {template}", first.Stdout);

            var second = await CliRunner.RunAsync(Args("reset"));
            Assert.True(second.ExitCode == 0, second.Stderr);
            Assert.Contains($"using template {template}", second.Stdout);
            Assert.Contains("cloned from the template (migrations unchanged since it was built)", second.Stdout);
            Assert.DoesNotContain("building template", second.Stdout);
            // the harness's stamp survives (else a concurrent test run would take the database for a stale leftover)
            Assert.StartsWith("schema-tests test database created ",
                await target.ScalarAsync<string>("select shobj_description(oid, 'pg_database') from pg_database where datname = current_database()"));

            var up = await CliRunner.RunAsync("up", "-c", fresh.ConnectionString, "--migrations", migrations.Path);
            Assert.True(up.ExitCode == 0, up.Stderr);
            var resetDump = await CliRunner.RunAsync("dump", "-c", target.ConnectionString);
            var freshDump = await CliRunner.RunAsync("dump", "-c", fresh.ConnectionString);
            Assert.True(resetDump.ExitCode == 0 && freshDump.ExitCode == 0, resetDump.Stderr + freshDump.Stderr);
            Assert.True(freshDump.Stdout == resetDump.Stdout, DumpDiff.Describe(freshDump.Stdout, resetDump.Stdout));

            // Edit an applied migration: the template no longer matches and is rebuilt with the edit.
            var last = Directory.GetFiles(migrations.Path, "*.sql").Where(f => !f.EndsWith(".down.sql"))
                .Where(f => !File.ReadAllText(f).Contains("schema:requires")) // gated scripts may be deferred here
                .Order(StringComparer.Ordinal).Last();
            File.AppendAllText(last, "\ncreate table public.reset_template_probe (id int);\n");
            var third = await CliRunner.RunAsync(Args("reset"));
            Assert.True(third.ExitCode == 0, third.Stderr);
            Assert.Contains($"building template {template}", third.Stdout);
            Assert.True(await target.ScalarAsync<bool>("select to_regclass('public.reset_template_probe') is not null"));
        }
        finally
        {
            await using var admin = new NpgsqlConnection(await TestServer.AdminConnectionStringAsync());
            await admin.OpenAsync();
            await ResetTemplate.DropAsync(admin, template, CancellationToken.None);
        }
    }

    private static ScriptFolder CopyOfRepositoryMigrations()
    {
        var copy = new ScriptFolder();
        foreach (var file in Directory.GetFiles(TestServer.MigrationsDirectory, "*", SearchOption.AllDirectories))
            copy.Add(Path.GetRelativePath(TestServer.MigrationsDirectory, file), File.ReadAllText(file));
        return copy;
    }
}
