using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Market;

/// <summary>
/// Guards the design rule "never index an indicator column": with an index on rsi_14 the same striped backfill is
/// (almost) never HOT. If this test fails, HOT no longer depends on the indexes and the rule can be revisited.
/// </summary>
[Collection(SerialCollection.Name)]
public sealed class MarketHotIndexedIndicatorTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task An_index_on_an_indicator_column_makes_the_backfill_non_hot()
    {
        await using var c = await db.DataSource.OpenConnectionAsync();
        await Sql.ExecAsync(c, "call market.ensure_partitions(60, 'ES', '2024-03-01', '2024-04-01')");
        var rows = await MarketSql.CopyMinutesAsync(c, 60, "ES",
            new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2024, 4, 1, 0, 0, 0, DateTimeKind.Utc));
        Assert.Equal(rows, await MarketSql.CopyStagingAsync(c, 60, "ES"));
        await Sql.ExecAsync(c, "create index ohlcv_60m_rsi_14_test on market.ohlcv_60m (rsi_14)");
        try
        {
            var before = await MarketSql.UpdateStatsAsync(c, "market.ohlcv_60m");
            Assert.Equal(rows, await Sql.ScalarAsync<long>(c,
                "call market.apply_indicator_updates(60, @staging::regclass, @columns)",
                ("staging", "staging"), ("columns", new[] { "rsi_14", "atr_14", "cvd" })));
            var after = await MarketSql.UpdateStatsAsync(c, "market.ohlcv_60m");
            var updates = after.Updates - before.Updates;
            var hot = after.Hot - before.Hot;
            Assert.Equal(rows, updates);
            Assert.True(hot < 0.5 * updates, $"HOT updates {hot} of {updates} despite the index on rsi_14");
        }
        finally
        {
            await Sql.ExecAsync(c, "drop index market.ohlcv_60m_rsi_14_test");
        }
    }
}
