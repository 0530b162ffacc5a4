using Npgsql;
using Schema.Core.Market;
using Schema.Tests.Harness;

namespace Schema.Tests.MarketData;

/// <summary>Generated test data for the market data path: a calendar with a half day and a holiday, random-walk bars.</summary>
internal static class MarketDataSetup
{
    /// <summary>Four session days on an exchange of the test's own: regular, half day, holiday, regular (UTC times).</summary>
    public static List<TestSession> Calendar(DateOnly firstDay) =>
    [
        new(firstDay, At(firstDay, 14, 30), At(firstDay, 21, 0)),
        new(firstDay.AddDays(1), At(firstDay.AddDays(1), 14, 30), At(firstDay.AddDays(1), 18, 0), IsHalfDay: true),
        new(firstDay.AddDays(2), At(firstDay.AddDays(2), 14, 30), At(firstDay.AddDays(2), 14, 30), IsHoliday: true),
        new(firstDay.AddDays(3), At(firstDay.AddDays(3), 14, 30), At(firstDay.AddDays(3), 21, 0)),
    ];

    private static DateTime At(DateOnly day, int hour, int minute) => day.ToDateTime(new TimeOnly(hour, minute), DateTimeKind.Utc);

    /// <summary>Bars every minute from 14:00 to 21:30 UTC of each day (so minutes outside the sessions too), a few missing.</summary>
    public static List<MinuteBar> Bars(IEnumerable<DateOnly> days, int seed)
    {
        var random = new Random(seed);
        var bars = new List<MinuteBar>();
        var price = 5000.0;
        foreach (var day in days)
        {
            price += random.Next(-40, 41) * 0.25; // an overnight gap
            for (var t = At(day, 14, 1); t <= At(day, 21, 30); t = t.AddMinutes(1))
            {
                var open = price;
                price += random.Next(-8, 9) * 0.25;
                if (random.NextDouble() < 0.03) continue; // an absent minute
                var high = Math.Max(open, price) + random.Next(0, 5) * 0.25;
                var low = Math.Min(open, price) - random.Next(0, 5) * 0.25;
                int? trades = random.NextDouble() < 0.05 ? null : random.Next(1, 300);
                double? vwap = random.NextDouble() < 0.05 ? null : Math.Round(low + (high - low) * random.NextDouble(), 4);
                bars.Add(new MinuteBar(t, open, high, low, price, random.Next(0, 2000), trades, vwap));
            }
        }
        return bars;
    }

    public static async Task RegisterAsync(NpgsqlConnection c, string symbol, string exchange, IEnumerable<TestSession> sessions)
    {
        await Sql.ExecAsync(c, "insert into market.symbols (symbol, exchange, timezone) values (@s, @e, 'UTC')", ("s", symbol), ("e", exchange));
        foreach (var s in sessions)
            await Sql.ExecAsync(c, """
                insert into market.trading_sessions (session_date, exchange, session_start, session_end, total_minutes, is_half_day, is_holiday)
                values (@d, @e, @start, @end, @minutes, @half, @holiday)
                """, ("d", s.Date), ("e", exchange), ("start", s.Start), ("end", s.End),
                ("minutes", (short)(s.End - s.Start).TotalMinutes), ("half", s.IsHalfDay), ("holiday", s.IsHoliday));
    }

    /// <summary>Every row of market.ohlcv_{N}m for a symbol, in time order (the table name comes from format('%I') server-side).</summary>
    public static async Task<List<WindowRow>> ReadWindowsAsync(NpgsqlConnection c, int minutes, string symbol)
    {
        var query = await Sql.ScalarAsync<string>(c, """
            select format('select "timestamp", minute_index, open, high, low, close, volume, trade_count, vwap, minutes_into_session,
                                  window_spans_sessions, is_regular_session, has_gap_from_prior_session
                           from market.%I where symbol = $1 order by "timestamp"', 'ohlcv_' || @m || 'm')
            """, ("m", minutes));
        await using var cmd = new NpgsqlCommand(query, c);
        cmd.Parameters.Add(new NpgsqlParameter { Value = symbol });
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<WindowRow>();
        while (await r.ReadAsync())
            rows.Add(new WindowRow(r.GetFieldValue<DateTime>(0), r.GetInt16(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4), r.GetDouble(5),
                r.GetDouble(6), r.IsDBNull(7) ? null : r.GetInt32(7), r.IsDBNull(8) ? null : r.GetDouble(8),
                r.IsDBNull(9) ? null : r.GetInt16(9), r.GetBoolean(10), r.GetBoolean(11), r.GetBoolean(12)));
        return rows;
    }

    /// <summary>xmin of every row of every timeframe table of a symbol, keyed by table and timestamp (to see which rows a load rewrote).</summary>
    public static async Task<Dictionary<(int, DateTime), uint>> RowVersionsAsync(NpgsqlConnection c, string symbol)
    {
        var result = new Dictionary<(int, DateTime), uint>();
        foreach (var minutes in await Sql.ListAsync<short>(c, "select minutes from market.timeframes order by 1"))
        {
            var query = await Sql.ScalarAsync<string>(c,
                "select format('select \"timestamp\", xmin::text::bigint from market.%I where symbol = $1', 'ohlcv_' || @m || 'm')", ("m", (int)minutes));
            await using var cmd = new NpgsqlCommand(query, c);
            cmd.Parameters.Add(new NpgsqlParameter { Value = symbol });
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) result[(minutes, r.GetFieldValue<DateTime>(0))] = (uint)r.GetInt64(1);
        }
        return result;
    }

    public static void AssertClose(double expected, double actual, string what)
    {
        var tolerance = 1e-9 * Math.Max(1, Math.Abs(expected));
        Xunit.Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R}");
    }

    public static void AssertSameWindows(IReadOnlyList<WindowRow> expected, IReadOnlyList<WindowRow> actual, int minutes)
    {
        Xunit.Assert.Equal(expected.Select(e => e.Timestamp), actual.Select(a => a.Timestamp));
        for (var i = 0; i < expected.Count; i++)
        {
            var (e, a) = (expected[i], actual[i]);
            var where = $"{minutes}m at {e.Timestamp:yyyy-MM-dd HH:mm}";
            Xunit.Assert.True(e.MinuteIndex == a.MinuteIndex, $"{where}: minute_index {e.MinuteIndex} vs {a.MinuteIndex}");
            AssertClose(e.Open, a.Open, where + " open");
            AssertClose(e.High, a.High, where + " high");
            AssertClose(e.Low, a.Low, where + " low");
            AssertClose(e.Close, a.Close, where + " close");
            AssertClose(e.Volume, a.Volume, where + " volume");
            Xunit.Assert.True(e.TradeCount == a.TradeCount, $"{where}: trade_count {e.TradeCount} vs {a.TradeCount}");
            Xunit.Assert.True(e.Vwap.HasValue == a.Vwap.HasValue, $"{where}: vwap {e.Vwap} vs {a.Vwap}");
            if (e.Vwap is { } ev) AssertClose(ev, a.Vwap!.Value, where + " vwap");
            Xunit.Assert.True(e.MinutesIntoSession == a.MinutesIntoSession, $"{where}: minutes_into_session {e.MinutesIntoSession} vs {a.MinutesIntoSession}");
            Xunit.Assert.True(e.SpansSessions == a.SpansSessions, $"{where}: window_spans_sessions {e.SpansSessions} vs {a.SpansSessions}");
            Xunit.Assert.True(e.IsRegularSession == a.IsRegularSession, $"{where}: is_regular_session {e.IsRegularSession} vs {a.IsRegularSession}");
            Xunit.Assert.True(e.HasGap == a.HasGap, $"{where}: has_gap_from_prior_session {e.HasGap} vs {a.HasGap}");
        }
    }
}
