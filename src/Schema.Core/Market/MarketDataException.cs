namespace Schema.Core.Market;

/// <summary>Bad market data (a CSV row, an unknown symbol): reported as one line, exit code 1.</summary>
public sealed class MarketDataException(string message) : Exception(message);
