using Npgsql;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Market;

/// <summary>
/// market.apply_indicator_updates keeps indicator backfills HOT (heap-only tuple updates: no index writes, no table
/// growth) on a year of minute rows at fillfactor 70 — the reason for fillfactor 70, for never indexing an indicator
/// column, and for the striped transactions instead of seed 000's single UPDATE ... FROM staging.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class MarketHotUpdateTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task Striped_backfill_of_a_year_of_minute_rows_is_at_least_95_percent_hot_and_does_not_grow_the_table()
    {
        // one session for everything: the statistics are flushed from this backend
        await using var c = await db.DataSource.OpenConnectionAsync();
        await Sql.ExecAsync(c, "call market.ensure_partitions(60, 'ES', '2024-01-01', '2025-01-01')");
        var rows = await MarketSql.CopyMinutesAsync(c, 60, "ES",
            new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.True(rows >= 300_000, $"{rows} rows");
        Assert.Equal(rows, await MarketSql.CopyStagingAsync(c, 60, "ES"));
        // the daily workflow: load, vacuum analyze, backfill. Leaves keep autovacuum's default thresholds (0115), so
        // without this autovacuum visits the freshly loaded leaves in the middle of the backfill, and its snapshot
        // keeps the previous stripe's row versions unprunable (measured: 60-85 % HOT instead of 100 %)
        await Sql.ExecAsync(c, "vacuum (analyze) market.ohlcv_60m");

        var sizeBefore = await MarketSql.TreeSizeAsync(c, "market.ohlcv_60m");
        var before = await MarketSql.UpdateStatsAsync(c, "market.ohlcv_60m");

        var updated = await Sql.ScalarAsync<long>(c,
            "call market.apply_indicator_updates(60, @staging::regclass, @columns)",
            ("staging", "staging"), ("columns", new[] { "rsi_14", "atr_14", "cvd" }));
        Assert.Equal(rows, updated);

        var after = await MarketSql.UpdateStatsAsync(c, "market.ohlcv_60m");
        var updates = after.Updates - before.Updates;
        var hot = after.Hot - before.Hot;
        Assert.Equal(rows, updates);
        Assert.True(hot >= 0.95 * updates, $"HOT updates {hot} of {updates} ({100.0 * hot / updates:F1} %)");

        var sizeAfter = await MarketSql.TreeSizeAsync(c, "market.ohlcv_60m");
        Assert.True(sizeAfter < sizeBefore * 1.10, $"size {sizeBefore} -> {sizeAfter} bytes");

        // the values arrived
        Assert.Equal(0L, await Sql.ScalarAsync<long>(c, """
            select count(*) from market.ohlcv_60m t join staging s using (symbol, "timestamp")
            where (t.rsi_14, t.atr_14, t.cvd) is distinct from (s.rsi_14, s.atr_14, s.cvd)
            """));

        // a second run finds nothing to change
        Assert.Equal(0L, await Sql.ScalarAsync<long>(c,
            "call market.apply_indicator_updates(60, @staging::regclass, @columns)",
            ("staging", "staging"), ("columns", new[] { "rsi_14", "atr_14", "cvd" })));
    }

    [Fact]
    public async Task The_backfill_refuses_columns_that_are_not_registered_indicators_and_calls_inside_a_transaction()
    {
        await using var c = await db.DataSource.OpenConnectionAsync();
        await Sql.ExecAsync(c, "create temp table staging_bad (symbol varchar(20), \"timestamp\" timestamptz, close double precision, rsi_14 double precision)");
        var notIndicator = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecAsync(c,
            "call market.apply_indicator_updates(60, @staging::regclass, @columns)", ("staging", "staging_bad"), ("columns", new[] { "close" })));
        Assert.Equal(PostgresErrorCodes.UndefinedColumn, notIndicator.SqlState);
        var missing = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecAsync(c,
            "call market.apply_indicator_updates(60, @staging::regclass, @columns)", ("staging", "staging_bad"), ("columns", new[] { "cvd" })));
        Assert.Equal(PostgresErrorCodes.UndefinedColumn, missing.SqlState);

        await using var tx = await c.BeginTransactionAsync();
        var inTransaction = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecAsync(c,
            "call market.apply_indicator_updates(60, @staging::regclass, @columns)", ("staging", "staging_bad"), ("columns", new[] { "rsi_14" })));
        Assert.Equal(PostgresErrorCodes.InvalidTransactionTermination, inTransaction.SqlState);
    }
}
