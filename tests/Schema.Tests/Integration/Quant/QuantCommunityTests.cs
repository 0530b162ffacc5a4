using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Quant;

/// <summary>
/// The gated Community-edition scripts (0550 compression, 0560–0563 continuous aggregates, 0900 retention jobs).
/// Skipped on the Apache edition, where those scripts are deferred.
/// </summary>
public sealed class QuantCommunityTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Theory]
    [InlineData("ohlcv_data", "ticker,region", "date DESC,timeframe")]
    [InlineData("factor_scores", "ticker,region", "calculation_date DESC")]
    [InlineData("backtest_results", "strategy_name,region", "simulation_date DESC")]
    [InlineData("portfolio_snapshots", "", "snapshot_date DESC")]
    public async Task Compression_settings_follow_the_seed(string table, string segmentBy, string orderBy)
    {
        db.RequireCommunityEdition();
        var settings = await db.ScalarAsync<string>("""
            select coalesce(replace(segmentby, ' ', ''), '') || '|' || replace(orderby, ', ', ',')
            from timescaledb_information.hypertable_compression_settings
            where hypertable = format('quant.%I', @table)::regclass
            """, ("table", table));
        Assert.Equal($"{segmentBy}|{orderBy}", settings);
        Assert.True(await db.ScalarAsync<bool>("""
            select compression_enabled from timescaledb_information.hypertables
            where hypertable_schema = 'quant' and hypertable_name = @table
            """, ("table", table)));
    }

    [Theory]
    [InlineData("ohlcv_data", 90)]
    [InlineData("factor_scores", 90)]
    [InlineData("backtest_results", 180)]
    [InlineData("portfolio_snapshots", 180)]
    public async Task Compression_policy_exists(string table, int days)
    {
        db.RequireCommunityEdition();
        var after = await db.ScalarAsync<string>("""
            select config->>'compress_after' from timescaledb_information.jobs
            where proc_name = 'policy_compression' and hypertable_schema = 'quant' and hypertable_name = @table
            """, ("table", table));
        Assert.NotNull(after);
        Assert.True(await db.ScalarAsync<bool>("select @after::interval = make_interval(days => @days)",
            ("after", after), ("days", days)));
    }

    [Theory]
    [InlineData("backtest_results", 60)]
    [InlineData("api_logs", 12)]
    [InlineData("system_logs", 12)]
    public async Task Retention_job_exists_for_every_registered_table(string table, int months)
    {
        db.RequireCommunityEdition();
        var dropAfter = await db.ScalarAsync<string>("""
            select config->>'drop_after' from timescaledb_information.jobs
            where proc_name = 'policy_retention' and hypertable_schema = 'quant' and hypertable_name = @table
            """, ("table", table));
        Assert.NotNull(dropAfter);
        Assert.True(await db.ScalarAsync<bool>("select @after::interval = make_interval(months => @months)",
            ("after", dropAfter), ("months", months)));
    }

    [Fact]
    public async Task Continuous_aggregates_exist_with_refresh_jobs()
    {
        db.RequireCommunityEdition();
        var caggs = await db.ScalarAsync<string[]>("""
            select array_agg(c.view_name::text order by c.view_name)
            from timescaledb_information.continuous_aggregates c
            where c.view_schema = 'quant'
              and exists (select from timescaledb_information.jobs j
                          where j.proc_name = 'policy_refresh_continuous_aggregate'
                            -- TimescaleDB 2.19 names the materialization hypertable here, >= 2.20 the view
                            and ((j.hypertable_schema = c.materialization_hypertable_schema
                                  and j.hypertable_name = c.materialization_hypertable_name)
                                 or (j.hypertable_schema = c.view_schema and j.hypertable_name = c.view_name)))
            """);
        Assert.Equal(["factor_monthly_performance", "ohlcv_daily_summary", "portfolio_daily_values"], caggs);
    }

    [Fact]
    public async Task Portfolio_daily_metrics_returns_moving_averages_after_refresh()
    {
        db.RequireCommunityEdition();
        await db.ResetAsync();
        // 40 daily snapshots ending 10 days ago, total_value 1000, 1010, …; daily_return alternating
        await db.ExecAsync("""
            insert into quant.portfolio_snapshots (snapshot_date, total_value, cash, invested_value, daily_return, cumulative_return)
            select current_date - 50 + i, 1000 + 10 * i, 100, 900 + 10 * i, case when i % 2 = 0 then 0.01 else -0.005 end, 0.001 * i
            from generate_series(0, 39) i
            """);
        await db.ExecAsync("call refresh_continuous_aggregate('quant.portfolio_daily_values', null::date, null::date)");

        Assert.Equal(40L, await db.ScalarAsync<long>("select count(*) from quant.portfolio_daily_metrics"));
        // last day: ma30 over the last 30 snapshots, volatility over all 40 returns (fewer than 60 rows)
        Assert.True(await db.ScalarAsync<bool>("""
            with last_day as (select * from quant.portfolio_daily_metrics order by day desc limit 1)
            select l.ma30_value = (select avg(total_value) from (select total_value from quant.portfolio_snapshots order by snapshot_date desc limit 30) x)
               and l.ma30_return = (select avg(daily_return) from (select daily_return from quant.portfolio_snapshots order by snapshot_date desc limit 30) x)
               and l.volatility_60d = (select stddev(daily_return) from quant.portfolio_snapshots)
               and l.total_value = 1390
            from last_day l
            """));
        // first day: a window of one row
        Assert.True(await db.ScalarAsync<bool>("""
            select ma30_value = 1000 and volatility_60d is null
            from quant.portfolio_daily_metrics order by day limit 1
            """));
    }

    [Fact]
    public async Task Ohlcv_daily_summary_counts_distinct_tickers_after_refresh()
    {
        db.RequireCommunityEdition();
        await db.ResetAsync();
        await db.ExecAsync("""
            insert into quant.tickers (ticker, region) values ('A', 'KR'), ('B', 'KR');
            insert into quant.ohlcv_data (ticker, region, date, timeframe, close, volume)
            values ('A', 'KR', current_date - 20, 'daily', 10, 100),
                   ('B', 'KR', current_date - 20, 'daily', 20, 300),
                   ('A', 'KR', current_date - 20, 'weekly', 99, 999);
            """);
        await db.ExecAsync("call refresh_continuous_aggregate('quant.ohlcv_daily_summary', null::date, null::date)");
        Assert.Equal("2|15.00|400", await db.ScalarAsync<string>("""
            select n_tickers || '|' || round(avg_close, 2) || '|' || total_volume
            from quant.ohlcv_daily_summary where region = 'KR' and day = current_date - 20
            """));
    }
}
