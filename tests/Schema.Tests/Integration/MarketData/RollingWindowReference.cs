using Schema.Core.Market;

namespace Schema.Tests.MarketData;

/// <summary>A trading session as in market.trading_sessions (UTC instants).</summary>
public sealed record TestSession(DateOnly Date, DateTime Start, DateTime End, bool IsHoliday = false, bool IsHalfDay = false);

/// <summary>One expected row of market.ohlcv_{N}m.</summary>
public sealed record WindowRow(
    DateTime Timestamp, short MinuteIndex, double Open, double High, double Low, double Close, double Volume,
    long? TradeCount, double? Vwap, short? MinutesIntoSession, bool SpansSessions, bool IsRegularSession, bool HasGap);

/// <summary>One expected row of market.session_gaps.</summary>
public sealed record GapRow(DateOnly SessionDate, double PriorClose, double CurrentOpen, string Direction);

/// <summary>
/// The rolling windows computed the obvious way, row by row, independently of the SQL: for each one-minute bar t,
/// the bars in (t - N min, t]; the session containing t (start &lt; t &lt;= end, holidays excluded); the gap of a
/// session = its first bar's open against the last close at or before its start.
/// </summary>
public static class RollingWindowReference
{
    public static TestSession? SessionOf(IReadOnlyList<TestSession> sessions, DateTime t) =>
        sessions.FirstOrDefault(s => !s.IsHoliday && s.Start < t && t <= s.End);

    public static List<GapRow> Gaps(IReadOnlyList<MinuteBar> bars, IReadOnlyList<TestSession> sessions)
    {
        var gaps = new List<GapRow>();
        foreach (var s in sessions.Where(s => !s.IsHoliday))
        {
            var firstBar = bars.Where(b => b.Timestamp > s.Start && b.Timestamp <= s.End).OrderBy(b => b.Timestamp).ToList();
            var prior = bars.Where(b => b.Timestamp <= s.Start).OrderBy(b => b.Timestamp).ToList();
            if (firstBar.Count == 0 || prior.Count == 0) continue;
            var open = firstBar[0].Open;
            var close = prior[^1].Close;
            gaps.Add(new GapRow(s.Date, close, open, open > close ? "up" : open < close ? "down" : "none"));
        }
        return gaps;
    }

    public static List<WindowRow> Windows(IReadOnlyList<MinuteBar> bars, IReadOnlyList<TestSession> sessions, int n)
    {
        var gaps = Gaps(bars, sessions).ToDictionary(g => g.SessionDate);
        var rows = new List<WindowRow>();
        foreach (var bar in bars)
        {
            var t = bar.Timestamp;
            var window = bars.Where(b => b.Timestamp > t.AddMinutes(-n) && b.Timestamp <= t).OrderBy(b => b.Timestamp).ToList();
            var session = SessionOf(sessions, t);
            var firstSession = SessionOf(sessions, window[0].Timestamp);
            var withVwap = window.Where(b => b.Vwap is not null).ToList();
            double? vwap = n == 1 ? bar.Vwap
                : withVwap.Count == 0 || withVwap.Sum(b => b.Volume) == 0 ? null
                : withVwap.Sum(b => b.Vwap!.Value * b.Volume) / withVwap.Sum(b => b.Volume);
            var hasGap = false;
            if (session is not null && gaps.TryGetValue(session.Date, out var gap) && gap.Direction != "none")
            {
                var opening = bars.Where(b => b.Timestamp > session.Start && b.Timestamp <= session.End).Min(b => b.Timestamp);
                hasGap = opening > t.AddMinutes(-n);
            }
            var epochMinutes = (long)(t - DateTime.UnixEpoch).TotalMinutes;
            rows.Add(new WindowRow(
                t, (short)(epochMinutes % n),
                window[0].Open, window.Max(b => b.High), window.Min(b => b.Low), window[^1].Close, window.Sum(b => b.Volume),
                window.All(b => b.TradeCount is null) ? null : window.Sum(b => (long)(b.TradeCount ?? 0)),
                vwap,
                session is null ? null : (short)(t - session.Start).TotalMinutes,
                firstSession?.Date != session?.Date,
                session is not null,
                hasGap));
        }
        return rows;
    }
}
