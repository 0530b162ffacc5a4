namespace Schema.Core.Market;

/// <summary>What the indicator backfill did on one timeframe table.</summary>
public sealed record IndicatorResult(int Timeframe, long Rows, long Staged, long Updated);
