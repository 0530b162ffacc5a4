using Npgsql;
using Schema.Core.Configuration;

namespace Schema.Cli;

/// <summary>The resolved database a command works on: its settings, connection string and data source.</summary>
internal sealed record Target(SchemaSettings Settings, string ConnectionString, bool IsLocalDefault) : IAsyncDisposable
{
    // The slim builder leaves TLS out unless asked: without EnableTransportSecurity `SSL Mode=Require` or
    // `VerifyFull` in the connection string fails instead of encrypting.
    public NpgsqlDataSource DataSource { get; } = new NpgsqlSlimDataSourceBuilder(ConnectionInfo.ForRunner(ConnectionString))
        .EnableArrays().EnableTransportSecurity().Build();
    public ValueTask DisposeAsync() => DataSource.DisposeAsync();
}
