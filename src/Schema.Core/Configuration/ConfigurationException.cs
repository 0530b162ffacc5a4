namespace Schema.Core.Configuration;

/// <summary>Bad configuration or usage: exit code 2.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
