using System.Diagnostics;
using Schema.Benchmarks.Harness;
using Schema.Core.Execution;

namespace Schema.Benchmarks.Measures;

/// <summary>
/// 3. <c>schema reset --no-seed</c> (drop + clone of the cached migrated template) vs dropping, creating and filling a
/// database with psql running the same SQL.
/// </summary>
public sealed class ResetMeasure : IMeasure
{
    public int Number => 3;
    public string Title => "`reset` vs psql applying the same SQL to a new database";

    public async Task<MeasureResult> RunAsync(BenchContext context, CancellationToken ct)
    {
        var server = context.Server;
        var script = await UpScript.FileAsync(context, ct);
        var target = await server.CreateDatabaseAsync("reset", null, ct);
        var env = server.CliEnvironment(target);
        // --force: the configured server may not be the zero-config one; the database is the harness's own
        string[] reset = ["reset", "--no-seed", "--force"];
        var template = ResetTemplate.NameFor(target);
        try
        {
            // untimed: the first reset builds the template (what a changed migration costs once)
            var (first, _) = await ProcessRunner.RunAsync(context.CliPath, reset, env, context.RepositoryRoot, ct);
            var psqlDb = await server.CreateDatabaseAsync("resetpsql", null, ct);
            var (resets, psqls) = await Interleaved.RunAsync(context, "reset | drop+create+psql (ms)", context.Pairs,
                async _ => (await ProcessRunner.RunAsync(context.CliPath, reset, env, context.RepositoryRoot, ct)).Milliseconds,
                async _ =>
                {
                    var watch = Stopwatch.StartNew();
                    await DatabaseAdmin.ExecFormattedAsync(server.Admin, "drop database if exists %I with (force)", psqlDb, ct);
                    await DatabaseAdmin.ExecFormattedAsync(server.Admin, "create database %I", psqlDb, ct);
                    await ProcessRunner.RunAsync("psql", UpScript.PsqlArguments(script), server.PsqlEnvironment(psqlDb),
                        context.RepositoryRoot, ct);
                    return watch.Elapsed.TotalMilliseconds;
                });
            return new MeasureResult(Number, Title,
                "A: `schema reset --no-seed --force` as a process: drops the database and clones it from its migrated "
                + "template (`create database … template`, a file copy), then a no-op `up`. The first reset, which "
                + $"builds the template, is not timed ({first / 1000:0.0} s). B: drop database, create database, "
                + "`psql -f up.sql` (measure 1's file).",
                [Figure.AtMost("reset, whole process", "schema reset", resets, "drop+create+psql", psqls, "ms", 1.0)],
                [],
                "the clone is a file copy of the template (its size is mostly TimescaleDB's and the catalogs'), plus "
                + "the .NET start-up and a no-op `up` (measure 2). What would fix it: `create database … strategy "
                + "file_copy` is already the cheapest copy PostgreSQL offers; cut the start-up (measure 2).",
                TimeSpan.Zero);
        }
        finally
        {
            await ResetTemplate.DropAsync(server.Admin, template, CancellationToken.None);
        }
    }
}
