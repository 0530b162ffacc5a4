using Npgsql;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Quant;

/// <summary>
/// Check and foreign-key constraints of the quant tables (seed 004 §5.1–5.2 plus the fixes described in the
/// migrations). Each statement runs in its own transaction, rolled back; one known ticker ('KNOWN', 'KR') is set up
/// in the same transaction.
/// </summary>
public sealed class QuantConstraintTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private const string CheckViolation = "23514";
    private const string ForeignKeyViolation = "23503";

    private async Task<PostgresException?> TryAsync(string sql, params (string name, object? value)[] args)
    {
        await using var conn = await db.DataSource.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync(); // never committed: disposing rolls back
        try
        {
            await using (var setup = new NpgsqlCommand("insert into quant.tickers (ticker, region) values ('KNOWN', 'KR')", conn, tx))
                await setup.ExecuteNonQueryAsync();
            await using var cmd = new NpgsqlCommand(sql, conn, tx);
            foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
            await cmd.ExecuteNonQueryAsync();
            return null;
        }
        catch (PostgresException e)
        {
            return e;
        }
    }

    private const string InsertOhlcv = """
        insert into quant.ohlcv_data (ticker, region, date, open, high, low, close, volume)
        values ('KNOWN', 'KR', date '2024-05-02', @open::numeric, @high::numeric, @low::numeric, @close::numeric, @volume::bigint)
        """;

    private Task<PostgresException?> OhlcvAsync(decimal? open, decimal? high, decimal? low, decimal? close, long? volume) =>
        TryAsync(InsertOhlcv, ("open", open), ("high", high), ("low", low), ("close", close), ("volume", volume));

    [Theory]
    // each row breaks exactly one rule
    [InlineData("chk_ohlcv_high_low", null, 1.0, 2.0, null, null)]
    [InlineData("chk_ohlcv_high_open", 3.0, 2.0, 1.0, null, null)]
    [InlineData("chk_ohlcv_high_close", null, 2.0, 1.0, 3.0, null)]
    [InlineData("chk_ohlcv_low_open", 1.0, 3.0, 2.0, null, null)]
    [InlineData("chk_ohlcv_low_close", null, 3.0, 2.0, 1.0, null)]
    [InlineData("chk_ohlcv_volume", 1.0, 2.0, 1.0, 2.0, -1L)]
    [InlineData("chk_ohlcv_prices_nonnegative", -1.0, null, null, null, null)]
    public async Task Ohlc_rule_rejects_a_bad_bar(string constraint, double? open, double? high, double? low, double? close, long? volume)
    {
        var error = await OhlcvAsync((decimal?)open, (decimal?)high, (decimal?)low, (decimal?)close, volume);
        Assert.NotNull(error);
        Assert.Equal(CheckViolation, error.SqlState);
        Assert.Equal(constraint, error.ConstraintName);
    }

    [Theory]
    // a NULL column passes every rule that involves it
    [InlineData(null, null, null, null, null)]
    [InlineData(null, 10.0, 5.0, 7.0, 100L)]
    [InlineData(7.0, null, 5.0, 6.0, 100L)]
    [InlineData(7.0, 10.0, null, 6.0, 0L)]
    [InlineData(7.0, 10.0, 5.0, null, null)]
    [InlineData(5.0, 10.0, 5.0, 10.0, 0L)]
    public async Task Ohlc_rules_accept_valid_and_partial_bars(double? open, double? high, double? low, double? close, long? volume)
    {
        Assert.Null(await OhlcvAsync((decimal?)open, (decimal?)high, (decimal?)low, (decimal?)close, volume));
    }

    [Theory]
    [InlineData("fk_ohlcv_ticker", "insert into quant.ohlcv_data (ticker, region, date) values ('NOPE', 'KR', date '2024-05-02')")]
    [InlineData("fk_factor_scores_ticker", "insert into quant.factor_scores (ticker, region, calculation_date) values ('NOPE', 'KR', date '2024-05-02')")]
    [InlineData("fk_portfolio_ticker", "insert into quant.portfolio (ticker, region, quantity, avg_buy_price, entry_date) values ('NOPE', 'KR', 1, 10, current_date)")]
    [InlineData("fk_trades_ticker", "insert into quant.trades (ticker, region, trade_date, trade_type, quantity, price, total_amount) values ('NOPE', 'KR', current_date, 'BUY', 1, 10, 10)")]
    [InlineData("fk_trades_ticker", "insert into quant.trades (ticker, region, trade_date, trade_type, quantity, price, total_amount) values ('KNOWN', 'US', current_date, 'BUY', 1, 10, 10)")]
    public async Task Foreign_key_rejects_an_unknown_ticker(string constraint, string sql)
    {
        var error = await TryAsync(sql);
        Assert.NotNull(error);
        Assert.Equal(ForeignKeyViolation, error.SqlState);
        // on a hypertable the violated constraint is the chunk's copy, named "<ids>_<constraint>"
        Assert.EndsWith(constraint, error.ConstraintName);
    }

    [Theory]
    [InlineData("insert into quant.ohlcv_data (ticker, region, date) values ('KNOWN', 'KR', date '2024-05-02')")]
    [InlineData("insert into quant.portfolio (ticker, region, quantity, avg_buy_price, entry_date) values ('KNOWN', 'KR', 1, 10, current_date)")]
    [InlineData("insert into quant.trades (ticker, region, trade_date, trade_type, quantity, price, total_amount) values ('KNOWN', 'KR', current_date, 'SELL', 1, 10, 10)")]
    public async Task Deleting_a_ticker_with_history_is_restricted(string insertHistory)
    {
        var error = await TryAsync(insertHistory + "; delete from quant.tickers where ticker = 'KNOWN'");
        Assert.NotNull(error);
        Assert.Equal(ForeignKeyViolation, error.SqlState);
    }

    [Fact]
    public async Task Deleting_a_ticker_cascades_to_its_factor_scores()
    {
        var error = await TryAsync("""
            insert into quant.factor_scores (ticker, region, calculation_date, total_score) values ('KNOWN', 'KR', date '2024-05-02', 50);
            delete from quant.tickers where ticker = 'KNOWN';
            do $$ begin
                if exists (select from quant.factor_scores where ticker = 'KNOWN') then raise exception 'not cascaded'; end if;
            end $$;
            """);
        Assert.Null(error);
    }

    private const string InsertScores = """
        insert into quant.factor_scores (ticker, region, calculation_date, layer1_total, layer2_total, layer3_total, total_score, signal)
        values ('KNOWN', 'KR', date '2024-05-02', @l1::numeric, @l2::numeric, @l3::numeric, @total::numeric, @signal)
        """;

    [Theory]
    [InlineData(null, 20.0, 30.0, 10.0, 60.0, "BUY")]           // exact sum
    [InlineData(null, 20.01, 30.01, 10.01, 60.01, "WATCH")]     // rounding: within 0.02
    [InlineData(null, 20.01, 30.01, 10.01, 60.05, "AVOID")]     // 60.03 vs 60.05: within 0.02
    [InlineData(null, null, 30.0, 10.0, 99.0, "BUY")]           // a NULL layer: not checked
    [InlineData("chk_factor_total_score", 20.0, 30.0, 10.0, 50.0, "BUY")]
    [InlineData("chk_factor_total_score", 20.0, 30.0, 10.0, 60.03, "BUY")]
    [InlineData("chk_factor_total_score_range", null, null, null, 100.5, "BUY")]
    [InlineData("chk_factor_layer1_range", 26.0, null, null, null, null)]
    [InlineData("chk_factor_signal", null, null, null, null, "SELL")]
    public async Task Factor_score_checks(string? constraint, double? l1, double? l2, double? l3, double? total, string? signal)
    {
        var error = await TryAsync(InsertScores,
            ("l1", (decimal?)l1), ("l2", (decimal?)l2), ("l3", (decimal?)l3), ("total", (decimal?)total), ("signal", signal));
        AssertCheckOutcome(constraint, error);
    }

    /// <summary>No error when no constraint is named; otherwise a check violation of exactly that constraint.</summary>
    private static void AssertCheckOutcome(string? constraint, PostgresException? error)
    {
        if (constraint is null)
        {
            Assert.Null(error);
            return;
        }
        Assert.NotNull(error);
        Assert.Equal(CheckViolation, error.SqlState);
        Assert.Equal(constraint, error.ConstraintName);
    }

    [Theory]
    [InlineData(null, 0)]    // closed position kept with quantity 0
    [InlineData(null, 10)]
    [InlineData("chk_portfolio_quantity", -1)]
    public async Task Portfolio_quantity_check(string? constraint, int quantity)
    {
        var error = await TryAsync(
            "insert into quant.portfolio (ticker, region, quantity, avg_buy_price, entry_date) values ('KNOWN', 'KR', @q, 10, current_date)",
            ("q", quantity));
        AssertCheckOutcome(constraint, error);
    }

    [Theory]
    [InlineData(null, "BUY", 1, 10.0)]
    [InlineData("chk_trades_quantity", "BUY", 0, 10.0)]
    [InlineData("chk_trades_price", "SELL", 1, 0.0)]
    [InlineData("chk_trades_type", "HOLD", 1, 10.0)]
    public async Task Trade_checks(string? constraint, string type, int quantity, double price)
    {
        var error = await TryAsync("""
            insert into quant.trades (ticker, region, trade_date, trade_type, quantity, price, total_amount)
            values ('KNOWN', 'KR', current_date, @type, @quantity, @price, 0)
            """, ("type", type), ("quantity", quantity), ("price", (decimal)price));
        AssertCheckOutcome(constraint, error);
    }

    [Theory]
    [InlineData(null, "ERROR")]
    [InlineData("chk_system_logs_level", "FATAL")]
    public async Task System_log_level_check(string? constraint, string level)
    {
        var error = await TryAsync("insert into quant.system_logs (log_level, message) values (@level, 'm')", ("level", level));
        AssertCheckOutcome(constraint, error);
    }
}
