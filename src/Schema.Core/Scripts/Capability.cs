namespace Schema.Core.Scripts;

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
        // Any other license value would match no server and defer the script forever.
        if (key == TimescaleLicense && value is not ("timescale" or "apache"))
            throw new ScriptDefinitionException($"{scriptName}:{line}: unknown {TimescaleLicense} '{value}' (known: timescale, apache)");
        return new Capability(key, value);
    }
}
