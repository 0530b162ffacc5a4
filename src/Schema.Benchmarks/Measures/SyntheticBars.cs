using Schema.Core.Market;

namespace Schema.Benchmarks.Measures;

/// <summary>Deterministic random-walk one-minute bars (same seed, same bars on every run and machine).</summary>
public static class SyntheticBars
{
    /// <summary><paramref name="count"/> bars, one per minute from <paramref name="start"/> (UTC) on, no gaps.</summary>
    public static List<MinuteBar> EveryMinute(DateTime start, int count, int seed = 42) =>
        Walk(Enumerable.Range(1, count).Select(i => start.AddMinutes(i)), seed);

    /// <summary>Bars for each weekday of <paramref name="year"/>, 23 hours a day (a futures session, 22:00-21:00 UTC).</summary>
    public static List<MinuteBar> TradingYear(int year, int maxDays, int seed = 7)
    {
        var days = Enumerable.Range(0, 366).Select(d => new DateTime(year, 1, 2, 0, 0, 0, DateTimeKind.Utc).AddDays(d))
            .Where(d => d.Year == year && d.DayOfWeek is not DayOfWeek.Saturday and not DayOfWeek.Sunday)
            .Take(maxDays);
        return Walk(days.SelectMany(d => Enumerable.Range(1, 23 * 60).Select(m => d.AddHours(-2).AddMinutes(m))), seed);
    }

    private static List<MinuteBar> Walk(IEnumerable<DateTime> times, int seed)
    {
        var random = new Random(seed);
        var price = 5000.0;
        var bars = new List<MinuteBar>();
        foreach (var t in times)
        {
            var open = price;
            price = Math.Max(1, price + random.Next(-4, 5) * 0.25);
            var high = Math.Max(open, price) + random.Next(0, 3) * 0.25;
            var low = Math.Min(open, price) - random.Next(0, 3) * 0.25;
            var volume = random.Next(1, 1500);
            bars.Add(new MinuteBar(t, open, high, low, price, volume, Math.Max(1, volume / 4),
                Math.Round(low + (high - low) * random.NextDouble(), 4)));
        }
        return bars;
    }
}
