using System.Text.Json;

namespace Schema.Core.Pipeline;

/// <summary>
/// The document <c>up --json</c> prints: the target, one object per script (name, version, path, outcome, ms,
/// lockTimeouts, retries, error, line, column) and a summary (counts, total lock timeouts and retries, ms, exit
/// code, the run's error). Written with Utf8JsonWriter (AOT: no reflection); errors are masked by the caller.
/// </summary>
public static class UpRunJson
{
    public static string Write(string target, IReadOnlyList<ScriptOutcome> scripts, long milliseconds, int exitCode,
                               string? error, string? repositoryRoot)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("target", target);
            w.WriteStartArray("scripts");
            foreach (var s in scripts)
            {
                w.WriteStartObject();
                w.WriteString("name", s.Name);
                WriteOrNull(w, "version", s.Version);
                w.WriteString("path", GithubAnnotation.RepositoryPath(s.Path, repositoryRoot));
                w.WriteString("outcome", s.Outcome);
                if (s.Milliseconds is { } ms) w.WriteNumber("ms", ms); else w.WriteNull("ms");
                w.WriteNumber("lockTimeouts", s.LockTimeouts);
                w.WriteNumber("retries", s.Retries);
                WriteOrNull(w, "error", s.Error);
                if (s.Line is { } line) w.WriteNumber("line", line); else w.WriteNull("line");
                if (s.Column is { } col) w.WriteNumber("column", col); else w.WriteNull("column");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("summary");
            foreach (var outcome in new[] { "applied", "failed", "skipped-deferred", "not-run" })
                w.WriteNumber(outcome, scripts.Count(s => s.Outcome == outcome));
            w.WriteNumber("lockTimeouts", scripts.Sum(s => s.LockTimeouts));
            w.WriteNumber("retries", scripts.Sum(s => s.Retries));
            w.WriteNumber("ms", milliseconds);
            w.WriteNumber("exitCode", exitCode);
            WriteOrNull(w, "error", error);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }
}
