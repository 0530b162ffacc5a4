using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Schema.Core.Scripts;

namespace Schema.Core.Execution;

/// <summary>
/// Fast <c>schema reset</c>: a migrated copy of the target database, kept on the server as a template and cloned with
/// <c>create database … template</c> (a file copy) instead of running every migration again. The template is named
/// after the target and its comment records the fingerprint of the migrations it was built from (every script's
/// name and checksum, and the variables); a template built from other migrations is dropped and built again.
/// </summary>
public static class ResetTemplate
{
    private const string CommentPrefix = "schema reset template ";

    /// <summary>What the template must match: every script's name and checksum, and the $name$ variables.</summary>
    public static string Fingerprint(ScriptSet set, IReadOnlyDictionary<string, string> variables)
    {
        var text = new StringBuilder();
        foreach (var s in set.Versioned.Concat(set.Repeatable))
            text.Append(s.Name).Append(' ').Append(s.Checksum).Append('\n');
        foreach (var (name, value) in variables.OrderBy(v => v.Key, StringComparer.Ordinal))
            text.Append('$').Append(name).Append("$=").Append(value).Append('\n');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    /// <summary>The template's name: the target's plus <c>_template</c>, within PostgreSQL's 63-byte limit.</summary>
    public static string NameFor(string database)
    {
        const string suffix = "_template";
        if (Encoding.UTF8.GetByteCount(database) + suffix.Length <= 63) return database + suffix;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(database)))[..12];
        return "schema_" + hash + suffix;
    }

    /// <summary>The fingerprint the existing template was built for; null when there is none (or unfinished).</summary>
    public static async Task<string?> ReadFingerprintAsync(NpgsqlConnection maintenance, string template,
        CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "select shobj_description(oid, 'pg_database') from pg_database where datname = @name and datistemplate",
            maintenance);
        cmd.Parameters.AddWithValue("name", template);
        var comment = await cmd.ExecuteScalarAsync(ct) as string;
        return comment is not null && comment.StartsWith(CommentPrefix, StringComparison.Ordinal)
            ? comment[CommentPrefix.Length..].Split(' ')[0]
            : null;
    }

    /// <summary>Drops the template (whatever it was built from).</summary>
    public static async Task DropAsync(NpgsqlConnection maintenance, string template, CancellationToken ct)
    {
        await using var exists =
            new NpgsqlCommand("select exists (select from pg_database where datname = @name)", maintenance);
        exists.Parameters.AddWithValue("name", template);
        if (!(bool)(await exists.ExecuteScalarAsync(ct))!) return;
        await DatabaseAdmin.ExecFormattedAsync(maintenance, "alter database %I is_template false", template, ct);
        await DatabaseAdmin.ExecFormattedAsync(maintenance, "drop database if exists %I with (force)", template, ct);
    }

    /// <summary>
    /// Marks a freshly migrated database as the template for <paramref name="fingerprint"/>: no connections from now on
    /// (TimescaleDB's scheduler connects to every database that allows it), usable as a template, fingerprint recorded.
    /// </summary>
    public static async Task SealAsync(NpgsqlConnection maintenance, string template, string fingerprint,
        CancellationToken ct)
    {
        await DatabaseAdmin.ExecFormattedAsync(maintenance,
            "alter database %I with allow_connections false is_template true", template, ct);
        await DatabaseAdmin.TerminateConnectionsAsync(maintenance, template, ct);
        // "created <epoch>" as the test harness stamps its databases: it drops leftovers only when hours old.
        var created = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await DatabaseAdmin.SetCommentAsync(maintenance, template, $"{CommentPrefix}{fingerprint} created {created}", ct);
    }
}
