using Xunit;

namespace Schema.Tests.Reliability;

/// <summary>
/// One throwaway cluster per test class (initdb takes seconds); tests skip with the reason when none can be made.
/// </summary>
public sealed class ThrowawayClusterFixture : IAsyncLifetime
{
    private ThrowawayCluster? _cluster;
    private string? _unavailable;

    public ThrowawayCluster Cluster
    {
        get
        {
            if (_unavailable is not null) Assert.Skip(_unavailable);
            return _cluster!;
        }
    }

    public async ValueTask InitializeAsync()
    {
        _unavailable = ThrowawayCluster.UnavailableBecause();
        if (_unavailable is null) _cluster = await ThrowawayCluster.CreateAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null) await _cluster.DisposeAsync();
    }
}
