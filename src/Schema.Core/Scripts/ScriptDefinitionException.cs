namespace Schema.Core.Scripts;

/// <summary>A script set that cannot be run as it is (duplicate versions, bad directive, undefined variable): found before anything runs.</summary>
public sealed class ScriptDefinitionException(string message) : Exception(message);
