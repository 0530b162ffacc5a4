using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Execution;

/// <summary>What one script sets on the session does not change the scripts after it in the same run.</summary>
public sealed class SessionResetTests
{
    [Fact]
    public async Task A_search_path_set_by_one_script_does_not_move_the_next_scripts_objects()
    {
        await using var db = await ScratchDatabase.CreateAsync("reset");
        using var folder = new ScriptFolder()
            .Add("0001_elsewhere.sql", "create schema elsewhere; set search_path = elsewhere;")
            .Add("0002_t.sql", "create table t (id int);");
        await db.Engine(folder.Path).UpAsync();
        Assert.Equal("public", await db.ScalarAsync<string>("select relnamespace::regnamespace::text from pg_class where relname = 't'"));
    }

    [Fact]
    public async Task Session_replication_role_set_by_a_no_transaction_script_does_not_reach_the_next()
    {
        await using var db = await ScratchDatabase.CreateAsync("reset");
        using var folder = new ScriptFolder()
            .Add("0001_replica.sql", "-- schema:no-transaction\nset session_replication_role = replica;")
            .Add("0002_seen.sql", "create table seen as select current_setting('session_replication_role') as role, current_setting('search_path') as path;");
        await db.Engine(folder.Path).UpAsync();
        Assert.Equal("origin", await db.ScalarAsync<string>("select role from seen"));
    }

    [Fact]
    public async Task A_role_set_by_a_script_neither_writes_the_journal_nor_runs_the_next_script()
    {
        await using var db = await ScratchDatabase.CreateAsync("reset");
        var role = "schema_test_role_" + Guid.NewGuid().ToString("N")[..12];
        // Roles are cluster-wide: this one is unique to the test and dropped at the end.
        await Sql.ExecAsync(db.DataSource, $"create role {role} nologin");
        try
        {
            using var folder = new ScriptFolder()
                .Add("0001_role.sql", $"grant usage, create on schema public to {role}; set role {role};")
                .Add("0002_who.sql", "create table who as select current_user::text as name;");
            var me = await db.ScalarAsync<string>("select current_user::text");
            var result = await db.Engine(folder.Path).UpAsync();
            Assert.Equal(["0001_role.sql", "0002_who.sql"], result.Applied);
            Assert.Equal(me, await db.ScalarAsync<string>("select name from who"));
            Assert.Equal([me, me], await Sql.ListAsync<string>(db.DataSource,
                "select applied_by from public.schemaversions order by schemaversionsid"));
        }
        finally
        {
            await Sql.ExecAsync(db.DataSource, $"drop owned by {role}; drop role {role}");
        }
    }
}
