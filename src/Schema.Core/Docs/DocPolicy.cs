namespace Schema.Core.Docs;

/// <summary>A TimescaleDB retention or compression policy: the job's procedure, its age threshold and schedule.</summary>
public sealed record DocPolicy(string Procedure, string? OlderThan, string? Schedule, bool Scheduled);
