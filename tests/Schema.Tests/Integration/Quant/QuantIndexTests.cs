using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Quant;

/// <summary>Seed 004's partial indexes exist with their predicates; no index duplicates another one.</summary>
public sealed class QuantIndexTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Theory]
    [InlineData("tickers", "idx_tickers_active_by_sector", "is_active = true")]
    [InlineData("factor_scores", "idx_factor_buy_signals", "'BUY'")]
    [InlineData("portfolio", "idx_portfolio_open_positions", "quantity > 0")]
    [InlineData("api_logs", "idx_api_logs_failures", "success = false")]
    [InlineData("system_logs", "idx_system_logs_errors", "'ERROR'")]
    [InlineData("system_logs", "idx_system_logs_errors", "'CRITICAL'")]
    public async Task Partial_index_has_its_predicate(string table, string index, string predicatePart)
    {
        var predicate = await db.ScalarAsync<string>("""
            select pg_get_expr(i.indpred, i.indrelid)
            from pg_index i
            where i.indexrelid = format('quant.%I', @index)::regclass and i.indrelid = format('quant.%I', @table)::regclass
            """, ("index", index), ("table", table));
        Assert.NotNull(predicate);
        Assert.Contains(predicatePart, predicate);
    }

    [Fact]
    public async Task No_two_indexes_of_a_quant_table_are_identical()
    {
        var duplicates = await db.ScalarAsync<string[]>("""
            select coalesce(array_agg(names order by names), '{}') from (
                select string_agg(i.indexrelid::regclass::text, ' = ' order by i.indexrelid::regclass::text) as names
                from pg_index i join pg_class c on c.oid = i.indrelid join pg_namespace n on n.oid = c.relnamespace
                where n.nspname = 'quant'
                group by i.indrelid, i.indkey::text, i.indclass::text, i.indoption::text,
                         coalesce(pg_get_expr(i.indexprs, i.indrelid), ''), coalesce(pg_get_expr(i.indpred, i.indrelid), '')
                having count(*) > 1) d
            """);
        Assert.Empty(duplicates);
    }

    [Theory]
    // seed indexes left out because they duplicate the primary key or the hypertable's default time index
    [InlineData("idx_ohlcv_date")]
    [InlineData("idx_ohlcv_ticker_region")]
    [InlineData("idx_factor_ticker_date")]
    [InlineData("idx_portfolio_snapshots_date")]
    [InlineData("idx_api_logs_timestamp")]
    [InlineData("idx_system_logs_timestamp")]
    public async Task Redundant_seed_index_is_not_created(string index)
    {
        Assert.False(await db.ScalarAsync<bool>("select to_regclass(format('quant.%I', @index)) is not null", ("index", index)));
    }

    [Theory]
    [InlineData("ohlcv_data", "ohlcv_data_date_idx")]
    [InlineData("backtest_results", "backtest_results_simulation_date_idx")]
    [InlineData("api_logs", "api_logs_timestamp_idx")]
    [InlineData("system_logs", "system_logs_timestamp_idx")]
    public async Task Hypertable_keeps_its_default_time_index(string table, string index)
    {
        Assert.True(await db.ScalarAsync<bool>("""
            select exists (select from pg_index
                           where indexrelid = to_regclass(format('quant.%I', @index))
                             and indrelid = format('quant.%I', @table)::regclass)
            """, ("index", index), ("table", table)));
    }
}
