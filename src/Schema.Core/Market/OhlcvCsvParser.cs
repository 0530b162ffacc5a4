using System.Globalization;

namespace Schema.Core.Market;

/// <summary>
/// Reads one-minute bars from CSV: <c>timestamp,open,high,low,close,volume[,trade_count[,vwap]]</c>, an optional
/// header line (a first line whose first field does not start with a digit), blank lines ignored, fields optionally
/// in double quotes. Timestamps are ISO-8601; without an offset they are UTC; they must be whole minutes, strictly
/// increasing. The whole file is validated before anything is returned: a bad row throws
/// <see cref="MarketDataException"/> naming the file and line (and how many more rows are bad), so nothing of a bad
/// file is ever loaded. Hand-written (a few columns) rather than a reflection-based mapper: trim/AOT-clean.
/// </summary>
public static class OhlcvCsvParser
{
    private const int MaxReported = 1;

    public static List<MinuteBar> Parse(TextReader reader, string fileName)
    {
        var bars = new List<MinuteBar>();
        var errors = new List<string>();
        DateTime? previous = null;
        var lineNumber = 0;
        var first = true;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var fields = line.Split(',');
            for (var i = 0; i < fields.Length; i++) fields[i] = Unquote(fields[i].Trim());
            var isHeader = first && IsHeader(fields);
            first = false;
            if (isHeader) continue;
            var error = ParseRow(fields, previous, out var bar);
            if (error is not null)
            {
                errors.Add($"{fileName}:{lineNumber}: {error}");
                // keep checking order against the last good timestamp
                continue;
            }
            previous = bar.Timestamp;
            bars.Add(bar);
        }
        if (errors.Count > 0)
            throw new MarketDataException(errors.Count > MaxReported
                ? $"{errors[0]} (and {errors.Count - 1} more bad row(s)); nothing was loaded"
                : $"{errors[0]}; nothing was loaded");
        if (bars.Count == 0) throw new MarketDataException($"{fileName}: no bars");
        return bars;
    }

    private static bool IsHeader(string[] fields) => fields[0].Length > 0 && !char.IsAsciiDigit(fields[0][0]);

    private static string Unquote(string field) =>
        field.Length >= 2 && field[0] == '"' && field[^1] == '"' ? field[1..^1].Trim() : field;

    private static string? ParseRow(string[] fields, DateTime? previous, out MinuteBar bar)
    {
        bar = default;
        if (fields.Length is < 6 or > 8)
            return $"expected 6 to 8 fields (timestamp,open,high,low,close,volume[,trade_count[,vwap]]), got {fields.Length}";
        if (!DateTimeOffset.TryParse(fields[0], CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var stamp))
            return $"timestamp '{fields[0]}' is not an ISO-8601 date and time";
        var t = stamp.UtcDateTime;
        if (t.Ticks % TimeSpan.TicksPerMinute != 0) return $"timestamp '{fields[0]}' is not a whole minute";
        if (previous is { } p)
        {
            if (t == p) return $"duplicated timestamp {t:yyyy-MM-dd HH:mm}Z";
            if (t < p) return $"timestamp {t:yyyy-MM-dd HH:mm}Z is out of order (after {p:yyyy-MM-dd HH:mm}Z)";
        }
        string[] names = ["open", "high", "low", "close", "volume"];
        var values = new double[5];
        for (var i = 0; i < 5; i++)
            if (!TryNumber(fields[i + 1], out values[i])) return $"{names[i]} '{fields[i + 1]}' is not a number";
        var (open, high, low, close, volume) = (values[0], values[1], values[2], values[3], values[4]);
        if (high < low) return $"high {Show(high)} is below low {Show(low)}";
        if (open < low || open > high) return $"open {Show(open)} is outside low..high {Show(low)}..{Show(high)}";
        if (close < low || close > high) return $"close {Show(close)} is outside low..high {Show(low)}..{Show(high)}";
        if (volume < 0) return $"volume {Show(volume)} is negative";
        int? trades = null;
        if (fields.Length > 6 && fields[6].Length > 0)
        {
            if (!int.TryParse(fields[6], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                return $"trade_count '{fields[6]}' is not a whole number";
            if (n < 0) return $"trade_count {n} is negative";
            trades = n;
        }
        double? vwap = null;
        if (fields.Length > 7 && fields[7].Length > 0)
        {
            if (!TryNumber(fields[7], out var v)) return $"vwap '{fields[7]}' is not a number";
            vwap = v;
        }
        bar = new MinuteBar(t, open, high, low, close, volume, trades, vwap);
        return null;
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static string Show(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
