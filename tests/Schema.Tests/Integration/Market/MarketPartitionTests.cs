using Npgsql;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Market;

/// <summary>market.ensure_partitions / ensure_partitions_all: idempotence, naming, validation of symbols.</summary>
public sealed class MarketPartitionTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private async Task<NpgsqlConnection> OpenAsync() => await db.DataSource.OpenConnectionAsync();

    private static Task<long> MarketRelationCountAsync(NpgsqlConnection c) =>
        Sql.ScalarAsync<long>(c, "select count(*) from pg_class where relnamespace = 'market'::regnamespace");

    [Fact]
    public async Task Ensure_partitions_creates_the_symbol_partition_and_monthly_leaves_once()
    {
        await using var c = await OpenAsync();
        var created = await Sql.ScalarAsync<int>(c, "call market.ensure_partitions(13, 'ES', '2023-01-15', '2024-01-01')");
        Assert.Equal(1 + 12, created);
        var leaves = await MarketSql.LeavesAsync(c, "market.ohlcv_13m_es");
        Assert.Equal(Enumerable.Range(1, 12).Select(m => $"market.ohlcv_13m_es_2023_{m:00}"), leaves);
        Assert.Equal("FOR VALUES FROM ('2023-03-01 00:00:00+00') TO ('2023-04-01 00:00:00+00')",
            await Sql.ScalarAsync<string>(c, "select pg_get_expr(relpartbound, oid) from pg_class where oid = 'market.ohlcv_13m_es_2023_03'::regclass"));

        var relations = await MarketRelationCountAsync(c);
        Assert.Equal(0, await Sql.ScalarAsync<int>(c, "call market.ensure_partitions(13, 'ES', '2023-01-15', '2024-01-01')"));
        Assert.Equal(0, await Sql.ScalarAsync<int>(c, "call market.ensure_partitions(13, 'es', '2023-06-01', '2023-07-01')"));
        Assert.Equal(relations, await MarketRelationCountAsync(c));
        Assert.Equal(leaves, await MarketSql.LeavesAsync(c, "market.ohlcv_13m_es"));

        // extending the range creates only the new month
        Assert.Equal(1, await Sql.ScalarAsync<int>(c, "call market.ensure_partitions(13, 'ES', '2023-06-01', '2024-01-02')"));
    }

    [Fact]
    public async Task Ensure_partitions_all_covers_every_timeframe_and_is_idempotent()
    {
        await using var c = await OpenAsync();
        var timeframes = await Sql.ScalarAsync<long>(c, "select count(*) from market.timeframes");
        Assert.Equal(timeframes * (1 + 2), await Sql.ScalarAsync<int>(c, "call market.ensure_partitions_all('NQ', '2022-01-01', '2022-03-01')"));
        Assert.Equal(0, await Sql.ScalarAsync<int>(c, "call market.ensure_partitions_all('NQ', '2022-01-01', '2022-03-01')"));
        Assert.Equal(timeframes, await Sql.ScalarAsync<long>(c,
            "select count(*) from pg_class where relnamespace = 'market'::regnamespace and relname ~ '^ohlcv_[0-9]+m_nq_2022_02$'"));
    }

    [Theory]
    [InlineData("ES'); DROP TABLE market.symbols;--")]
    [InlineData("ES\"; drop table market.symbols; --")]
    [InlineData("")]
    [InlineData("-ES")]
    [InlineData("ES NQ")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTU")] // 21 characters
    public async Task Hostile_or_malformed_symbols_are_rejected_and_change_nothing(string symbol)
    {
        await using var c = await OpenAsync();
        var relations = await MarketRelationCountAsync(c);
        var e = await Assert.ThrowsAsync<PostgresException>(() =>
            Sql.ExecAsync(c, "call market.ensure_partitions(60, @s, '2024-01-01', '2024-02-01')", ("s", symbol)));
        Assert.Equal(PostgresErrorCodes.InvalidParameterValue, e.SqlState);
        Assert.StartsWith("invalid symbol", e.MessageText);

        var all = await Assert.ThrowsAsync<PostgresException>(() =>
            Sql.ExecAsync(c, "call market.ensure_partitions_all(@s, '2024-01-01', '2024-02-01')", ("s", symbol)));
        Assert.StartsWith("invalid symbol", all.MessageText);

        Assert.Equal("market.symbols", await Sql.ScalarAsync<string>(c, "select to_regclass('market.symbols')::text"));
        Assert.Equal(relations, await MarketRelationCountAsync(c));
    }

    [Fact]
    public async Task Symbols_with_dots_and_dashes_are_accepted_and_quoted()
    {
        await using var c = await OpenAsync();
        Assert.Equal(2, await Sql.ScalarAsync<int>(c, "call market.ensure_partitions(5, 'brk.b', '2024-01-01', '2024-02-01')"));
        Assert.Equal(["market.\"ohlcv_5m_brk.b_2024_01\""], await MarketSql.LeavesAsync(c, "market.\"ohlcv_5m_brk.b\""));
        Assert.Equal("FOR VALUES IN ('BRK.B')", await Sql.ScalarAsync<string>(c,
            "select pg_get_expr(relpartbound, oid) from pg_class where oid = 'market.\"ohlcv_5m_brk.b\"'::regclass"));
    }

    [Fact]
    public async Task Invalid_ranges_and_unknown_timeframes_are_errors()
    {
        await using var c = await OpenAsync();
        var range = await Assert.ThrowsAsync<PostgresException>(() =>
            Sql.ExecAsync(c, "call market.ensure_partitions(60, 'ES', '2024-02-01', '2024-01-01')"));
        Assert.Equal(PostgresErrorCodes.InvalidParameterValue, range.SqlState);
        var unknown = await Assert.ThrowsAsync<PostgresException>(() =>
            Sql.ExecAsync(c, "call market.ensure_partitions(7, 'ES', '2024-01-01', '2024-02-01')"));
        Assert.Equal(PostgresErrorCodes.UndefinedTable, unknown.SqlState);
    }

    [Fact]
    public async Task The_symbols_table_only_accepts_upper_case_symbols_and_gaps_need_a_known_symbol_and_direction()
    {
        await using var c = await OpenAsync();
        await Sql.ExecAsync(c, "insert into market.symbols (symbol, exchange, tick_size) values ('GC', 'COMEX', 0.1)");
        var lower = await Assert.ThrowsAsync<PostgresException>(() =>
            Sql.ExecAsync(c, "insert into market.symbols (symbol) values ('gc2')"));
        Assert.Equal(PostgresErrorCodes.CheckViolation, lower.SqlState);

        await Sql.ExecAsync(c, """
            insert into market.session_gaps (session_date, symbol, prior_close, current_open, gap_amount, gap_percent, gap_direction)
            values ('2024-03-04', 'GC', 2050, 2055, 5, 0.24, 'up')
            """);
        var direction = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecAsync(c, """
            insert into market.session_gaps (session_date, symbol, prior_close, current_open, gap_amount, gap_percent, gap_direction)
            values ('2024-03-05', 'GC', 2050, 2055, 5, 0.24, 'sideways')
            """));
        Assert.Equal(PostgresErrorCodes.CheckViolation, direction.SqlState);
        var unknown = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecAsync(c, """
            insert into market.session_gaps (session_date, symbol, prior_close, current_open, gap_amount, gap_percent, gap_direction)
            values ('2024-03-05', 'ZZ', 1, 1, 0, 0, 'none')
            """));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, unknown.SqlState);

        var minutes = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecAsync(c, """
            insert into market.trading_sessions (session_date, exchange, session_start, session_end, total_minutes)
            values ('2024-03-04', 'CME', '2024-03-04 14:30+00', '2024-03-04 21:00+00', -1)
            """));
        Assert.Equal(PostgresErrorCodes.CheckViolation, minutes.SqlState);
    }
}
