using Npgsql;
using Schema.Core.Configuration;
using Schema.Core.Dump;
using Schema.Core.Execution;
using Schema.Core.Journal;
using Schema.Core.Scripts;

namespace Schema.Core.Drift;

/// <summary>
/// Drift: the target's schema compared with what its scripts build. The scripts are replayed, with the same runner
/// options and variables, on a <see cref="ThrowawayDatabase"/> of the shadow server (never the target's server unless the
/// caller says so), and both databases are dumped without the journal and compared.
/// </summary>
public sealed class DriftCheck(string shadowServerConnectionString, RunnerOptions options, IRunLog log, JournalTable? journal = null)
{
    /// <summary>TimescaleDB objects that only the Community edition can create: left out when the shadow server could
    /// not replay a script gated on that edition, so that only what both servers can have is compared.</summary>
    public static readonly IReadOnlySet<string> CommunityEditionSections =
        new HashSet<string>(StringComparer.Ordinal) { "compression", "continuous aggregates", "jobs" };

    private readonly JournalTable _journal = journal ?? new JournalTable();

    /// <summary>
    /// Compares the target with exactly the scripts its journal lists (versioned in journal order, then the repeatable
    /// scripts whose journaled checksum is the one on disk).
    /// </summary>
    public async Task<DriftReport> CompareWithJournalAsync(NpgsqlDataSource target, ScriptSet set, CancellationToken ct)
    {
        await using var connection = await target.OpenConnectionAsync(ct);
        var rows = await _journal.ReadAsync(connection, ct);
        var (versioned, repeatable) = JournaledScripts(rows, set);
        var report = await CompareAsync(connection, versioned, repeatable, ct);
        // The journal and the dump are not read in one snapshot: a deploy that ran meanwhile makes the result meaningless.
        var after = await _journal.ReadAsync(connection, ct);
        if (after.Count != rows.Count || after.Zip(rows).Any(p => p.First != p.Second))
            throw new DriftCheckException("the target's journal changed while it was being compared (a deploy ran); run the check again");
        return report;
    }

    private (List<MigrationScript> Versioned, List<MigrationScript> Repeatable) JournaledScripts(IReadOnlyList<JournalEntry> rows, ScriptSet set)
    {
        var versioned = new List<MigrationScript>();
        var notOnDisk = new List<string>();
        var changed = new List<string>();
        foreach (var row in rows.Where(r => r.Kind != "repeatable").DistinctBy(r => r.ScriptName))
        {
            var script = set.Versioned.FirstOrDefault(s => s.Name == row.ScriptName) ?? set.FindVersioned(VersionOf(row.ScriptName));
            if (script is null) { notOnDisk.Add(row.ScriptName); continue; }
            if (row.Checksum is not null && row.Checksum != script.Checksum) changed.Add(script.Name);
            versioned.Add(script);
        }
        if (notOnDisk.Count > 0)
            throw new DriftCheckException("cannot rebuild the target's schema: journaled script" +
                $"{(notOnDisk.Count == 1 ? "" : "s")} not on disk: {string.Join(", ", notOnDisk)}");
        if (changed.Count > 0) throw new DriftException(changed);

        var repeatable = new List<MigrationScript>();
        foreach (var row in rows.Where(r => r.Kind == "repeatable").GroupBy(r => r.ScriptName).Select(g => g.Last()))
        {
            var script = set.Repeatable.FirstOrDefault(s => s.Name == row.ScriptName);
            if (script is not null && script.Checksum == row.Checksum) repeatable.Add(script);
            else log.Warn($"{row.ScriptName}: the content the target applied is not on disk; its objects are compared with nothing");
        }
        return (versioned, repeatable);
    }

    private static string VersionOf(string name) => new string(name.TakeWhile(char.IsAsciiDigit).ToArray()) is { Length: > 0 } v ? v : name;

    /// <summary>
    /// Replays <paramref name="versioned"/> (in this order) then <paramref name="repeatable"/> on a new shadow database,
    /// dumps it and the target (<paramref name="target"/>, open, no transaction in progress) and compares them.
    /// </summary>
    public async Task<DriftReport> CompareAsync(NpgsqlConnection target, IReadOnlyList<MigrationScript> versioned,
        IReadOnlyList<MigrationScript> repeatable, CancellationToken ct)
    {
        string expected, shadowName;
        UpResult[] results;
        await using (var shadow = await ThrowawayDatabase.CreateAsync(shadowServerConnectionString, "schema_shadow_", ct))
        {
            shadowName = shadow.Name;
            log.Info($"shadow database {shadow.Name} on {ConnectionInfo.Describe(shadowServerConnectionString)}: " +
                     $"replaying {versioned.Count + repeatable.Count} script(s)");
            var builder = new NpgsqlSlimDataSourceBuilder(ConnectionInfo.ForRunner(shadow.ConnectionString)).EnableArrays()
                .EnableTransportSecurity(); // the shadow is on the target's server: same TLS settings
            await using var dataSource = builder.Build();
            results = await ReplayAsync(dataSource, versioned, repeatable, ct);
            await using var connection = await dataSource.OpenConnectionAsync(ct);
            expected = await SchemaDumper.DumpAsync(connection, new SchemaDumpOptions(false, _journal.Schema, _journal.Table), ct);
        }
        var actual = await SchemaDumper.DumpAsync(target, new SchemaDumpOptions(false, _journal.Schema, _journal.Table), ct);

        var deferred = results.SelectMany(r => r.Deferred).DistinctBy(d => d.Name).ToList();
        var lacking = deferred.Where(d => d.MissingCapabilities.Any(c => c.Key != Capability.TimescaleLicense)).ToList();
        if (lacking.Count > 0)
            throw new ConfigurationException("the shadow server cannot run " + string.Join(", ", lacking.Select(d =>
                $"{d.Name} (needs {string.Join(", ", d.MissingCapabilities)})")) + ": give --shadow a server with the target's extensions");
        var ignored = deferred.Count > 0 ? CommunityEditionSections : new HashSet<string>();
        foreach (var d in deferred)
            log.Warn($"{d.Name} cannot run on the shadow server ({string.Join(", ", d.MissingCapabilities)}): " +
                     $"sections {string.Join(", ", ignored)} are not compared");

        return new DriftReport(DumpComparison.Compare(expected, actual, ignored), DumpComparison.UnifiedDiff(expected, actual, ignored),
            versioned.Select(s => s.Name).Concat(repeatable.Select(s => s.Name)).ToList(), deferred.Select(d => d.Name).ToList(),
            ignored.Order(StringComparer.Ordinal).ToList(), shadowName);
    }

    /// <summary>
    /// Runs the scripts through the engine (same transactions, directives, gates and variables as <c>up</c>) from a
    /// temporary folder holding only them. The engine applies a folder in file-name order, so a journal whose order is
    /// not the names' order (a lower number applied later) is replayed in several runs, each in ascending order.
    /// </summary>
    private async Task<UpResult[]> ReplayAsync(NpgsqlDataSource shadow, IReadOnlyList<MigrationScript> versioned,
        IReadOnlyList<MigrationScript> repeatable, CancellationToken ct)
    {
        var folder = Path.Combine(Path.GetTempPath(), "schema-shadow-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var engine = new MigrationEngine(shadow, new FileSystemScriptProvider(folder), options, new CollectingRunLog(), _journal);
            var results = new List<UpResult>();
            string? previous = null;
            foreach (var script in versioned)
            {
                if (previous is not null && string.CompareOrdinal(script.Name, previous) < 0)
                    results.Add(await engine.UpAsync(null, ct));
                Copy(folder, script, script.Name);
                previous = script.Name;
            }
            foreach (var script in repeatable)
                Copy(folder, script, script.Name);
            results.Add(await engine.UpAsync(null, ct));
            return [.. results];
        }
        catch (ScriptFailedException e)
        {
            // the temporary folder is gone when the message is read: name the script only
            throw new DriftCheckException("replaying the scripts on the shadow database failed: " +
                e.Message.Replace(folder + Path.DirectorySeparatorChar, "", StringComparison.Ordinal));
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static void Copy(string folder, MigrationScript script, string relativeName)
    {
        var path = Path.Combine(folder, relativeName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, script.Contents);
    }
}
