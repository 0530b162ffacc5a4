using System.Text.Json;

namespace Schema.Core.Lint;

/// <summary>The report as one JSON document (Utf8JsonWriter: AOT-clean): clean, findings, suppressed, locks, notices.</summary>
public static class LintJsonFormatter
{
    public static string Format(LintReport report)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteBoolean("clean", report.Clean);
            w.WriteString("database", report.Database);
            w.WriteStartArray("scripts");
            foreach (var s in report.Scripts) w.WriteStringValue(s);
            w.WriteEndArray();
            w.WriteStartArray("findings");
            foreach (var f in report.Findings) WriteFinding(w, f);
            w.WriteEndArray();
            w.WriteStartArray("suppressed");
            foreach (var s in report.Suppressed)
            {
                w.WriteStartObject();
                w.WritePropertyName("finding");
                WriteFinding(w, s.Finding);
                w.WriteString("reason", s.Reason);
                w.WriteString("where", s.Where);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("locks");
            foreach (var l in report.Locks)
            {
                w.WriteStartObject();
                w.WriteString("file", l.File);
                w.WriteNumber("line", l.Line);
                w.WriteString("relation", l.Relation);
                w.WriteString("mode", LockObservation.SqlName(l.Mode));
                w.WriteString("blocks", l.Blocks);
                w.WriteBoolean("rewrite", l.Rewrite);
                if (l.Partitions > 0) w.WriteNumber("partitions", l.Partitions);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("notices");
            foreach (var n in report.Notices) w.WriteStringValue(n);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteFinding(Utf8JsonWriter w, LintFinding f)
    {
        w.WriteStartObject();
        w.WriteString("rule", f.Rule);
        w.WriteString("file", f.File);
        w.WriteNumber("line", f.Line);
        w.WriteString("message", f.Message);
        w.WriteString("fix", f.Fix);
        if (f.Object is not null) w.WriteString("object", f.Object);
        w.WriteEndObject();
    }
}
