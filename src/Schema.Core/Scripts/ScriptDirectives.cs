namespace Schema.Core.Scripts;

/// <summary>
/// Directives read from the comment block at the top of a script:
/// <c>-- schema:no-transaction</c> and <c>-- schema:requires &lt;capability&gt;</c> (repeatable).
/// Only the leading comment lines count, so a directive quoted further down in the SQL does nothing.
/// </summary>
public sealed record ScriptDirectives(bool NoTransaction, IReadOnlyList<Capability> Requires)
{
    public static readonly ScriptDirectives None = new(false, []);

    public static ScriptDirectives Parse(string contents, string scriptName)
    {
        var noTransaction = false;
        var requires = new List<Capability>();
        using var reader = new StringReader(contents.TrimStart('\uFEFF'));
        var lineNumber = 0;
        while (reader.ReadLine() is { } raw)
        {
            lineNumber++;
            var line = raw.Trim();
            if (line.Length == 0) continue;
            if (!line.StartsWith("--", StringComparison.Ordinal)) break; // header ends at the first SQL line
            var body = line[2..].Trim();
            if (!body.StartsWith("schema:", StringComparison.Ordinal)) continue;
            var directive = body["schema:".Length..].Trim();
            if (directive == "no-transaction")
                noTransaction = true;
            else if (directive.StartsWith("requires ", StringComparison.Ordinal))
                requires.Add(Capability.Parse(directive["requires ".Length..].Trim(), scriptName, lineNumber));
            else
                throw new ScriptDefinitionException($"{scriptName}:{lineNumber}: unknown directive 'schema:{directive}' (known: schema:no-transaction, schema:requires <capability>)");
        }
        return new ScriptDirectives(noTransaction, requires);
    }
}

/// <summary>Something the server must have for a gated script to run: <c>extension=name</c> or <c>timescaledb-license=timescale</c>.</summary>
public sealed record Capability(string Key, string Value)
{
    public const string Extension = "extension";
    public const string TimescaleLicense = "timescaledb-license";

    public override string ToString() => $"{Key}={Value}";

    public static Capability Parse(string text, string scriptName, int line)
    {
        var eq = text.IndexOf('=');
        if (eq <= 0 || eq == text.Length - 1)
            throw new ScriptDefinitionException($"{scriptName}:{line}: 'schema:requires {text}' must be key=value, e.g. extension=vector");
        var key = text[..eq].Trim();
        var value = text[(eq + 1)..].Trim();
        if (key is not (Extension or TimescaleLicense))
            throw new ScriptDefinitionException($"{scriptName}:{line}: unknown capability '{key}' (known: {Extension}=<name>, {TimescaleLicense}=timescale|apache)");
        return new Capability(key, value);
    }
}

/// <summary>A script set that cannot be run as it is (duplicate versions, bad directive, undefined variable): found before anything runs.</summary>
public sealed class ScriptDefinitionException(string message) : Exception(message);
