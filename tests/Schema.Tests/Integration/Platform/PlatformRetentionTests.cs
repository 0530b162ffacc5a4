using Npgsql;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Platform;

/// <summary>
/// platform.retention_policies + platform.apply_retention() (0020): runs on the Apache edition (drop_chunks), so
/// these tests run everywhere. quant.api_logs (1 year, seed 004) is the subject.
/// </summary>
public sealed class PlatformRetentionTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task Seed_004_retention_rows_are_registered()
    {
        var rows = new List<(string table, int months, string source)>();
        await using (var cmd = db.DataSource.CreateCommand("""
            select table_name::text, extract(year from drop_after)::int * 12 + extract(month from drop_after)::int, source
            from platform.retention_policies where schema_name = 'quant' order by table_name
            """))
        await using (var r = await cmd.ExecuteReaderAsync())
            while (await r.ReadAsync()) rows.Add((r.GetString(0), r.GetInt32(1), r.GetString(2)));

        Assert.Equal(
            [("api_logs", 12, "seed 004"), ("backtest_results", 60, "seed 004"), ("system_logs", 12, "seed 004")],
            rows.ToArray());
    }

    [Fact]
    public async Task Every_registered_table_is_a_hypertable()
    {
        var notHypertables = await db.ScalarAsync<string[]>("""
            select coalesce(array_agg(format('%I.%I', p.schema_name, p.table_name) order by 1), '{}')
            from platform.retention_policies p
            where not exists (select from timescaledb_information.hypertables h
                              where h.hypertable_schema = p.schema_name and h.hypertable_name = p.table_name)
            """);
        Assert.Empty(notHypertables);
    }

    [Fact]
    public async Task Apply_retention_drops_old_chunks_and_keeps_recent_rows()
    {
        await db.ResetAsync();
        await db.ExecAsync("""
            insert into quant.api_logs (timestamp, api_endpoint, success)
            values (now() - interval '2 years', '/old', true),
                   (now() - interval '2 years' + interval '1 hour', '/old', false),
                   (now(), '/new', true)
            """);
        Assert.Equal(2L, await ChunkCountAsync());
        Assert.Equal(1L, await OldChunkCountAsync());

        await db.ExecAsync("call platform.apply_retention()");

        Assert.Equal(0L, await OldChunkCountAsync());
        Assert.Equal(1L, await ChunkCountAsync());
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from quant.api_logs where api_endpoint = '/old'"));
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from quant.api_logs where api_endpoint = '/new'"));

        // idempotent: a second run drops nothing more
        await db.ExecAsync("call platform.apply_retention()");
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from quant.api_logs"));
    }

    [Fact]
    public async Task Apply_retention_keeps_chunks_younger_than_the_limit()
    {
        await db.ResetAsync();
        // backtest_results keeps 5 years: a 2-year-old simulation stays
        await db.ExecAsync("""
            insert into quant.backtest_results (strategy_name, region, simulation_date, start_date, end_date)
            values ('s', 'KR', now() - interval '2 years', current_date - 900, current_date - 800),
                   ('s', 'KR', now() - interval '6 years', current_date - 2500, current_date - 2400)
            """);
        await db.ExecAsync("call platform.apply_retention()");
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from quant.backtest_results"));
        Assert.True(await db.ScalarAsync<bool>(
            "select min(simulation_date) > now() - interval '3 years' from quant.backtest_results"));
    }

    [Fact]
    public async Task A_retention_row_for_a_plain_table_is_rejected_when_written()
    {
        // both editions: 42809 on insert (the Community edition's 0900 trigger used to answer TS001 here, the Apache
        // edition accepted the row and only apply_retention failed)
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using var insert = new NpgsqlCommand(
            "insert into platform.retention_policies values ('quant', 'tickers', '1 year', 'test')", conn, tx);
        var error = await Assert.ThrowsAsync<PostgresException>(() => insert.ExecuteNonQueryAsync());
        Assert.Equal("42809", error.SqlState); // wrong_object_type
        Assert.Contains("quant.tickers is not a hypertable", error.MessageText);
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task Apply_retention_rejects_a_row_whose_table_stopped_being_a_hypertable()
    {
        // a row written while the table was a hypertable, then the table replaced by a plain one
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await using (var setup = new NpgsqlCommand("""
            create table public.retention_probe (t timestamptz not null);
            select create_hypertable('public.retention_probe', 't');
            insert into platform.retention_policies values ('public', 'retention_probe', '1 year', 'test');
            alter table platform.retention_policies disable trigger user;
            drop table public.retention_probe;
            create table public.retention_probe (t timestamptz not null);
            """, conn, tx))
            await setup.ExecuteNonQueryAsync();
        await using var call = new NpgsqlCommand("call platform.apply_retention()", conn, tx);
        var error = await Assert.ThrowsAsync<PostgresException>(() => call.ExecuteNonQueryAsync());
        Assert.Equal("42809", error.SqlState);
        await tx.RollbackAsync();
    }

    [Fact]
    public async Task Retention_policy_rows_must_have_a_positive_limit()
    {
        var error = await Assert.ThrowsAsync<PostgresException>(() => db.ExecAsync(
            "insert into platform.retention_policies values ('quant', 'ohlcv_data', '-1 day', 'test')"));
        Assert.Equal("23514", error.SqlState);
    }

    private Task<long> ChunkCountAsync() => db.ScalarAsync<long>("""
        select count(*) from timescaledb_information.chunks
        where hypertable_schema = 'quant' and hypertable_name = 'api_logs'
        """);

    private Task<long> OldChunkCountAsync() => db.ScalarAsync<long>("""
        select count(*) from timescaledb_information.chunks
        where hypertable_schema = 'quant' and hypertable_name = 'api_logs' and range_end < now() - interval '1 year'
        """);
}
