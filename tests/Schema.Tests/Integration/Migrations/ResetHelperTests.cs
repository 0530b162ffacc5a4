using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Migrations;

/// <summary>The harness's Respawn-style reset: application rows go, the journal and migration-written reference data stay.</summary>
public sealed class ResetHelperTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task Reset_empties_application_tables_and_keeps_journal_and_reference_data()
    {
        var timeframes = await db.ScalarAsync<long>("select count(*) from market.timeframes");
        var journal = await db.ScalarAsync<long>("select count(*) from public.schemaversions");
        Assert.True(timeframes > 0 && journal > 0);
        await db.ExecAsync("insert into quant.tickers (ticker, region) values ('RST', 'US')");
        await db.ExecAsync("insert into trading.system_config (key, value) values ('k', '{}')");
        await db.ExecAsync("call market.ensure_partitions(60, 'ES', '2024-01-01', '2024-02-01')");
        await db.ExecAsync("insert into market.ohlcv_60m (\"timestamp\", symbol, minute_index, open, high, low, close, volume) values ('2024-01-02 10:00Z', 'ES', 0, 1, 1, 1, 1, 1)");

        await db.ResetAsync();

        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from quant.tickers"));
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from trading.system_config"));
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from market.ohlcv_60m"));
        Assert.Equal(timeframes, await db.ScalarAsync<long>("select count(*) from market.timeframes"));
        Assert.Equal(journal, await db.ScalarAsync<long>("select count(*) from public.schemaversions"));
    }
}
