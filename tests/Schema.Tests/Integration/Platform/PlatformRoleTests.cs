using Npgsql;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Platform;

/// <summary>
/// The platform roles (0003) as seen from an application schema (quant): platform_app has DML but no DDL,
/// platform_readonly has select only, and default privileges cover tables and chunks created after the grants.
/// Every check runs in its own transaction under `set local role`, rolled back afterwards.
/// </summary>
public sealed class PlatformRoleTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private const string InsufficientPrivilege = "42501";

    /// <summary>Runs the statements in one transaction as <paramref name="role"/> (after optional setup as the migrating role); returns the error, if any.</summary>
    private async Task<PostgresException?> TryAsRoleAsync(string role, string? setupSql, params string[] statements)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync(); // never committed: disposing rolls back
        try
        {
            if (setupSql is not null)
            {
                await using var setup = new NpgsqlCommand(setupSql, conn, tx);
                await setup.ExecuteNonQueryAsync();
            }
            // role names are constants of this class, never input
            await using (var setRole = new NpgsqlCommand($"set local role {role}", conn, tx))
                await setRole.ExecuteNonQueryAsync();
            foreach (var sql in statements)
            {
                await using var cmd = new NpgsqlCommand(sql, conn, tx);
                await cmd.ExecuteNonQueryAsync();
            }
            return null;
        }
        catch (PostgresException e)
        {
            return e;
        }
    }

    [Fact]
    public async Task Roles_exist_and_cannot_log_in()
    {
        var count = await db.ScalarAsync<long>("""
            select count(*) from pg_roles
            where rolname in ('platform_owner', 'platform_app', 'platform_readonly') and not rolcanlogin and not rolsuper
            """);
        Assert.Equal(3L, count);
    }

    [Fact]
    public async Task App_can_insert_and_select_tickers_and_use_sequences()
    {
        var error = await TryAsRoleAsync("platform_app", null,
            "insert into quant.tickers (ticker, region) values ('ROLE1', 'KR')",
            "select * from quant.tickers where ticker = 'ROLE1'",
            "update quant.tickers set sector = 'Tech' where ticker = 'ROLE1'",
            // serial column: needs usage on quant.trades_trade_id_seq
            "insert into quant.trades (ticker, region, trade_date, trade_type, quantity, price, total_amount) values ('ROLE1', 'KR', current_date, 'BUY', 1, 10, 10)",
            "delete from quant.trades where ticker = 'ROLE1'");
        Assert.Null(error);
    }

    [Theory]
    [InlineData("drop table quant.tickers")]
    [InlineData("alter table quant.tickers add column x int")]
    [InlineData("create table quant.app_made (x int)")]
    [InlineData("truncate quant.tickers")]
    [InlineData("create index on quant.tickers (market)")]
    public async Task App_cannot_run_ddl(string ddl)
    {
        var error = await TryAsRoleAsync("platform_app", null, ddl);
        Assert.NotNull(error);
        Assert.Equal(InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task Readonly_can_select()
    {
        var error = await TryAsRoleAsync("platform_readonly", null,
            "select * from quant.tickers", "select * from quant.ohlcv_data", "select * from platform.retention_policies");
        Assert.Null(error);
    }

    [Theory]
    [InlineData("insert into quant.tickers (ticker, region) values ('RO1', 'KR')")]
    [InlineData("update quant.tickers set sector = 'x'")]
    [InlineData("delete from quant.tickers")]
    [InlineData("insert into platform.retention_policies values ('quant', 'ohlcv_data', '1 year', 'test')")]
    public async Task Readonly_cannot_write(string dml)
    {
        var error = await TryAsRoleAsync("platform_readonly", null, dml);
        Assert.NotNull(error);
        Assert.Equal(InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task App_cannot_change_retention_policies()
    {
        var error = await TryAsRoleAsync("platform_app", null,
            "delete from platform.retention_policies");
        Assert.NotNull(error);
        Assert.Equal(InsufficientPrivilege, error.SqlState);
    }

    [Fact]
    public async Task Table_created_after_the_grants_is_covered_by_default_privileges()
    {
        const string setup = """
            create table quant.created_later (id serial primary key, x int);
            insert into quant.created_later (x) values (1);
            """;
        Assert.Null(await TryAsRoleAsync("platform_readonly", setup, "select * from quant.created_later"));
        Assert.Null(await TryAsRoleAsync("platform_app", setup, "insert into quant.created_later (x) values (2)"));
        var denied = await TryAsRoleAsync("platform_readonly", setup, "insert into quant.created_later (x) values (3)");
        Assert.Equal(InsufficientPrivilege, denied?.SqlState);
    }

    [Fact]
    public async Task New_hypertable_chunk_is_readable_by_readonly()
    {
        // the insert creates a chunk (far in the past, so no other test's chunk) after the grants were made
        const string setup = """
            insert into quant.system_logs (timestamp, log_level, message) values ('2001-02-03 04:05:06+00', 'INFO', 'chunk probe');
            """;
        var error = await TryAsRoleAsync("platform_readonly", setup,
            "do $$ begin if (select count(*) from quant.system_logs where message = 'chunk probe') <> 1 then raise exception 'row not visible'; end if; end $$");
        Assert.Null(error);

        // and the chunk itself carries the grant (TimescaleDB copies the hypertable's ACL to new chunks)
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var insert = new NpgsqlCommand(setup, conn, tx)) await insert.ExecuteNonQueryAsync();
        await using var check = new NpgsqlCommand("""
            select bool_and(has_table_privilege('platform_readonly', format('%I.%I', chunk_schema, chunk_name), 'select'))
            from timescaledb_information.chunks
            where hypertable_schema = 'quant' and hypertable_name = 'system_logs'
            """, conn, tx);
        Assert.True((bool)(await check.ExecuteScalarAsync())!);
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task Grant_schema_defaults_rejects_unknown_schema()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => db.ExecAsync("call platform.grant_schema_defaults('no_such_schema')"));
        Assert.Equal("3F000", error.SqlState);
    }
}
