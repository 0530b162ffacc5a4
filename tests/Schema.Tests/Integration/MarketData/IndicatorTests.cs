using Schema.Core.Market;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.MarketData;

/// <summary>
/// rsi_14 / atr_14 (TA-Lib definitions) on a hand-worked series, per rolling-window phase, written only where they change.
/// The series: close 100, then changes +1 +1 -1 +1 +1 -1 +1 +1 -1 +1 +1 -1 +1 +1 (10 gains, 4 losses), then +1, then -2;
/// high = close + 0.5, low = close - 0.5, so the true range is 1.5 for a change of 1 and 2.5 for a change of 2.
///   RSI[14] = 100 * (10/14) / (10/14 + 4/14) = 1000/14
///   RSI[15]: gain = (10/14 * 13 + 1) / 14 = 144/196, loss = (4/14 * 13) / 14 = 52/196  -> 100 * 144/196
///   RSI[16]: gain = 144/196 * 13 / 14 = 1872/2744, loss = (52/196 * 13 + 2) / 14 = 1068/2744 -> 100 * 1872/2940
///   ATR[14] = mean of 14 true ranges of 1.5 = 1.5, ATR[15] = (1.5 * 13 + 1.5) / 14 = 1.5, ATR[16] = (1.5 * 13 + 2.5) / 14 = 22/14
/// The mirrored series (every change negated) has RSI 400/14, 100 * 52/196, 100 * 1068/2940 and the same ATR.
/// </summary>
public sealed class IndicatorTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private static readonly int[] Changes = [+1, +1, -1, +1, +1, -1, +1, +1, -1, +1, +1, -1, +1, +1, +1, -2];
    private static readonly double?[] ExpectedRsi = [.. Enumerable.Repeat<double?>(null, 14), 1000.0 / 14, 100.0 * 144 / 196, 100.0 * 1872 / 2940];
    private static readonly double?[] ExpectedMirroredRsi = [.. Enumerable.Repeat<double?>(null, 14), 400.0 / 14, 100.0 * 52 / 196, 100.0 * 1068 / 2940];
    private static readonly double?[] ExpectedAtr = [.. Enumerable.Repeat<double?>(null, 14), 1.5, 1.5, 22.0 / 14];

    private static double[] Closes(int sign)
    {
        var closes = new double[Changes.Length + 1];
        closes[0] = 100;
        for (var i = 0; i < Changes.Length; i++) closes[i + 1] = closes[i] + sign * Changes[i];
        return closes;
    }

    private static void AssertSeries(double?[] expected, IReadOnlyList<double?> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(expected[i].HasValue == actual[i].HasValue, $"{what}[{i}]: expected {expected[i]}, got {actual[i]}");
            if (expected[i] is { } e) MarketDataSetup.AssertClose(e, actual[i]!.Value, $"{what}[{i}]");
        }
    }

    [Fact]
    public void Rsi_and_atr_follow_the_hand_worked_series()
    {
        var closes = Closes(+1);
        AssertSeries(ExpectedRsi, WilderIndicators.Rsi(closes), "rsi");
        AssertSeries(ExpectedMirroredRsi, WilderIndicators.Rsi(Closes(-1)), "mirrored rsi");
        AssertSeries(ExpectedAtr, WilderIndicators.Atr(closes.Select(c => c + 0.5).ToArray(), closes.Select(c => c - 0.5).ToArray(), closes), "atr");
        Assert.All(WilderIndicators.Rsi(closes[..14]), v => Assert.Null(v)); // 13 changes: not enough for a first value
    }

    private static readonly DateTime Start = new(2024, 1, 2, 0, 0, 0, DateTimeKind.Utc); // epoch minute divisible by 5: phase 0

    /// <summary>Rows k of phase 0 (the series) and phase 1 (the mirrored series), 5 minutes apart, straight into ohlcv_5m.</summary>
    private async Task InsertRowsAsync(string symbol, Range range)
    {
        foreach (var (phase, closes) in new[] { (0, Closes(+1)), (1, Closes(-1)) })
            for (var k = range.Start.Value; k < range.End.Value; k++)
                await db.ExecAsync("""
                    insert into market.ohlcv_5m ("timestamp", symbol, minute_index, open, high, low, close, volume)
                    values (@t, @s, @p, @c, @c + 0.5, @c - 0.5, @c, 1)
                    """, ("t", Start.AddMinutes(phase + 5 * k)), ("s", symbol), ("p", (short)phase), ("c", closes[k]));
    }

    private async Task<(List<double?> Rsi, List<double?> Atr)> ReadAsync(string symbol, int phase)
    {
        var rsi = await Sql.ListAsync<double?>(db.DataSource, "select rsi_14 from market.ohlcv_5m where symbol = @s and minute_index = @p order by \"timestamp\"", ("s", symbol), ("p", (short)phase));
        var atr = await Sql.ListAsync<double?>(db.DataSource, "select atr_14 from market.ohlcv_5m where symbol = @s and minute_index = @p order by \"timestamp\"", ("s", symbol), ("p", (short)phase));
        return (rsi, atr);
    }

    [Fact]
    public async Task Each_phase_is_its_own_series_and_a_rerun_writes_only_the_new_rows()
    {
        await db.ExecAsync("insert into market.symbols (symbol, exchange) values ('IND', 'X')");
        await db.ExecAsync("call market.ensure_partitions(5, 'IND', '2024-01-01', '2024-02-01')");
        await InsertRowsAsync("IND", 0..16);

        var first = Assert.Single(await IndicatorBackfill.RunAsync(db.DataSource, "ind", 5, TimeSpan.Zero));
        Assert.Equal(new IndicatorResult(5, 32, 4, 4), first); // rows 14 and 15 of both phases
        var (rsi, atr) = await ReadAsync("IND", 0);
        AssertSeries(ExpectedRsi[..16], rsi, "phase 0 rsi");
        AssertSeries(ExpectedAtr[..16], atr, "phase 0 atr");
        (rsi, atr) = await ReadAsync("IND", 1);
        AssertSeries(ExpectedMirroredRsi[..16], rsi, "phase 1 rsi");
        AssertSeries(ExpectedAtr[..16], atr, "phase 1 atr");

        // a new row per phase: only those two are written, the others keep their row version
        var versions = await Sql.ListAsync<string>(db.DataSource, "select \"timestamp\"::text || ' ' || xmin::text from market.ohlcv_5m where symbol = 'IND' order by 1");
        await InsertRowsAsync("IND", 16..17);
        var second = Assert.Single(await IndicatorBackfill.RunAsync(db.DataSource, "IND", 5, TimeSpan.Zero));
        Assert.Equal(new IndicatorResult(5, 34, 2, 2), second);
        var now = await Sql.ListAsync<string>(db.DataSource, "select \"timestamp\"::text || ' ' || xmin::text from market.ohlcv_5m where symbol = 'IND' order by 1");
        Assert.Empty(versions.Except(now));
        (rsi, atr) = await ReadAsync("IND", 0);
        AssertSeries(ExpectedRsi, rsi, "phase 0 rsi");
        AssertSeries(ExpectedAtr, atr, "phase 0 atr");
        (rsi, _) = await ReadAsync("IND", 1);
        AssertSeries(ExpectedMirroredRsi, rsi, "phase 1 rsi");

        // nothing new: nothing written; the leaf was analyzed after the writes
        Assert.Equal(new IndicatorResult(5, 34, 0, 0), Assert.Single(await IndicatorBackfill.RunAsync(db.DataSource, "IND", 5, TimeSpan.Zero)));
        Assert.Equal(34f, await db.ScalarAsync<float>("select reltuples from pg_class where oid = 'market.ohlcv_5m_ind_2024_01'::regclass"));
    }

    [Fact]
    public async Task The_command_covers_every_timeframe_and_rejects_an_unknown_one()
    {
        await db.ExecAsync("insert into market.symbols (symbol, exchange) values ('CMD', 'X')");
        var all = await CliRunner.RunAsync("indicators", "--symbol", "CMD", "--max-wait", "0", "-c", db.ConnectionString);
        Assert.True(all.ExitCode == 0, all.Stderr);
        foreach (var minutes in await Sql.ListAsync<short>(db.DataSource, "select minutes from market.timeframes"))
            Assert.Contains($"CMD {minutes}m: 0 row(s) read", all.Stdout);

        var unknown = await CliRunner.RunAsync("indicators", "--symbol", "CMD", "--timeframe", "7", "-c", db.ConnectionString);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("error: timeframe 7 is not registered in market.timeframes", unknown.Stderr.Trim());
    }
}
