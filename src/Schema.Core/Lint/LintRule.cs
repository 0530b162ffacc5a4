namespace Schema.Core.Lint;

/// <summary>The rule ids of <c>schema lint</c> (what <c>-- schema:lint-ignore RULE reason</c> names).</summary>
public static class LintRule
{
    // lock analysis (the statement run on a throwaway database, pg_locks of its own backend)
    public const string AccessExclusiveLock = "lock-access-exclusive";
    public const string BlocksWrites = "lock-blocks-writes";
    public const string TableRewrite = "table-rewrite";
    public const string IndexNotConcurrent = "index-not-concurrently";
    public const string ConstraintValidated = "constraint-validated-on-add";
    public const string LockFanOut = "lock-fan-out";
    public const string ScriptFails = "script-fails";

    // TimescaleDB
    public const string AlterCompressedHypertable = "ts-alter-compressed-hypertable";
    public const string HypertableWithoutMigrateData = "ts-hypertable-without-migrate-data";
    public const string ContinuousAggregateWithData = "ts-cagg-with-data";
    public const string UniqueWithoutTimeColumn = "ts-unique-without-time-column";

    // live schema
    public const string NoPrimaryKey = "table-without-primary-key";
    public const string VarcharWithoutLength = "varchar-without-length";
    public const string ForeignKeyWithoutIndex = "foreign-key-without-index";
    public const string EnumLikeTextWithoutCheck = "enum-like-text-without-check";
    public const string TableWithoutComment = "table-without-comment";
    public const string ColumnWithoutComment = "column-without-comment";
    public const string RedundantIndex = "redundant-index";
    public const string BooleanIndex = "boolean-index";

    // function bodies
    public const string PlpgsqlCheck = "plpgsql-check";

    // suppressions themselves
    public const string SuppressionWithoutReason = "lint-ignore-without-reason";
    public const string SuppressionUnknownRule = "lint-ignore-unknown-rule";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        AccessExclusiveLock, BlocksWrites, TableRewrite, IndexNotConcurrent, ConstraintValidated, LockFanOut, ScriptFails,
        AlterCompressedHypertable, HypertableWithoutMigrateData, ContinuousAggregateWithData, UniqueWithoutTimeColumn,
        NoPrimaryKey, VarcharWithoutLength, ForeignKeyWithoutIndex, EnumLikeTextWithoutCheck, TableWithoutComment,
        ColumnWithoutComment, RedundantIndex, BooleanIndex, PlpgsqlCheck,
    };
}
