using Npgsql;
using Schema.Core.Execution;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Cli;

/// <summary>
/// `up` and `status` need no superuser: a database owned by a login role with CREATEROLE (the platform roles are
/// cluster-wide), whose extensions a superuser created beforehand, migrates completely — also when it holds
/// platform_owner only WITH ADMIN OPTION and without SET, which is what a CREATEROLE role gets on PostgreSQL 16+ for a
/// role it creates itself (the first deploy to a fresh server: 0100 once failed there with 42501).
/// </summary>
public sealed class LeastPrivilegeTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Up_and_status_work_as_a_non_superuser_database_owner_with_createrole(bool adminWithoutSet)
    {
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var role = "schema_t_lp_" + suffix;
        var database = "schema_t_lpdb_" + suffix;
        var password = Guid.NewGuid().ToString("N");
        var admin = await TestServer.AdminConnectionStringAsync();
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await FormatAndRunAsync(connection, "create role %I login createrole nosuperuser password %L", role, password);
            await FormatAndRunAsync(connection, "create database %I owner %I", database, role);
            // stamped like the harness's databases, so that no concurrent test run takes it for a stale leftover
            await DatabaseAdmin.SetCommentAsync(connection, database,
                $"schema-tests test database created {DateTimeOffset.UtcNow.ToUnixTimeSeconds()}");
        }
        try
        {
            // What a DBA does once: the extensions need a superuser (timescaledb, pg_stat_statements are not trusted).
            await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString))
            {
                await connection.OpenAsync();
                foreach (var extension in new[] { "timescaledb", "vector", "pgcrypto", "pg_stat_statements" })
                    if (await Sql.ScalarAsync<bool>(connection, "select exists (select from pg_available_extensions where name = @n)", ("n", extension)))
                        await FormatAndRunAsync(connection, "create extension if not exists %I", extension);
            }
            var owner = new NpgsqlConnectionStringBuilder(admin) { Database = database, Username = role, Password = password }.ConnectionString;

            if (adminWithoutSet) await GrantPlatformOwnerAsCreatorAsync(admin, owner, role);

            var up = await CliRunner.RunAsync("up", "-c", owner, "--migrations", TestServer.MigrationsDirectory);
            Assert.True(up.ExitCode == 0, up.Stderr);
            var status = await CliRunner.RunAsync("status", "-c", owner, "--migrations", TestServer.MigrationsDirectory);
            Assert.True(status.ExitCode == 0, status.Stderr);
            Assert.DoesNotContain("pending", status.Stdout.Split('\n').Last(l => l.Length > 0));

            await using var check = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString);
            await check.OpenAsync();
            Assert.False(await Sql.ScalarAsync<bool>(check, "select rolsuper from pg_roles where rolname = @r", ("r", role)));
            Assert.Equal(role, await Sql.ScalarAsync<string>(check, "select nspowner::regrole::text from pg_namespace where nspname = 'market'"));
            Assert.True(await Sql.ScalarAsync<long>(check, "select count(*) from public.schemaversions where applied_by = @r", ("r", role)) > 0);
        }
        finally
        {
            await TestServer.DropDatabaseAsync(database);
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await FormatAndRunAsync(connection, "drop role if exists %I", role);
        }
    }

    // The platform roles are created by 0003 when missing (then the owner, their creator, holds ADMIN without SET
    // already); when they exist, a superuser gives the owner exactly that membership.
    private static async Task GrantPlatformOwnerAsCreatorAsync(string admin, string owner, string role)
    {
        var roles = await CliRunner.RunAsync("up", "-c", owner, "--migrations", TestServer.MigrationsDirectory, "--to", "0003");
        Assert.True(roles.ExitCode == 0, roles.Stderr);
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        if (await Sql.ScalarAsync<int>(connection, "select current_setting('server_version_num')::int") < 160000)
            Assert.Skip("PostgreSQL 15 has no SET option on role membership");
        var isMember = await Sql.ScalarAsync<bool>(connection,
            "select pg_has_role(@r, 'platform_owner', 'MEMBER')", ("r", role));
        if (!isMember)
            await FormatAndRunAsync(connection, "grant platform_owner to %I with admin option, inherit false, set false", role);
        Assert.False(await Sql.ScalarAsync<bool>(connection, "select pg_has_role(@r, 'platform_owner', 'SET')", ("r", role)));
    }

    private static async Task FormatAndRunAsync(NpgsqlConnection connection, string template, string first, string? second = null)
    {
        var sql = await Sql.ScalarAsync<string>(connection, "select format(@t, @a::text, @b::text)", ("t", template), ("a", first), ("b", second));
        await Sql.ExecAsync(connection, sql);
    }
}
