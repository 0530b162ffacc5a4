namespace Schema.Core.Market;

/// <summary>One one-minute bar as loaded into market.ohlcv_1m; <see cref="Timestamp"/> (UTC) is the end of the minute.</summary>
public readonly record struct MinuteBar(
    DateTime Timestamp, double Open, double High, double Low, double Close, double Volume, int? TradeCount, double? Vwap);
