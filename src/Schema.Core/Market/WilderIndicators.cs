namespace Schema.Core.Market;

/// <summary>
/// RSI and ATR as TA-Lib defines them (TA_RSI, TA_ATR with the default unstable period 0), on one series.
/// RSI(n): the first value is at index n: average gain and loss = simple means of the first n gains and losses
/// (close-to-close changes), then Wilder smoothing avg = (avg * (n - 1) + x) / n; RSI = 100 * gain / (gain + loss),
/// 0 when both are zero. ATR(n): true range TR[i] = max(high[i], close[i-1]) - min(low[i], close[i-1]) from index 1;
/// the first value is at index n = mean of TR[1..n], then Wilder smoothing. Earlier indexes are null.
/// </summary>
public static class WilderIndicators
{
    public const int Period = 14;

    public static double?[] Rsi(IReadOnlyList<double> close, int period = Period)
    {
        var result = new double?[close.Count];
        if (close.Count <= period) return result;
        double gain = 0, loss = 0;
        for (var i = 1; i <= period; i++)
        {
            var change = close[i] - close[i - 1];
            if (change < 0) loss -= change; else gain += change;
        }
        gain /= period;
        loss /= period;
        result[period] = Ratio(gain, loss);
        for (var i = period + 1; i < close.Count; i++)
        {
            var change = close[i] - close[i - 1];
            gain *= period - 1;
            loss *= period - 1;
            if (change < 0) loss -= change; else gain += change;
            gain /= period;
            loss /= period;
            result[i] = Ratio(gain, loss);
        }
        return result;
    }

    public static double?[] Atr(IReadOnlyList<double> high, IReadOnlyList<double> low, IReadOnlyList<double> close, int period = Period)
    {
        var result = new double?[close.Count];
        if (close.Count <= period) return result;
        double atr = 0;
        for (var i = 1; i <= period; i++) atr += TrueRange(high[i], low[i], close[i - 1]);
        atr /= period;
        result[period] = atr;
        for (var i = period + 1; i < close.Count; i++)
        {
            atr *= period - 1;
            atr += TrueRange(high[i], low[i], close[i - 1]);
            atr /= period;
            result[i] = atr;
        }
        return result;
    }

    private static double TrueRange(double high, double low, double previousClose) =>
        Math.Max(high, previousClose) - Math.Min(low, previousClose);

    // TA-Lib's TA_IS_ZERO: |x| < 1e-14
    private static double Ratio(double gain, double loss)
    {
        var total = gain + loss;
        return Math.Abs(total) < 1e-14 ? 0 : 100 * (gain / total);
    }
}
