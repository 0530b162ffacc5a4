using Npgsql;
using Schema.Core.Configuration;
using Schema.Core.Execution;
using Schema.Core.Journal;
using Schema.Core.Scripts;

namespace Schema.Core.Lint;

/// <summary>
/// <c>schema lint</c>: on a throwaway <see cref="ThrowawayDatabase"/> of <paramref name="serverConnectionString"/>'s
/// server, the already-applied scripts are run by the engine (the target's current version), then each script to
/// lint is analysed statement by statement in a rolled-back transaction (<see cref="LockAnalyzer"/>) and applied by
/// the engine before the next one. Then the live-schema rules and plpgsql_check run on what the linted scripts made,
/// and suppressions (script comments, lint-suppressions.txt) are applied. The database is always dropped.
/// </summary>
public sealed class Linter(string serverConnectionString, RunnerOptions options, JournalTable journal)
{
    public async Task<LintReport> LintAsync(string migrationsDirectory, IReadOnlyList<MigrationScript> applied,
        IReadOnlyList<MigrationScript> toLint, CancellationToken ct)
    {
        var sink = new LintSink();
        var suppressionFile = LintSuppressionFile.Read(migrationsDirectory);
        var linted = toLint.Select(s => LintedScript.From(s, options.Variables)).ToList();
        string databaseName;
        await using (var database = await ThrowawayDatabase.CreateAsync(serverConnectionString, "schema_lint_", ct))
        {
            databaseName = database.Name;
            // catalog reads after every statement: on a busy shared server they may wait longer than Npgsql's 30 s
            var connectionString = new NpgsqlConnectionStringBuilder(ConnectionInfo.ForRunner(database.ConnectionString))
            {
                CommandTimeout = 600,
            }.ConnectionString;
            var builder = new NpgsqlSlimDataSourceBuilder(connectionString).EnableArrays();
            await using var dataSource = builder.Build();
            var folder = Path.Combine(Path.GetTempPath(), "schema-lint-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            try
            {
                await RunAsync(dataSource, folder, applied, linted, sink, ct);
            }
            finally
            {
                try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
            }
        }
        foreach (var script in linted) sink.Findings.AddRange(script.SuppressionProblems);
        sink.Findings.AddRange(suppressionFile.Problems);
        return Suppress(sink, linted, suppressionFile, databaseName);
    }

    private async Task RunAsync(NpgsqlDataSource dataSource, string folder, IReadOnlyList<MigrationScript> applied,
        List<LintedScript> linted, LintSink sink, CancellationToken ct)
    {
        var engine = new MigrationEngine(dataSource, new FileSystemScriptProvider(folder), options, new CollectingRunLog(), journal);
        if (applied.Count > 0)
        {
            foreach (var script in applied) Copy(folder, script);
            await engine.UpAsync(null, ct);
        }
        CatalogSnapshot baseline;
        FunctionSnapshot functionsBefore;
        CapabilityGate gate;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            baseline = await CatalogSnapshot.ReadAsync(connection, ct);
            functionsBefore = await FunctionSnapshot.ReadAsync(connection, ct);
            gate = new CapabilityGate(await ServerFacts.ReadAsync(connection, ct));
        }
        var analyzer = new LockAnalyzer(sink);
        var ran = new List<LintedScript>();
        foreach (var script in linted)
        {
            if (gate.Missing(script.Script) is { Count: > 0 } missing)
            {
                sink.Notices.Add($"{script.Name}: not linted: the server cannot run it ({string.Join(", ", missing)}); " +
                                 "`up` defers it there too");
                continue;
            }
            await using (var connection = await dataSource.OpenConnectionAsync(ct))
                if (!await analyzer.AnalyseAsync(connection, script, ct)) break;
            Copy(folder, script.Script);
            try
            {
                await engine.UpAsync(null, ct);
            }
            catch (Exception e) when (e is ScriptFailedException or InvalidIndexException or ScriptInterruptedException)
            {
                sink.Findings.Add(new LintFinding(LintRule.ScriptFails, script.Name, 0,
                    "the runner could not apply it: " + e.Message.Replace(folder + Path.DirectorySeparatorChar, ""),
                    "fix the script; the scripts after it were not linted"));
                break;
            }
            ran.Add(script);
        }
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            var final = await CatalogSnapshot.ReadAsync(connection, ct);
            var scope = final.Relations.Values
                .Where(r => CatalogSnapshot.IsTable(r) && !r.IsPartition)
                .Where(r => !baseline.Relations.Values.Any(b => b.Name == r.Name)
                            || sink.Locks.Any(l => l.Relation == r.Name && LockObservation.Strength(l.Mode) >= 4))
                .Where(r => !IsJournal(r.Name))
                .Select(r => r.Name).ToArray();
            var locator = new ScriptLocator(ran);
            await LiveSchemaRules.RunAsync(connection, scope, locator, sink, ct);
            var changed = functionsBefore.ChangedIn(await FunctionSnapshot.ReadAsync(connection, ct)).ToList();
            await FunctionBodyCheck.RunAsync(connection, changed, locator.Locate, sink, ct);
        }
    }

    // A failing script ends the replay; the live-schema rules and plpgsql_check still run on what came before it.

    /// <summary>The journal and its attempts table are the runner's, not the scripts'.</summary>
    private bool IsJournal(string qualifiedName)
    {
        var bare = qualifiedName.Replace("\"", "", StringComparison.Ordinal);
        return bare == $"{journal.Schema}.{journal.Table}" || bare == $"{journal.Schema}.{journal.Table}_attempts";
    }

    private static void Copy(string folder, MigrationScript script)
    {
        var path = Path.Combine(folder, script.Name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, script.Contents);
    }

    private static LintReport Suppress(LintSink sink, List<LintedScript> linted, LintSuppressionFile file, string database)
    {
        var findings = new List<LintFinding>();
        var suppressed = new List<SuppressedFinding>();
        foreach (var f in sink.Findings)
        {
            var script = linted.FirstOrDefault(s => s.Name == f.File);
            if (script?.IgnoreFor(f.Rule, f.Line) is { } ignore)
                suppressed.Add(new SuppressedFinding(f, ignore.Reason, $"{f.File}:{ignore.Line}"));
            else if (file.Match(f) is { } entry)
                suppressed.Add(new SuppressedFinding(f, entry.Reason, $"{LintSuppressionFile.FileName}:{entry.Line}"));
            else
                findings.Add(f);
        }
        return new LintReport(findings, suppressed, sink.Locks, sink.Notices, linted.Select(s => s.Name).ToList(), database);
    }
}
