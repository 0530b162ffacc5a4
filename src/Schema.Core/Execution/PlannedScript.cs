using Schema.Core.Scripts;

namespace Schema.Core.Execution;

/// <summary>
/// One script of a <see cref="RunPlan"/>: what runs (the variables already substituted), whether it runs in one
/// transaction with its journal row, and the journal row written after it.
/// </summary>
public sealed record PlannedScript(MigrationScript Script, string Sql, string JournalKind, string JournalInsertSql)
{
    public string Name => Script.Name;
    public bool InTransaction => !Script.Directives.NoTransaction;
}
