using Npgsql;
using Schema.Core.Market;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.MarketData;

/// <summary>
/// market.refresh_windows / refresh_session_gaps through the loader, against <see cref="RollingWindowReference"/> on
/// generated bars: a regular session, a half day, a holiday, another regular session, minutes outside the sessions
/// and absent minutes; every registered timeframe (5, 13, 60, 181, and 7 added by the test).
/// </summary>
public sealed class RollingWindowTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private static readonly DateOnly FirstDay = new(2024, 3, 4);

    private static async Task<List<int>> TimeframesAsync(NpgsqlConnection c) =>
        [.. (await Sql.ListAsync<short>(c, "select minutes from market.timeframes order by 1")).Select(m => (int)m)];

    private async Task AssertMatchesReferenceAsync(NpgsqlConnection c, string symbol, List<MinuteBar> bars, List<TestSession> sessions)
    {
        foreach (var minutes in await TimeframesAsync(c))
            MarketDataSetup.AssertSameWindows(RollingWindowReference.Windows(bars, sessions, minutes),
                await MarketDataSetup.ReadWindowsAsync(c, minutes, symbol), minutes);

        var expectedGaps = RollingWindowReference.Gaps(bars, sessions);
        var actualGaps = await Sql.ListAsync<string>(c,
            "select format('%s %s %s %s', session_date, prior_close, current_open, gap_direction) from market.session_gaps where symbol = @s order by session_date",
            ("s", symbol));
        Assert.Equal(expectedGaps.Select(g => FormattableString.Invariant($"{g.SessionDate:yyyy-MM-dd} {g.PriorClose} {g.CurrentOpen} {g.Direction}")), actualGaps);
    }

    [Fact]
    public async Task Windows_and_gaps_equal_the_reference_on_every_timeframe_including_one_added_later()
    {
        await using var c = await db.DataSource.OpenConnectionAsync();
        await Sql.ExecAsync(c, "call market.add_timeframe(7)");
        var sessions = MarketDataSetup.Calendar(FirstDay);
        await MarketDataSetup.RegisterAsync(c, "RW", "RWX", sessions);
        var bars = MarketDataSetup.Bars(sessions.Select(s => s.Date), seed: 1);

        var result = await OhlcvLoader.LoadAsync(db.DataSource, "rw", bars);

        Assert.Equal(bars.Count, result.Bars);
        Assert.Contains(7, await TimeframesAsync(c));
        await AssertMatchesReferenceAsync(c, "RW", bars, sessions);
        // the generated data really exercises what the columns mean
        var rows60 = await MarketDataSetup.ReadWindowsAsync(c, 60, "RW");
        Assert.Contains(rows60, r => r.SpansSessions);
        Assert.Contains(rows60, r => r.HasGap);
        Assert.Contains(rows60, r => !r.IsRegularSession && r.Timestamp.Date == FirstDay.AddDays(1).ToDateTime(TimeOnly.MinValue) && r.Timestamp.Hour >= 18);
        Assert.All(rows60.Where(r => r.Timestamp.Date == FirstDay.AddDays(2).ToDateTime(TimeOnly.MinValue)), r => Assert.False(r.IsRegularSession));
        // rows with the same phase are exactly N minutes apart: the 60-minute row at 10:45 has phase 45
        Assert.Equal(45, rows60.Single(r => r.Timestamp == FirstDay.ToDateTime(new TimeOnly(15, 45), DateTimeKind.Utc)).MinuteIndex);

        // a second call over the same range writes nothing
        Assert.Equal(0L, await Sql.ScalarAsync<long>(c, "call market.refresh_windows('RW', @a, @b, null)", ("a", result.First), ("b", result.Last)));
        await Sql.ExecAsync(c, "call market.drop_timeframe(7)");
    }

    [Fact]
    public async Task Loading_a_new_day_recomputes_only_the_rows_whose_windows_changed()
    {
        await using var c = await db.DataSource.OpenConnectionAsync();
        var sessions = MarketDataSetup.Calendar(FirstDay.AddDays(7));
        await MarketDataSetup.RegisterAsync(c, "INC", "INCX", sessions);
        var bars = MarketDataSetup.Bars(sessions.Select(s => s.Date), seed: 2);
        var firstNew = sessions[3].Date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var before = bars.Where(b => b.Timestamp < firstNew).ToList();
        var after = bars.Where(b => b.Timestamp >= firstNew).ToList();

        await OhlcvLoader.LoadAsync(db.DataSource, "INC", before);
        var versions = await MarketDataSetup.RowVersionsAsync(c, "INC");
        await OhlcvLoader.LoadAsync(db.DataSource, "INC", after);

        await AssertMatchesReferenceAsync(c, "INC", bars, sessions);
        var now = await MarketDataSetup.RowVersionsAsync(c, "INC");
        Assert.Equal(versions.Count + after.Count * (await TimeframesAsync(c)).Count, now.Count);
        Assert.All(versions, v => Assert.Equal(v.Value, now[v.Key])); // no earlier row was rewritten
    }

    [Fact]
    public async Task Reloading_a_corrected_range_rewrites_the_windows_and_clears_their_indicators()
    {
        await using var c = await db.DataSource.OpenConnectionAsync();
        var sessions = MarketDataSetup.Calendar(FirstDay.AddDays(14));
        await MarketDataSetup.RegisterAsync(c, "FIX", "FIXX", sessions);
        var bars = MarketDataSetup.Bars(sessions.Select(s => s.Date), seed: 3);
        await OhlcvLoader.LoadAsync(db.DataSource, "FIX", bars);
        await Sql.ExecAsync(c, "update market.ohlcv_60m set rsi_14 = 50 where symbol = 'FIX'");

        // one corrected bar (higher high), one bar dropped
        var i = bars.Count / 2;
        var corrected = bars.ToList();
        corrected[i] = corrected[i] with { High = corrected[i].High + 100 };
        corrected.RemoveAt(i + 1);
        await OhlcvLoader.LoadAsync(db.DataSource, "FIX", corrected.Skip(i - 10).Take(30).ToList());

        await AssertMatchesReferenceAsync(c, "FIX", corrected, sessions);
        // exactly the rows whose open/high/low/close/volume changed lose their indicators
        var original = RollingWindowReference.Windows(bars, sessions, 60).ToDictionary(r => r.Timestamp);
        var changed = RollingWindowReference.Windows(corrected, sessions, 60)
            .Where(r => original[r.Timestamp] is var o && (o.Open, o.High, o.Low, o.Close, o.Volume) != (r.Open, r.High, r.Low, r.Close, r.Volume))
            .Select(r => r.Timestamp).ToList();
        Assert.NotEmpty(changed);
        var cleared = await Sql.ListAsync<DateTime>(c, "select \"timestamp\" from market.ohlcv_60m where symbol = 'FIX' and rsi_14 is null order by 1");
        Assert.Equal(changed, cleared);
    }
}
