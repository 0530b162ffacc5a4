using Npgsql;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Reliability;

/// <summary>
/// Least privilege on every trading and market table (read from the catalog, so a new table is covered): platform_app
/// reads and writes rows and does nothing else (no DDL, no truncate, no writes to the registries); platform_readonly
/// only reads. Rights are checked when a statement starts, so `where false` forms test them without needing valid
/// rows. Everything runs as the role in one rolled-back transaction, a savepoint per statement. The quant schema's
/// roles are PlatformRoleTests; the registries' DML is also MarketMaintainTests.Platform_app_cannot_change_the_registries;
/// `up` as a non-superuser owner is LeastPrivilegeTests.
/// </summary>
public sealed class AppRolePrivilegeTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private static readonly string[] Registries = ["market.timeframes", "market.indicator_columns"];

    private sealed record Table(string Name, string Schema, string FirstColumn); // FirstColumn: the first writable one

    private async Task<List<Table>> TablesAsync()
    {
        var tables = new List<Table>();
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("""
            select format('%I.%I', n.nspname, c.relname), quote_ident(n.nspname),
                   -- a column a statement may write (not generated, not `generated always as identity`)
                   (select quote_ident(a.attname) from pg_attribute a
                    where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
                      and a.attgenerated = '' and a.attidentity <> 'a'
                    order by a.attnum limit 1)
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname in ('market', 'trading') and c.relkind in ('r', 'p') and not c.relispartition
            order by 1
            """, connection);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) tables.Add(new Table(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        Assert.Contains(tables, t => t.Name == "trading.decisions");
        Assert.Contains(tables, t => t.Name == "market.ohlcv_1m");
        return tables;
    }

    // Every statement below is built from catalog names quoted by format('%I')/quote_ident, never from input.
    private static string[] Reads(Table t) => [$"select * from {t.Name} limit 1"];

    private static string[] Writes(Table t) =>
    [
        $"insert into {t.Name} ({t.FirstColumn}) select {t.FirstColumn} from {t.Name} where false",
        $"update {t.Name} set {t.FirstColumn} = {t.FirstColumn} where false",
        $"delete from {t.Name} where false",
    ];

    private static string[] Ddl(Table t) =>
    [
        $"alter table {t.Name} add column reliab_x integer",
        $"create index on {t.Name} ({t.FirstColumn})",
        $"comment on table {t.Name} is 'changed by the app'",
        $"truncate {t.Name}",
        $"drop table {t.Name}",
        $"create table {t.Schema}.reliab_made (x integer)",
    ];

    [Fact]
    public async Task The_app_role_reads_and_writes_rows_and_does_nothing_else()
    {
        var problems = new List<string>();
        foreach (var t in await TablesAsync())
        {
            var registry = Registries.Contains(t.Name);
            await ExpectAsync("platform_app", Reads(t), allowed: true, problems);
            await ExpectAsync("platform_app", Writes(t), allowed: !registry, problems);
            await ExpectAsync("platform_app", Ddl(t), allowed: false, problems);
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task The_read_only_role_only_reads()
    {
        var problems = new List<string>();
        foreach (var t in await TablesAsync())
        {
            await ExpectAsync("platform_readonly", Reads(t), allowed: true, problems);
            await ExpectAsync("platform_readonly", Writes(t), allowed: false, problems);
            await ExpectAsync("platform_readonly", Ddl(t), allowed: false, problems);
        }
        await ExpectAsync("platform_readonly", ["call market.maintain(p_months_ahead => 0)"], allowed: false, problems);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    /// <summary>
    /// Runs each statement as <paramref name="role"/>; a denied one must fail with 42501, an allowed one succeed.
    /// </summary>
    private async Task ExpectAsync(string role, string[] statements, bool allowed, List<string> problems)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync(); // never committed
        await Sql.ExecAsync(connection, $"set local role {role}"); // a constant of this class
        foreach (var statement in statements)
        {
            await Sql.ExecAsync(connection, "savepoint s");
            string? error = null;
            try
            {
                await Sql.ExecAsync(connection, statement);
            }
            catch (PostgresException e)
            {
                error = e.SqlState;
            }
            await Sql.ExecAsync(connection, "rollback to savepoint s");
            if (allowed && error is not null) problems.Add($"{role}: `{statement}` failed with {error}, expected to succeed");
            if (!allowed && error != PostgresErrorCodes.InsufficientPrivilege)
                problems.Add($"{role}: `{statement}` " + (error is null ? "succeeded" : $"failed with {error}")
                             + ", expected 42501");
        }
    }
}
