using System.Diagnostics;

namespace Schema.Core.Fleet;

/// <summary>
/// Runs one operation (the engine's <c>up</c>, or its status) on every target of a fleet in the order and with the
/// bounds of <see cref="RolloutOptions"/>. The operation is the same code a single-database command runs; this class
/// only decides when each target starts. Targets never started are reported as skipped.
/// </summary>
public static class RolloutScheduler
{
    /// <param name="run">the operation on one target; an exception is that target's failure</param>
    /// <param name="describe">an exception as one line for the report (no stack trace, no password)</param>
    /// <param name="finished">called as each target ends (from the worker that ran it; calls may overlap)</param>
    public static async Task<IReadOnlyList<TargetRun<T>>> RunAsync<T>(IReadOnlyList<FleetTarget> targets,
        RolloutOptions options, Func<FleetTarget, CancellationToken, Task<T>> run, Func<Exception, string> describe,
        Action<TargetRun<T>> finished, CancellationToken ct)
    {
        if (options.Parallel < 1) throw new ArgumentOutOfRangeException(nameof(options), "parallel must be at least 1");
        var results = new TargetRun<T>?[targets.Count];
        var canaries = Math.Clamp(options.Canary, 0, targets.Count);
        var stop = false;

        async Task RunOneAsync(int index, bool canary)
        {
            var target = targets[index];
            var watch = Stopwatch.StartNew();
            TargetRun<T> result;
            try
            {
                var value = await run(target, ct);
                result = new TargetRun<T>(target, TargetState.Succeeded, value, null, watch.ElapsedMilliseconds, canary);
            }
            catch (Exception e)
            {
                result = new TargetRun<T>(target, TargetState.Failed, default, describe(e), watch.ElapsedMilliseconds,
                    canary);
                if (canary || !options.ContinueOnError) Volatile.Write(ref stop, true);
            }
            results[index] = result;
            finished(result);
        }

        // Canaries one at a time: a failing canary leaves every other target untouched.
        for (var i = 0; i < canaries && !Volatile.Read(ref stop) && !ct.IsCancellationRequested; i++)
            await RunOneAsync(i, canary: true);

        var next = canaries - 1;
        async Task WorkerAsync()
        {
            while (!Volatile.Read(ref stop) && !ct.IsCancellationRequested)
            {
                var index = Interlocked.Increment(ref next);
                // Checked again: another worker's failure may have stopped the rollout since the loop test.
                if (index >= targets.Count || Volatile.Read(ref stop)) return;
                await RunOneAsync(index, canary: false);
            }
        }
        if (!Volatile.Read(ref stop))
        {
            var workers = Math.Min(options.Parallel, targets.Count - canaries);
            await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(WorkerAsync, CancellationToken.None)));
        }

        for (var i = 0; i < results.Length; i++)
            results[i] ??= new TargetRun<T>(targets[i], TargetState.Skipped, default, null, 0, i < canaries);
        return results!;
    }
}
