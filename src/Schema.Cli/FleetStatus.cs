using Schema.Core.Execution;

namespace Schema.Cli;

/// <summary>One target's status in a fleet: its plan, and whether its schema drifted (null: not checked).</summary>
internal sealed record FleetStatus(MigrationPlan Plan, bool? Drifted);
