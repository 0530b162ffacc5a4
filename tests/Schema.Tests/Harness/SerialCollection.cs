using Xunit;

namespace Schema.Tests.Harness;

/// <summary>
/// Tests whose result depends on the whole server being quiet run alone, not beside other test classes: a HOT
/// update ratio depends on the cluster-wide xmin horizon, and any long transaction in another test's database (a
/// 10,000-vector COPY, say) keeps dead row versions from being pruned.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "runs alone (server-wide measurements)";
}
