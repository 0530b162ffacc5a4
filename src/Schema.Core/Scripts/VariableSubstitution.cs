using System.Text;

namespace Schema.Core.Scripts;

/// <summary>
/// DbUp-style <c>$name$</c> variables. A <c>$name$</c> whose name is configured is replaced anywhere but in comments
/// (also inside strings and dollar-quoted bodies). An unconfigured <c>$tag$</c> outside a string opens a dollar quote
/// when its closing <c>$tag$</c> follows; otherwise — or inside a string — it is an undefined variable: an error naming
/// the script and the variable. The result maps substituted offsets back to the original text for error positions.
/// </summary>
public static class VariableSubstitution
{
    public static SubstitutedSql Apply(string sql, IReadOnlyDictionary<string, string> variables, string scriptName)
    {
        var output = new StringBuilder(sql.Length);
        var map = new List<Replacement>();
        var undefined = new SortedSet<string>(StringComparer.Ordinal);
        var copied = 0;

        void Substitute(int at, int length, string value)
        {
            output.Append(sql, copied, at - copied);
            map.Add(new Replacement(output.Length, value.Length, at, length));
            output.Append(value);
            copied = at + length;
        }

        // Replaces variables in [from, to): code, or the inside of a dollar-quoted body (which may nest quotes).
        void Scan(int from, int to)
        {
            var i = from;
            while (i < to)
            {
                var commentEnd = SqlLexer.CommentEnd(sql, i);
                if (commentEnd >= 0) { i = Math.Min(commentEnd, to); continue; }
                var quotedEnd = SqlLexer.QuotedEnd(sql, i);
                if (quotedEnd >= 0)
                {
                    if (sql[i] != '"') ScanString(i, Math.Min(quotedEnd, to));
                    i = Math.Min(quotedEnd, to);
                    continue;
                }
                var tag = SqlLexer.DollarTagLength(sql, i);
                if (tag == 0) { i++; continue; }
                var name = sql.Substring(i + 1, tag - 2);
                if (name.Length > 0 && variables.TryGetValue(name, out var value)) { Substitute(i, tag, value); i += tag; continue; }
                var close = sql.IndexOf(sql.Substring(i, tag), i + tag, to - i - tag, StringComparison.Ordinal);
                if (close < 0)
                {
                    if (name.Length > 0) undefined.Add(name);
                    i += tag;
                    continue;
                }
                Scan(i + tag, close); // a dollar-quoted body: variables inside are replaced too
                i = close + tag;
            }
        }

        // Inside a '…' literal no dollar quote can start: every $name$ there is a variable.
        void ScanString(int from, int to)
        {
            for (var i = from + 1; i < to;)
            {
                var tag = SqlLexer.DollarTagLength(sql, i);
                if (tag > 2)
                {
                    var name = sql.Substring(i + 1, tag - 2);
                    if (variables.TryGetValue(name, out var value)) Substitute(i, tag, value);
                    else undefined.Add(name);
                    i += tag;
                }
                else i++;
            }
        }

        Scan(0, sql.Length);
        if (undefined.Count > 0)
            throw new ScriptDefinitionException(
                $"{scriptName}: undefined variable {string.Join(", ", undefined.Select(v => "$" + v + "$"))} (set Schema:Variables:{undefined.Min} or --var {undefined.Min}=value; or, if it opens a dollar quote, that quote is never closed)");
        if (map.Count == 0) return new SubstitutedSql(sql, []);
        output.Append(sql, copied, sql.Length - copied);
        return new SubstitutedSql(output.ToString(), map);
    }
}
