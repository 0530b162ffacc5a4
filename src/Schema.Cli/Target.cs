using Npgsql;
using Schema.Core.Configuration;

namespace Schema.Cli;

/// <summary>The resolved database a command works on: its settings, connection string and data source.</summary>
internal sealed record Target(SchemaSettings Settings, string ConnectionString, bool IsLocalDefault) : IAsyncDisposable
{
    public NpgsqlDataSource DataSource { get; } = new NpgsqlSlimDataSourceBuilder(ConnectionInfo.ForRunner(ConnectionString)).EnableArrays().Build();
    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
