namespace Schema.Core.Fleet;

/// <summary>One database of a fleet: its name in the targets file, its resolved connection string, and its line.</summary>
public sealed record FleetTarget(string Name, string ConnectionString, int Line);
