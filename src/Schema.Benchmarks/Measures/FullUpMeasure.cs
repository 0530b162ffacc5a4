using Schema.Benchmarks.Harness;

namespace Schema.Benchmarks.Measures;

/// <summary>1. <c>schema up</c> (the real CLI process) on an empty database vs psql running the same SQL.</summary>
public sealed class FullUpMeasure : IMeasure
{
    public int Number => 1;
    public string Title => "full `up` on an empty database vs psql running the same SQL";

    public async Task<MeasureResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var server = context.Server;
        var script = await UpScript.FileAsync(context, ct);
        var scripts = Directory.GetFiles(context.MigrationsDirectory, "*.sql", SearchOption.AllDirectories)
            .Count(f => !f.EndsWith(".down.sql", StringComparison.Ordinal));
        var (up, psql) = await Interleaved.RunAsync(context, "up | psql (ms)", context.Pairs,
            async _ =>
            {
                var db = await server.CreateDatabaseAsync("up", null, ct);
                var (ms, _) = await ProcessRunner.RunAsync(context.CliPath, ["up"], server.CliEnvironment(db),
                    context.RepositoryRoot, ct);
                await server.DropDatabaseAsync(db, ct);
                return ms;
            },
            async _ =>
            {
                var db = await server.CreateDatabaseAsync("psql", null, ct);
                var (ms, _) = await ProcessRunner.RunAsync("psql", UpScript.PsqlArguments(script),
                    server.PsqlEnvironment(db), context.RepositoryRoot, ct);
                await server.DropDatabaseAsync(db, ct);
                return ms;
            });
        return new MeasureResult(Number, Title,
            $"A: `schema up` as a process (the CLI under test) on a new empty database, {scripts} scripts. "
            + "B: `psql -X -q -v ON_ERROR_STOP=1 -f up.sql` on a new empty database, up.sql being `schema script`'s "
            + "output for an empty database (the same statements). Database creation is outside the timing.",
            [Figure.AtMost("full up, whole process", "schema up", up, "psql -f", psql, "ms", 1.2)],
            [],
            "the runner does per script what psql does not: a journal read and the runner's advisory lock at the "
            + "start, then for each script its own transaction, one round trip per statement (the extended protocol "
            + "runs a multi-statement batch as one implicit transaction, so statements are sent one by one), the "
            + "session reset (`reset all`, `discard …`) and the journal insert; psql streams the file in one simple-query "
            + "stream with no journal. Plus ~0.1–0.2 s of .NET start-up (measure 2). What would fix it: send each "
            + "script's statements as one simple-protocol batch when the script has no `no-transaction` directive "
            + "(one round trip per script), fold the session reset and the journal insert into the script's last "
            + "round trip, and cut start-up as in measure 2.",
            TimeSpan.Zero);
    }
}
