using System.Text;
using System.Text.RegularExpressions;

namespace Schema.Core.Docs;

/// <summary>
/// A Mermaid <c>erDiagram</c> of one schema: an entity per table with its columns, and a relationship per foreign
/// key declared in the schema (a table of another schema it references appears as an entity without columns).
/// Mermaid's grammar only takes plain words for entity names, attribute types and attribute names, so names are
/// sanitised (<c>timestamp with time zone</c> → <c>timestamptz</c>, <c>numeric(18,8)</c> → <c>numeric_18_8</c>,
/// <c>text[]</c> → <c>text_array</c>); the exact SQL is in the tables under the diagram. Relationship labels are
/// the constraint names, quoted.
/// </summary>
public static partial class MermaidErDiagram
{
    /// <summary>
    /// Above this many characters the diagram lists key columns only: Mermaid refuses diagrams over its
    /// maxTextSize (50,000 characters by default, also on GitHub).
    /// </summary>
    public const int FullDiagramLimit = 40_000;

    private static readonly (string Sql, string Short)[] TypeAbbreviations =
    [
        ("character varying", "varchar"),
        ("bit varying", "varbit"),
        ("double precision", "float8"),
    ];

    /// <summary>The diagram's text (without the Markdown fence); null when the schema has no tables.</summary>
    public static string? Render(DocSchema schema)
    {
        if (schema.Tables.Count == 0)
            return null;
        var full = Render(schema, keysOnly: false);
        return full.Length <= FullDiagramLimit ? full : Render(schema, keysOnly: true);
    }

    private static string Render(DocSchema schema, bool keysOnly)
    {
        var names = new EntityNames(schema.Name);
        var sb = new StringBuilder();
        sb.Append("erDiagram\n");
        foreach (var table in schema.Tables)
        {
            var keys = KeyMarks(table);
            var columns = keysOnly ? table.Columns.Where(c => keys.ContainsKey(c.Name)).ToList() : table.Columns;
            sb.Append("  ").Append(names.Of(table.Schema, table.Name));
            if (columns.Count == 0)
            {
                sb.Append(" {\n  }\n");
                continue;
            }
            sb.Append(" {\n");
            foreach (var column in columns)
            {
                sb.Append("    ").Append(TypeWord(column.Type)).Append(' ').Append(Word(column.Name, "column"));
                if (keys.TryGetValue(column.Name, out var mark))
                    sb.Append(' ').Append(mark);
                sb.Append('\n');
            }
            sb.Append("  }\n");
        }
        var relationships = schema.Tables
            .SelectMany(t => t.Constraints.Where(c => c.Kind == DocConstraintKind.ForeignKey)
                                          .Select(c => (Table: t, Key: c)))
            .OrderBy(x => x.Table.Name, StringComparer.Ordinal)
            .ThenBy(x => x.Key.Name, StringComparer.Ordinal);
        foreach (var (table, key) in relationships)
        {
            var parent = names.Of(key.ReferencedSchema ?? table.Schema, key.ReferencedTable ?? table.Name);
            var parentSide = key.NullableReference ? "|o" : "||";
            var childSide = key.UniqueReference ? "o|" : "o{";
            sb.Append("  ").Append(parent).Append(' ').Append(parentSide).Append("--").Append(childSide).Append(' ')
              .Append(names.Of(table.Schema, table.Name)).Append(" : \"")
              .Append(key.Name.Replace('"', '\'')).Append("\"\n");
        }
        if (keysOnly)
            sb.Append("  %% key columns only: the full diagram would exceed Mermaid's text size limit\n");
        return sb.ToString();
    }

    /// <summary>PK / FK / UK marks per column (Mermaid's attribute keys, comma-separated, in that order).</summary>
    private static Dictionary<string, string> KeyMarks(DocTable table)
    {
        var marks = new Dictionary<string, SortedSet<int>>(StringComparer.Ordinal);
        foreach (var constraint in table.Constraints)
        {
            var rank = constraint.Kind switch
            {
                DocConstraintKind.PrimaryKey => 0,
                DocConstraintKind.ForeignKey => 1,
                DocConstraintKind.Unique => 2,
                _ => -1,
            };
            if (rank < 0)
                continue;
            foreach (var column in KeyColumns(constraint.Definition, table.Columns))
            {
                if (!marks.TryGetValue(column, out var set))
                    marks[column] = set = [];
                set.Add(rank);
            }
        }
        string[] words = ["PK", "FK", "UK"];
        return marks.ToDictionary(m => m.Key, m => string.Join(", ", m.Value.Select(r => words[r])),
                                  StringComparer.Ordinal);
    }

    /// <summary>The columns of a key constraint, from its definition's first parenthesised list
    /// (<c>FOREIGN KEY (asset_id, "interval") REFERENCES …</c>), matched against the table's column names.</summary>
    private static IEnumerable<string> KeyColumns(string definition, IReadOnlyList<DocColumn> columns)
    {
        var open = definition.IndexOf('(', StringComparison.Ordinal);
        var close = open < 0 ? -1 : definition.IndexOf(')', open);
        if (close < 0)
            yield break;
        foreach (var part in definition[(open + 1)..close].Split(','))
        {
            var name = part.Trim();
            if (name.Length > 1 && name[0] == '"' && name[^1] == '"')
                name = name[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
            if (columns.Any(c => c.Name == name))
                yield return name;
        }
    }

    /// <summary>A SQL type as one Mermaid word: common long names shortened, arrays marked, the rest sanitised.</summary>
    public static string TypeWord(string sqlType)
    {
        var type = sqlType;
        var array = 0;
        while (type.EndsWith("[]", StringComparison.Ordinal))
        {
            type = type[..^2];
            array++;
        }
        type = TimeZoneType().Replace(type, m => m.Groups[1].Value + (m.Groups[3].Value == "with" ? "tz" : "")
                                                 + m.Groups[2].Value);
        foreach (var (sql, abbreviation) in TypeAbbreviations)
            if (type.StartsWith(sql, StringComparison.Ordinal))
                type = abbreviation + type[sql.Length..];
        return Word(type, "type") + string.Concat(Enumerable.Repeat("_array", array));
    }

    /// <summary>Letters, digits and underscores only; never empty, never starting with a digit, never a key word.</summary>
    public static string Word(string text, string fallbackPrefix)
    {
        var word = NotWordCharacters().Replace(text, "_").Trim('_');
        if (word.Length == 0 || char.IsAsciiDigit(word[0]))
            word = fallbackPrefix + "_" + word;
        // Mermaid's lexer reads PK, FK and UK (any case) as attribute keys wherever they stand
        if (word.Length == 2 && word.ToUpperInvariant() is "PK" or "FK" or "UK")
            word += "_";
        return word;
    }

    [GeneratedRegex(@"^(timestamp|time)(\([0-9]+\))? (with|without) time zone$")]
    private static partial Regex TimeZoneType();

    [GeneratedRegex("[^A-Za-z0-9_]+")]
    private static partial Regex NotWordCharacters();
}
