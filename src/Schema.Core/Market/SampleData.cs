using Npgsql;
using NpgsqlTypes;

namespace Schema.Core.Market;

/// <summary>
/// The development sample of <c>schema seed --sample</c>: random-walk one-minute bars for every minute of the last N
/// sessions of each active symbol (market.trading_sessions of its exchange), loaded through the bulk path
/// (<see cref="OhlcvLoader"/>: partitions, COPY, gaps, windows) and given indicators (<see cref="IndicatorBackfill"/>).
/// Deterministic: a session's bars depend only on the symbol and the session date (not on N or on when it runs),
/// so running it again rewrites nothing.
/// </summary>
public static class SampleData
{
    public static async Task LoadAsync(NpgsqlDataSource dataSource, int days, TimeSpan maxWait, Action<string> log, CancellationToken ct = default)
    {
        var sessions = new List<(string Symbol, double Tick, SampleSession Session)>();
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        await using (var cmd = new NpgsqlCommand(MarketSql.Load("sample_sessions"), connection))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = days, NpgsqlDbType = NpgsqlDbType.Integer });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                sessions.Add((reader.GetString(0), reader.GetDouble(1),
                    new SampleSession(reader.GetFieldValue<DateOnly>(2), reader.GetFieldValue<DateTime>(3), reader.GetFieldValue<DateTime>(4))));
        }
        if (sessions.Count == 0)
        {
            log("sample: no past trading sessions for the active symbols (seed market.trading_sessions first)");
            return;
        }
        foreach (var group in sessions.GroupBy(s => s.Symbol))
        {
            var bars = Generate(group.Key, group.First().Tick, group.Select(s => s.Session));
            var load = await OhlcvLoader.LoadAsync(dataSource, group.Key, bars, null, ct);
            log($"sample: {load.Symbol} {load.Bars} bar(s) in {group.Count()} session(s), {load.WindowRows} rolling-window row(s) written");
            var indicators = await IndicatorBackfill.RunAsync(dataSource, group.Key, null, maxWait, null, ct);
            log($"sample: {load.Symbol} indicators: {indicators.Sum(r => r.Updated)} row(s) updated");
        }
    }

    /// <summary>Bars for every minute (start, end] of each session: a random walk in ticks, seeded by symbol and date.</summary>
    public static List<MinuteBar> Generate(string symbol, double tickSize, IEnumerable<SampleSession> sessions)
    {
        var basePrice = symbol switch { "ES" => 5000.0, "NQ" => 17500.0, "CL" => 75.0, _ => 100.0 };
        var bars = new List<MinuteBar>();
        foreach (var session in sessions.OrderBy(s => s.Start))
        {
            var random = new Random(StableSeed(symbol, session.Date));
            var ticks = Math.Round(basePrice * (1 + (random.NextDouble() - 0.5) * 0.04) / tickSize);
            for (var t = session.Start.AddMinutes(1); t <= session.End; t = t.AddMinutes(1))
            {
                var open = ticks;
                ticks += random.Next(-4, 5);
                var high = Math.Max(open, ticks) + random.Next(0, 3);
                var low = Math.Min(open, ticks) - random.Next(0, 3);
                var volume = random.Next(1, 1500);
                var vwapTicks = low + (high - low) * random.NextDouble();
                bars.Add(new MinuteBar(t, Price(open), Price(high), Price(low), Price(ticks), volume,
                    Math.Max(1, volume / 4), Math.Round(vwapTicks * tickSize, 6)));
            }
        }
        return bars;

        double Price(double tickCount) => Math.Round(tickCount * tickSize, 6);
    }

    // FNV-1a over the symbol and the day number: the same on every machine and run (string.GetHashCode is not)
    private static int StableSeed(string symbol, DateOnly date)
    {
        var hash = 2166136261u;
        foreach (var c in symbol + ":" + date.DayNumber) hash = (hash ^ c) * 16777619u;
        return (int)(hash & 0x7fffffff);
    }
}
