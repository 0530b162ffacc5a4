namespace Schema.Core.Execution;

/// <summary>A server setting every script runs under (<c>lock_timeout</c>, <c>statement_timeout</c>).</summary>
public sealed record SessionSetting(string Name, string Value);
