using Schema.Benchmarks.Harness;

namespace Schema.Benchmarks.Measures;

/// <summary>
/// 2. <c>schema up</c> with nothing pending and <c>schema status</c>, as processes, vs <c>psql -c 'select 1'</c>:
/// what every deploy pays before any work. Rounds interleave up, psql, status (and the JIT build when it exists).
/// </summary>
public sealed class NoOpStartupMeasure : IMeasure
{
    public int Number => 2;
    public string Title => "no-op `up` and `status` as a process vs `psql -c 'select 1'`";

    public async Task<MeasureResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var server = context.Server;
        var db = await server.CloneMigratedAsync("noop", context.MigrationsDirectory, ct);
        var cliEnv = server.CliEnvironment(db);
        var psqlEnv = server.PsqlEnvironment(db);
        // the framework-dependent JIT build (dotnet build -c Release), when present: the start-up a developer sees
        var jit = Path.Combine(context.RepositoryRoot, "src", "Schema.Cli", "bin", "Release", "net10.0", "schema");
        var withJit = File.Exists(jit);
        // the NativeAOT build (bench/publish-cli.sh --aot), when present
        var aot = Path.Combine(context.RepositoryRoot, "artifacts", "bench-aot", "schema");
        var withAot = File.Exists(aot);
        var (up, status, psql, jitUp) = (new List<double>(), new List<double>(), new List<double>(), new List<double>());
        var (aotUp, aotStatus) = (new List<double>(), new List<double>());

        Task<(double Milliseconds, string Stdout)> Cli(string file, string command) =>
            ProcessRunner.RunAsync(file, [command], cliEnv, context.RepositoryRoot, ct);

        // one warm-up round: the first start of a binary pays the page cache, not the code
        await Cli(context.CliPath, "up");
        await ProcessRunner.RunAsync("psql", ["-X", "-q", "-c", "select 1"], psqlEnv, context.RepositoryRoot, ct);
        for (var i = 0; i < context.Pairs; i++)
        {
            up.Add((await Cli(context.CliPath, "up")).Milliseconds);
            psql.Add((await ProcessRunner.RunAsync("psql", ["-X", "-q", "-c", "select 1"], psqlEnv, context.RepositoryRoot, ct))
                .Milliseconds);
            status.Add((await Cli(context.CliPath, "status")).Milliseconds);
            if (withJit) jitUp.Add((await Cli(jit, "up")).Milliseconds);
            if (withAot)
            {
                aotUp.Add((await Cli(aot, "up")).Milliseconds);
                aotStatus.Add((await Cli(aot, "status")).Milliseconds);
            }
            context.Progress($"  round {i + 1}/{context.Pairs}: up {up[^1]:0} ms, psql {psql[^1]:0} ms, status {status[^1]:0} ms"
                             + (withJit ? $", JIT up {jitUp[^1]:0} ms" : "") + (withAot ? $", AOT up {aotUp[^1]:0} ms" : ""));
        }
        await server.DropDatabaseAsync(db, ct);

        var figures = new List<Figure>
        {
            Figure.AtMost("no-op up, whole process", "schema up", up, "psql -c 'select 1'", psql, "ms", 3),
            Figure.AtMost("status, whole process", "schema status", status, "psql -c 'select 1'", psql, "ms", 3),
        };
        if (withAot)
        {
            figures.Add(Figure.AtMost("no-op up, NativeAOT build", "schema up (NativeAOT)", aotUp, "psql -c 'select 1'",
                psql, "ms", 3));
            figures.Add(Figure.AtMost("status, NativeAOT build", "schema status (NativeAOT)", aotStatus,
                "psql -c 'select 1'", psql, "ms", 3));
        }
        if (withJit)
            figures.Add(Figure.AtMost("no-op up, framework-dependent JIT build", "schema up (JIT)", jitUp,
                "psql -c 'select 1'", psql, "ms", null));
        return new MeasureResult(Number, Title,
            $"A database with every migration applied. Rounds: `schema up`, `psql -X -q -c 'select 1'`, `schema status`"
            + (withJit ? ", `schema up` from the JIT build (src/Schema.Cli/bin/Release)" : "")
            + (withAot ? ", `schema up` and `schema status` from the NativeAOT build (artifacts/bench-aot)" : "")
            + $"; after one untimed warm-up round. The CLI under test: `{Path.GetRelativePath(context.RepositoryRoot, context.CliPath)}` "
            + "(bench/publish-cli.sh: `dotnet publish -r linux-x64 --self-contained -p:PublishReadyToRun=true "
            + "-p:PublishReadyToRunComposite=true`).",
            figures,
            withAot ? [NativeAotNote(new FileInfo(aot).Length)] : [],
            "psql is a small C program that connects and sends one query; `schema` starts the .NET runtime (host, "
            + "GC heap, type loading), builds its configuration and command line, opens a pooled-off connection, takes "
            + "the runner's advisory lock, reads the journal and checksums every script. Even ReadyToRun code leaves "
            + "generic instantiations over value types and async state machines to the JIT. What would fix it: "
            + "NativeAOT (the code is kept AOT-clean: source-generated configuration binding and JSON, no reflection; "
            + "its rows above meet the target, and it is what the README tells pipelines to ship), or else a trimmed build with fewer start-up allocations; on the database side `status` and no-op `up` are already one journal read.",
            TimeSpan.Zero);
    }

    private static string NativeAotNote(long bytes) =>
        "NativeAOT: `dotnet publish src/Schema.Cli -c Release -r linux-x64 -p:PublishAot=true` (bench/publish-cli.sh "
        + "--aot) builds on this machine (the ILCompiler packages restore from the feed) with no trimming or AOT "
        + $"warning, a {bytes / 1_048_576.0:0} MB executable that needs no .NET runtime, and it is the build the README recommends to "
        + "pipelines (NativeAotBuildTests run it against the real server in CI). The ReadyToRun rows stay as the start-up "
        + "of a build made without the native toolchain (clang, zlib headers) that NativeAOT needs on the build machine.";
}
