using System.Text;

namespace Schema.Core.Scripts;

/// <summary>
/// DbUp-style <c>$name$</c> variables. A <c>$name$</c> whose name is configured is replaced (also inside strings and
/// dollar-quoted bodies, not inside comments). An unconfigured <c>$tag$</c> that occurs an even number of times is a
/// dollar quote and stays; an odd one is an undefined variable and an error naming the script and the variable.
/// The result keeps a map from substituted offsets back to the original text for error positions.
/// </summary>
public static class VariableSubstitution
{
    public static SubstitutedSql Apply(string sql, IReadOnlyDictionary<string, string> variables, string scriptName)
    {
        var tokens = new List<(int At, int Length, string Name)>();
        var i = 0;
        while (i < sql.Length)
        {
            var ce = SqlLexer.CommentEnd(sql, i);
            if (ce >= 0) { i = ce; continue; }
            var len = SqlLexer.DollarTagLength(sql, i);
            if (len > 2) { tokens.Add((i, len, sql.Substring(i + 1, len - 2))); i += len; continue; }
            i += len > 0 ? len : 1;
        }
        if (tokens.Count == 0) return new SubstitutedSql(sql, []);

        var counts = tokens.GroupBy(t => t.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var undefined = counts.Where(kv => !variables.ContainsKey(kv.Key) && kv.Value % 2 == 1).Select(kv => kv.Key).Order(StringComparer.Ordinal).ToList();
        if (undefined.Count > 0)
            throw new ScriptDefinitionException(
                $"{scriptName}: undefined variable {string.Join(", ", undefined.Select(v => "$" + v + "$"))} (set Schema:Variables:{undefined[0]} or --var {undefined[0]}=value)");

        var output = new StringBuilder(sql.Length);
        var map = new List<Replacement>();
        var last = 0;
        foreach (var (at, length, name) in tokens)
        {
            if (!variables.TryGetValue(name, out var value)) continue;
            output.Append(sql, last, at - last);
            map.Add(new Replacement(output.Length, value.Length, at, length));
            output.Append(value);
            last = at + length;
        }
        output.Append(sql, last, sql.Length - last);
        return new SubstitutedSql(output.ToString(), map);
    }
}

public sealed record Replacement(int OutputOffset, int OutputLength, int SourceOffset, int SourceLength);

public sealed record SubstitutedSql(string Text, IReadOnlyList<Replacement> Replacements)
{
    /// <summary>Maps an offset in <see cref="Text"/> back to the offset in the original script.</summary>
    public int ToSourceOffset(int outputOffset)
    {
        var delta = 0;
        foreach (var r in Replacements)
        {
            if (outputOffset < r.OutputOffset) break;
            if (outputOffset < r.OutputOffset + r.OutputLength) return r.SourceOffset;
            delta = r.SourceOffset + r.SourceLength - (r.OutputOffset + r.OutputLength);
        }
        return outputOffset + delta;
    }
}

/// <summary>Line and column (1-based) of an offset in a text, columns counted in characters.</summary>
public readonly record struct TextPosition(int Line, int Column)
{
    public static TextPosition Of(string text, int offset)
    {
        offset = Math.Clamp(offset, 0, text.Length);
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
            if (text[i] == '\n') { line++; lineStart = i + 1; }
        return new TextPosition(line, offset - lineStart + 1);
    }

    public override string ToString() => $"{Line}:{Column}";
}
