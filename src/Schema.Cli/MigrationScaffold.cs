using System.Text.RegularExpressions;
using Schema.Core.Configuration;
using Schema.Core.Scripts;

namespace Schema.Cli;

/// <summary>
/// The numbering rule of docs/writing-migrations.md: each schema owns a block of a hundred versions (0001–0099
/// platform, 01xx market, 02xx trading…); a new script takes the number after the highest one in its schema's block.
/// A schema's block is the one holding most of its scripts (platform also owns 0900, the Community-edition jobs).
/// </summary>
internal static partial class MigrationScaffold
{
    internal sealed record NewFile(string FileName, string Text);

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex Identifier();

    /// <summary>The schema a versioned script belongs to: the word after its number (<c>0101_market_symbols.sql</c> → market).</summary>
    private static string? SchemaOf(MigrationScript s) =>
        s.Name[(s.Version!.Length + 1)..] is var rest && rest.IndexOf('_') is var i && i > 0 ? rest[..i] : null;

    public static (NewFile Up, NewFile Down) Plan(ScriptSet set, string name, string? schema, bool noTransaction)
    {
        if (!Identifier().IsMatch(name)) throw new ConfigurationException($"invalid name '{name}': use lowercase letters, digits and underscores");
        if (schema is not null && !Identifier().IsMatch(schema))
            throw new ConfigurationException($"invalid schema '{schema}': use lowercase letters, digits and underscores");
        var known = set.Versioned.Select(SchemaOf).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToList();
        schema ??= known.Where(k => name.StartsWith(k + "_", StringComparison.Ordinal)).MaxBy(k => k.Length)
            ?? throw new ConfigurationException($"give --schema (one of: {string.Join(", ", known)}), or start the name with it");
        if (name.StartsWith(schema + "_", StringComparison.Ordinal)) name = name[(schema.Length + 1)..];
        if (name.Length == 0) throw new ConfigurationException("the name says nothing beyond the schema");

        var versions = set.Versioned
            .Select(s => (Script: s, Number: int.Parse(s.Version!, System.Globalization.CultureInfo.InvariantCulture))).ToList();
        var own = versions.Where(v => SchemaOf(v.Script) == schema).ToList();
        int block;
        if (own.Count > 0)
            block = own.GroupBy(v => v.Number / 100).OrderByDescending(g => g.Count()).ThenBy(g => g.Key).First().Key;
        else
        {
            // a new schema opens the next free block; 0900–0999 is kept for Community-edition jobs
            block = versions.Where(v => v.Number < 900).Select(v => v.Number / 100).DefaultIfEmpty(-1).Max() + 1;
            if (block >= 9) throw new ConfigurationException("no free number block left below 0900 for a new schema");
        }
        var next = versions.Where(v => v.Number / 100 == block).Select(v => v.Number).DefaultIfEmpty(Math.Max(0, block * 100 - 1)).Max() + 1;
        if (next / 100 != block)
            throw new ConfigurationException($"the number block {block * 100:0000}–{block * 100 + 99:0000} of {schema} is full");

        var width = Math.Max(4, set.Versioned.Select(s => s.Version!.Length).DefaultIfEmpty(4).Max());
        var stem = $"{next.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width, '0')}_{schema}_{name}";
        var directive = noTransaction ? "-- schema:no-transaction\n" : "";
        var why = noTransaction
            ? "-- Why no-transaction: TODO what cannot run in a transaction block. Each statement commits on its own, so every\n" +
              "-- statement must be safe to re-run after a failure (if not exists / if exists).\n"
            : "";
        var up = $"""
            -- {stem}: TODO what this change does, in a sentence or two.
            {directive}--
            -- Why: TODO why it exists; where the source (000–004) says something different, what it said and why this
            -- differs. A change that touches many partitions says how many locks it takes and how long it may wait.
            {why}
            -- TODO: lowercase SQL, schema-qualified names; no begin/commit (the runner gives the script its transaction).

            """;
        var down = $"""
            -- {stem} (down): TODO reverts exactly what {stem}.sql does, in reverse order.
            {directive}
            -- TODO: undo the change completely, so that up, down and up again leave identical dumps.

            """;
        return (new NewFile(stem + ".sql", up.Replace("\n\n\n", "\n\n", StringComparison.Ordinal)), new NewFile(stem + ".down.sql", down));
    }
}
