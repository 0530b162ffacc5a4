using Npgsql;
using Schema.Core.Execution;
using Schema.Core.Scripts;

namespace Schema.Core.Seeding;

/// <summary>
/// Loads development data: every <c>seeds/*.sql</c> in file-name order, each in its own transaction, every time
/// (not journaled — seed scripts are written to be re-runnable: <c>on conflict do nothing</c>).
/// </summary>
public sealed class SeedRunner(NpgsqlDataSource dataSource, string seedsDirectory, RunnerOptions options, IRunLog log)
{
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken ct = default)
    {
        if (!Directory.Exists(seedsDirectory))
            throw new ScriptDefinitionException($"seeds folder not found: {seedsDirectory}");
        // Read (strict UTF-8) before running any: a file that is not UTF-8 stops the load before it starts.
        var files = Directory.GetFiles(seedsDirectory, "*.sql").Order(StringComparer.Ordinal)
            .Select(f => (Name: Path.GetFileName(f), Contents: ScriptText.Read(f, Path.Combine("seeds", Path.GetFileName(f))))).ToList();
        var executor = new ScriptExecutor(options, log);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var ran = new List<string>();
        foreach (var (name, contents) in files)
        {
            var elapsed = await executor.ExecuteAsync(connection, Path.Combine("seeds", name), contents,
                ScriptDirectives.Parse(contents, name), (_, _) => Task.CompletedTask, ct);
            log.Info($"seeded {name} ({elapsed.TotalMilliseconds:0} ms)");
            ran.Add(name);
        }
        return ran;
    }
}
