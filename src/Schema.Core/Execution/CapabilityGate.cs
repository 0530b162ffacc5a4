using Schema.Core.Scripts;

namespace Schema.Core.Execution;

/// <summary>
/// Decides whether a gated script can run on this server. A script whose <c>-- schema:requires</c> capabilities are
/// missing is deferred: not run, not journaled, listed by up and status, and applied by a later up once the server
/// has them (e.g. compression and continuous aggregates wait for the TimescaleDB Community edition).
/// </summary>
public sealed class CapabilityGate(ServerFacts server)
{
    public IReadOnlyList<Capability> Missing(MigrationScript script) =>
        script.Directives.Requires.Where(c => !Has(c)).ToList();

    public bool Has(Capability capability) => capability.Key switch
    {
        Capability.Extension => server.AvailableExtensions.Contains(capability.Value),
        Capability.TimescaleLicense => string.Equals(server.TimescaleLicense, capability.Value, StringComparison.OrdinalIgnoreCase),
        _ => false,
    };
}
