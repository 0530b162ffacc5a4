namespace Schema.Core.LocalServer;

public sealed class LocalServerException(string message) : Exception(message);
