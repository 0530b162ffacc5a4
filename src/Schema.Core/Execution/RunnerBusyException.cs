namespace Schema.Core.Execution;

public sealed class RunnerBusyException(string message) : Exception(message);
