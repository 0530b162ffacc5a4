using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Quant;

/// <summary>The six quant hypertables (seed 004 + api_logs/system_logs), their time columns and chunk intervals.</summary>
public sealed class QuantHypertableTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Theory]
    // TimescaleDB stores chunk intervals as fixed lengths: '1 month' = 30 days, '3 months' = 90 days
    [InlineData("ohlcv_data", "date", 30)]
    [InlineData("factor_scores", "calculation_date", 30)]
    [InlineData("backtest_results", "simulation_date", 90)]
    [InlineData("portfolio_snapshots", "snapshot_date", 90)]
    [InlineData("api_logs", "timestamp", 30)]
    [InlineData("system_logs", "timestamp", 30)]
    public async Task Hypertable_has_time_dimension_and_chunk_interval(string table, string column, int days)
    {
        var dimension = await db.ScalarAsync<string>("""
            select column_name || ' ' || (extract(epoch from time_interval) / 86400)::int
            from timescaledb_information.dimensions
            where hypertable_schema = 'quant' and hypertable_name = @table and dimension_type = 'Time'
            """, ("table", table));
        Assert.Equal($"{column} {days}", dimension);
    }

    [Fact]
    public async Task Exactly_the_six_tables_are_hypertables()
    {
        var names = await db.ScalarAsync<string[]>("""
            select array_agg(hypertable_name::text order by hypertable_name)
            from timescaledb_information.hypertables where hypertable_schema = 'quant'
            """);
        Assert.Equal(["api_logs", "backtest_results", "factor_scores", "ohlcv_data", "portfolio_snapshots", "system_logs"], names);
    }

    [Theory]
    [InlineData("api_logs", "log_id, \"timestamp\"")]
    [InlineData("system_logs", "log_id, \"timestamp\"")]
    [InlineData("backtest_results", "backtest_id, simulation_date")]
    [InlineData("ohlcv_data", "ticker, region, date, timeframe")]
    public async Task Primary_key_contains_the_time_column(string table, string columns)
    {
        var definition = await db.ScalarAsync<string>("""
            select pg_get_constraintdef(oid) from pg_constraint
            where conrelid = format('quant.%I', @table)::regclass and contype = 'p'
            """, ("table", table));
        Assert.Equal($"PRIMARY KEY ({columns})", definition);
    }

    [Fact]
    public async Task Log_tables_accept_rows_with_default_timestamps()
    {
        await db.ExecAsync("insert into quant.api_logs (api_endpoint, success) values ('/x', true)");
        await db.ExecAsync("insert into quant.system_logs (log_level, message) values ('ERROR', 'boom')");
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from quant.api_logs where timestamp <= now()"));
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from quant.system_logs where timestamp <= now()"));
    }
}
