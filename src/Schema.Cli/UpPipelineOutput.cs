using Schema.Core.Configuration;
using Schema.Core.Execution;
using Schema.Core.Pipeline;
using Schema.Core.Scripts;

namespace Schema.Cli;

/// <summary>
/// <c>up --json</c> and <c>up --format github</c>: the same run as <c>up</c>, reported for a pipeline. JSON: one
/// document on stdout (per script: name, version, ms, lock timeouts, retries, outcome, masked error; a summary),
/// progress on stderr. GitHub: the usual output, and a failure also as an <c>::error file=…,line=…::</c>
/// annotation. Exit codes are those of <c>up</c>.
/// </summary>
internal sealed partial class Commands
{
    private async Task<int> UpForPipelineAsync(Target target, string? to, bool asJson, bool checkDrift, string? shadow,
                                               CancellationToken ct)
    {
        var recorder = new UpRunRecorder();
        var repository = RepositoryRoot.Find(Environment.CurrentDirectory);
        var progress = asJson ? stderr : stdout;
        int code;
        string? error = null;
        try
        {
            if (checkDrift && !await NoDriftForPipelineAsync(target, shadow, asJson, ct))
            {
                code = SchemaCli.Failure;
                error = "the target differs from what its journaled scripts build; nothing was applied";
            }
            else
            {
                await progress.WriteLineAsync($"target: {ConnectionInfo.Describe(target.ConnectionString)}");
                var engine = new MigrationEngine(target.DataSource,
                    new FileSystemScriptProvider(target.Settings.MigrationsDirectory), target.Settings.Runner,
                    new ConsoleLog(progress, stderr), target.Settings.Journal(), recorder);
                var result = await engine.UpAsync(to, ct);
                await progress.WriteLineAsync($"applied {result.Applied.Count} script(s), {result.Deferred.Count} deferred");
                code = SchemaCli.Ok;
            }
        }
        catch (Exception e)
        {
            (code, var message) = e is Schema.Core.Drift.DriftCheckException
                ? (SchemaCli.Failure, e.Message) : SchemaCli.Classify(e);
            error = message.ReplaceLineEndings(" ");
        }
        var masked = (string? text) => text is null ? null : SecretMasking.Mask(text, Password);

        if (asJson)
            await stdout.WriteLineAsync(UpRunJson.Write(ConnectionInfo.Describe(target.ConnectionString),
                recorder.Outcomes(t => masked(t)!), (long)recorder.Elapsed.TotalMilliseconds, code, masked(error),
                repository));
        else if (error is not null)
            await stdout.WriteLineAsync(FailureAnnotation(recorder, masked(error)!, repository).ToString());
        if (error is not null)
            await stderr.WriteLineAsync("error: " + error);
        return code;
    }

    /// <summary>The failed script's file, line and column when the failure is a script's; else no file.</summary>
    private static GithubAnnotation FailureAnnotation(UpRunRecorder recorder, string message, string? repository)
    {
        var outcome = recorder.Outcomes(t => t).FirstOrDefault(o => o.Outcome == "failed");
        return outcome is null
            ? GithubAnnotation.Error(message)
            : GithubAnnotation.Error(message, GithubAnnotation.RepositoryPath(outcome.Path, repository), outcome.Line,
                                     outcome.Column);
    }

    /// <summary>The drift check before a pipeline run: its report goes to stderr when stdout carries JSON.</summary>
    private async Task<bool> NoDriftForPipelineAsync(Target target, string? shadow, bool asJson, CancellationToken ct)
    {
        if (!asJson)
            return await NoDriftAsync(target, shadow, ct);
        var set = new FileSystemScriptProvider(target.Settings.MigrationsDirectory).Load();
        var report = await CheckDriftAsync(target, set, shadow, quiet: true, ct);
        if (!report.Equal)
            await stderr.WriteLineAsync($"drift: {report.Changes.Count} object(s) differ from what the journaled " +
                                        "scripts build " +
                                        "(run `schema diff` for the list)");
        return report.Equal;
    }
}
