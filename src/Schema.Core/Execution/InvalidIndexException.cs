namespace Schema.Core.Execution;

/// <summary>A no-transaction script left an INVALID index behind; it is not journaled.</summary>
public sealed class InvalidIndexException(string message) : Exception(message);
