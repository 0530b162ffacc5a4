using Schema.Core.Scripts;

namespace Schema.Core.Lint;

/// <summary>
/// A script as lint sees it: split into statements exactly as the runner splits it, each with its line and the
/// <c>lint-ignore</c> comments that apply to it (a comment applies to the first statement that ends after it).
/// </summary>
public sealed record LintedScript(MigrationScript Script, IReadOnlyList<LintedStatement> Statements,
    IReadOnlyList<LintFinding> SuppressionProblems)
{
    public string Name => Script.Name;
    public bool NoTransaction => Script.Directives.NoTransaction;

    public static LintedScript From(MigrationScript script, IReadOnlyDictionary<string, string> variables)
    {
        var substituted = VariableSubstitution.Apply(script.Contents, variables, script.Name);
        int LineOf(int offset) => TextPosition.Of(script.Contents, substituted.ToSourceOffset(offset)).Line;
        var (ignores, problems) = LintIgnore.Read(substituted.Text, script.Name, LineOf);
        var statements = new List<LintedStatement>();
        foreach (var s in SqlStatementSplitter.Split(substituted.Text))
        {
            var end = s.Offset + s.Text.Length;
            var mine = ignores.Where(i => i.Offset < end).ToList();
            ignores.RemoveAll(i => i.Offset < end);
            statements.Add(new LintedStatement(s.Text, LineOf(s.Offset), mine));
        }
        return new LintedScript(script, statements, problems);
    }

    /// <summary>The suppression for <paramref name="rule"/> on the statement starting at <paramref name="line"/>.</summary>
    public LintIgnore? IgnoreFor(string rule, int line) =>
        Statements.FirstOrDefault(s => s.Line == line)?.Ignores.FirstOrDefault(i => i.Rule == rule);
}
