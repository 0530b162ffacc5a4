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
        // the NativeAOT build (bench/publish-cli.sh --aot), when present: timed in each A round after the default CLI
        var aot = Path.Combine(context.RepositoryRoot, "artifacts", "bench-aot", "schema");
        var withAot = File.Exists(aot);
        var aotUp = new List<double>();

        async Task<double> UpAsync(string cli)
        {
            var db = await server.CreateDatabaseAsync("up", null, ct);
            var (ms, _) = await ProcessRunner.RunAsync(cli, ["up"], server.CliEnvironment(db), context.RepositoryRoot, ct);
            await server.DropDatabaseAsync(db, ct);
            return ms;
        }

        var (up, psql) = await Interleaved.RunAsync(context, "up | psql (ms)", context.Pairs,
            async _ =>
            {
                if (withAot) aotUp.Add(await UpAsync(aot));
                return await UpAsync(context.CliPath);
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
            + "output for an empty database (the same statements). Database creation is outside the timing."
            + (withAot ? " Each A round also times the NativeAOT build (artifacts/bench-aot, measure 2) first." : ""),
            withAot
                ? [Figure.AtMost("full up, whole process", "schema up", up, "psql -f", psql, "ms", 1.2),
                   Figure.AtMost("full up, NativeAOT build", "schema up (NativeAOT)", aotUp, "psql -f", psql, "ms", 1.2)]
                : [Figure.AtMost("full up, whole process", "schema up", up, "psql -f", psql, "ms", 1.2)],
            [],
            "both sides send one statement per round trip (psql -f sends each statement as its own simple query and "
            + "waits for it), and `schema script` gives psql the same per-script session settings and resets. What the "
            + "runner adds is process start-up and, per script, its journal insert and the extended protocol's extra "
            + "messages; the NativeAOT row shows that start-up is almost all of the gap: the same runner without the "
            + ".NET runtime start and JIT (measure 2) is within the target. What would fix the default "
            + "build: ship the NativeAOT build to pipelines (README, Publishing), or send each transactional script "
            + "as one NpgsqlBatch (one round trip per script instead of one per statement).",
            TimeSpan.Zero);
    }
}
