using System.Diagnostics;
using Schema.Core.Execution;
using Schema.Core.Scripts;

namespace Schema.Core.Pipeline;

/// <summary>Collects an <c>up</c> run's <see cref="ScriptOutcome"/>s through <see cref="IScriptObserver"/>.</summary>
public sealed class UpRunRecorder : IScriptObserver
{
    private sealed class Entry(MigrationScript script, string outcome)
    {
        public MigrationScript Script { get; } = script;
        public string Path { get; set; } = script.Path;
        public string Outcome { get; set; } = outcome;
        public long? Milliseconds { get; set; }
        public int LockTimeouts { get; set; }
        public int Retries { get; set; }
        public Exception? Error { get; set; }
    }

    private readonly List<Entry> _entries = [];
    private readonly List<ScriptStatus> _deferred = [];
    private Entry? _current;
    private readonly Stopwatch _clock = new();

    /// <summary>The whole run's duration so far (from the plan to the last script).</summary>
    public TimeSpan Elapsed => _clock.Elapsed;

    /// <summary>The script that failed, if one did.</summary>
    public MigrationScript? FailedScript => _entries.FirstOrDefault(e => e.Outcome == "failed")?.Script;

    /// <summary>The display path (as the executor names it) of the script that failed, if one did.</summary>
    public string? FailedPath => _entries.FirstOrDefault(e => e.Outcome == "failed")?.Path;

    public void Planned(IReadOnlyList<MigrationScript> pending, IReadOnlyList<ScriptStatus> deferred)
    {
        _clock.Restart();
        _entries.Clear();
        _entries.AddRange(pending.Select(s => new Entry(s, "not-run")));
        _deferred.Clear();
        _deferred.AddRange(deferred);
    }

    public void Started(MigrationScript script, string displayPath)
    {
        _current = _entries.FirstOrDefault(e => e.Script.Name == script.Name);
        if (_current is null)
            _entries.Add(_current = new Entry(script, "not-run"));
        _current.Path = displayPath;
    }

    public void LockTimeout(bool willRetry)
    {
        if (_current is null) return;
        _current.LockTimeouts++;
        if (willRetry) _current.Retries++;
    }

    public void Applied(MigrationScript script, TimeSpan elapsed) => Finish(script, "applied", elapsed, null);

    public void Failed(MigrationScript script, TimeSpan elapsed, Exception error) =>
        Finish(script, "failed", elapsed, error);

    private void Finish(MigrationScript script, string outcome, TimeSpan elapsed, Exception? error)
    {
        var entry = _entries.FirstOrDefault(e => e.Script.Name == script.Name);
        if (entry is null) return;
        entry.Outcome = outcome;
        entry.Milliseconds = (long)elapsed.TotalMilliseconds;
        entry.Error = error;
        _current = null;
    }

    /// <summary>Every planned script (applied, failed or not run) in run order, then the deferred ones.</summary>
    public IReadOnlyList<ScriptOutcome> Outcomes(Func<string, string> mask) =>
    [
        .. _entries.Select(e =>
        {
            var failure = e.Error as ScriptFailedException;
            return new ScriptOutcome(e.Script.Name, e.Script.Version, e.Path, e.Outcome, e.Milliseconds,
                e.LockTimeouts, e.Retries, e.Error is null ? null : mask(e.Error.Message),
                failure?.Position.Line, failure?.Position.Column);
        }),
        .. _deferred.Select(d => new ScriptOutcome(d.Name, d.Version, d.Script?.Path ?? d.Name, "skipped-deferred",
            null, 0, 0, "the server lacks " + string.Join(", ", d.MissingCapabilities), null, null)),
    ];
}
