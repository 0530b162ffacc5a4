using System.Text.RegularExpressions;
using Schema.Core.Configuration;

namespace Schema.Core.Fleet;

/// <summary>
/// The targets file of <c>schema up --targets</c>: one target per line, <c>name connection</c>, where connection is an
/// Npgsql connection string (the rest of the line) or <c>env:VARIABLE</c> (the connection string is that environment
/// variable's value, so no password needs to be in the file). Blank lines and lines starting with <c>#</c> are
/// ignored. Names are letters, digits, <c>_ . -</c>, unique. The whole file is checked before anything runs; every
/// problem is reported as <c>file:line: what</c> (a <see cref="ConfigurationException"/>: exit 2).
/// </summary>
public static partial class TargetsFile
{
    [GeneratedRegex(@"^[A-Za-z0-9_.-]{1,63}$")]
    private static partial Regex Name();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();

    public static IReadOnlyList<FleetTarget> Load(string path, Func<string, string?> environment)
    {
        if (!File.Exists(path)) throw new ConfigurationException($"targets file not found: {path}");
        return Parse(File.ReadAllText(path), path, environment);
    }

    public static IReadOnlyList<FleetTarget> Parse(string text, string fileName, Func<string, string?> environment)
    {
        var targets = new List<FleetTarget>();
        var errors = new List<string>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var (target, error) = ParseLine(line, i + 1, seen, environment);
            if (error is not null) errors.Add($"{fileName}:{i + 1}: {error}");
            else targets.Add(target!);
        }
        if (errors.Count > 0) throw new ConfigurationException(string.Join("; ", errors));
        if (targets.Count == 0) throw new ConfigurationException($"{fileName}: no targets");
        return targets;
    }

    /// <summary>One non-comment line: the target, or what is wrong with it.</summary>
    private static (FleetTarget? Target, string? Error) ParseLine(string line, int number, Dictionary<string, int> seen,
        Func<string, string?> environment)
    {
        var space = line.IndexOfAny([' ', '\t']);
        var name = space < 0 ? line : line[..space];
        var connection = space < 0 ? "" : line[(space + 1)..].Trim();
        if (!Name().IsMatch(name)) return (null, $"'{Truncate(name)}' is not a target name (letters, digits, _ . -)");
        if (seen.TryGetValue(name, out var first)) return (null, $"target '{name}' is already defined on line {first}");
        seen[name] = number;
        if (connection.Length == 0)
            return (null, $"target '{name}' has no connection (name connection-string, or name env:VARIABLE)");
        if (connection.StartsWith("env:", StringComparison.Ordinal))
        {
            var variable = connection[4..];
            if (!VariableName().IsMatch(variable)) return (null, $"'{Truncate(variable)}' is not an environment variable name");
            connection = environment(variable) ?? "";
            if (connection.Length == 0) return (null, $"environment variable {variable} (target '{name}') is not set");
        }
        try
        {
            if (string.IsNullOrEmpty(ConnectionInfo.Parse(connection).Host))
                return (null, $"target '{name}': the connection string has no Host");
        }
        catch (ConfigurationException e) { return (null, $"target '{name}': {e.Message}"); }
        return (new FleetTarget(name, connection, number), null);
    }

    // A name is echoed in an error; a pasted connection string in its place must not be.
    private static string Truncate(string s) => SecretMasking.Mask(s.Length > 40 ? s[..40] + "…" : s);
}
