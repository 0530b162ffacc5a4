namespace Schema.Core.Execution;

/// <summary><c>up</c> refuses to run while a no-transaction script is recorded as started and not finished.</summary>
public sealed class PartialScriptException(string message) : Exception(message);
