namespace Schema.Core.Docs;

/// <summary>
/// Mermaid entity names within one diagram: a table of the diagram's schema by its sanitised name, a table of
/// another schema as <c>schema__table</c>; two tables that sanitise to the same word get <c>_2</c>, <c>_3</c>… in
/// the order they are first named (deterministic, since the diagram names tables in sorted order).
/// </summary>
internal sealed class EntityNames(string schema)
{
    private readonly Dictionary<(string, string), string> _names = [];
    private readonly HashSet<string> _used = new(StringComparer.OrdinalIgnoreCase);

    public string Of(string tableSchema, string table)
    {
        if (_names.TryGetValue((tableSchema, table), out var known))
            return known;
        var word = tableSchema == schema
            ? MermaidErDiagram.Word(table, "table")
            : MermaidErDiagram.Word(tableSchema, "schema") + "__" + MermaidErDiagram.Word(table, "table");
        var name = word;
        for (var n = 2; !_used.Add(name); n++)
            name = word + "_" + n;
        _names[(tableSchema, table)] = name;
        return name;
    }
}
