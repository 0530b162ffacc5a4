using Npgsql;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Market;

/// <summary>Partition pruning of the list (symbol) -> range (month) layout, read from EXPLAIN (FORMAT JSON).</summary>
public sealed class MarketPruningTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IAsyncLifetime
{
    private static readonly DateTime March = new(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime April = new(2024, 4, 1, 0, 0, 0, DateTimeKind.Utc);

    public async ValueTask InitializeAsync()
    {
        // 3 symbols x 36 months (2022-01 .. 2024-12) on ohlcv_60m, with a few rows so the leaves are not all empty
        // (xUnit makes one instance per test: the class database keeps what the first one built)
        await using var c = await db.DataSource.OpenConnectionAsync();
        if (await Sql.ScalarAsync<bool>(c, "select exists (select from market.ohlcv_60m)")) return;
        foreach (var symbol in new[] { "ES", "NQ", "CL" })
            await Sql.ExecAsync(c, "call market.ensure_partitions(60, @s, '2022-01-01', '2025-01-01')", ("s", symbol));
        foreach (var symbol in new[] { "ES", "NQ", "CL" })
            await MarketSql.CopyMinutesAsync(c, 60, symbol, new DateTime(2024, 2, 28, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 3, 2, 0, 0, 0, DateTimeKind.Utc));
        await Sql.ExecAsync(c, "analyze market.ohlcv_60m");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task The_layout_has_3_symbols_times_36_months()
    {
        await using var c = await db.DataSource.OpenConnectionAsync();
        Assert.Equal(108, (await MarketSql.LeavesAsync(c, "market.ohlcv_60m")).Count);
        // without a symbol or time filter every leaf is read: the counting below can see more than one
        Assert.Equal(108, (await MarketSql.ScannedRelationsAsync(c, "select * from market.ohlcv_60m")).Count);
    }

    [Fact]
    public async Task One_symbol_and_one_month_reads_exactly_one_leaf()
    {
        await using var c = await db.DataSource.OpenConnectionAsync();
        var scanned = await MarketSql.ScannedRelationsAsync(c, """
            select * from market.ohlcv_60m
            where symbol = @symbol and minute_index = 45 and "timestamp" >= @from and "timestamp" < @to
            """, ("symbol", "ES"), ("from", March), ("to", April));
        Assert.Equal(["ohlcv_60m_es_2024_03"], scanned);
    }

    [Fact]
    public async Task Two_symbols_and_one_month_read_exactly_two_leaves()
    {
        await using var c = await db.DataSource.OpenConnectionAsync();
        var scanned = await MarketSql.ScannedRelationsAsync(c, """
            select * from market.ohlcv_60m
            where symbol in (@a, @b) and minute_index = 45 and "timestamp" >= @from and "timestamp" < @to
            """, ("a", "ES"), ("b", "NQ"), ("from", March), ("to", April));
        Assert.Equal(["ohlcv_60m_es_2024_03", "ohlcv_60m_nq_2024_03"], scanned);

        var any = await MarketSql.ScannedRelationsAsync(c, """
            select * from market.ohlcv_60m
            where symbol = any (@symbols) and minute_index = 45 and "timestamp" >= @from and "timestamp" < @to
            """, ("symbols", new[] { "ES", "NQ" }), ("from", March), ("to", April));
        Assert.Equal(["ohlcv_60m_es_2024_03", "ohlcv_60m_nq_2024_03"], any);
    }

    [Fact]
    public async Task One_symbol_over_a_quarter_reads_three_leaves()
    {
        await using var c = await db.DataSource.OpenConnectionAsync();
        var scanned = await MarketSql.ScannedRelationsAsync(c, """
            select close from market.ohlcv_60m
            where symbol = @symbol and "timestamp" >= @from and "timestamp" < @to
            """, ("symbol", "CL"), ("from", new DateTime(2023, 1, 1, 0, 0, 0, DateTimeKind.Utc)), ("to", new DateTime(2023, 4, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(["ohlcv_60m_cl_2023_01", "ohlcv_60m_cl_2023_02", "ohlcv_60m_cl_2023_03"], scanned);
    }
}
