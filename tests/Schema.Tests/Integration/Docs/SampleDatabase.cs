using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Docs;

/// <summary>An empty database with <see cref="DocsSample"/> created in it, for one test class.</summary>
public sealed class SampleDatabase : IAsyncLifetime
{
    public EmptyDatabase Db { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await Db.InitializeAsync();
        await DocsSample.CreateAsync(Db);
    }

    public ValueTask DisposeAsync() => Db.DisposeAsync();
}
