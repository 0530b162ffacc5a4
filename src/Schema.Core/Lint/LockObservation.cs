namespace Schema.Core.Lint;

/// <summary>
/// A lock a statement took on a relation that existed before its script (the lock report a reviewer reads):
/// the mode as <c>pg_locks</c> names it, what it blocks, and whether the statement rewrote the table.
/// <c>Partitions</c> counts the partitions of the relation locked in the same mode by the same statement.
/// </summary>
public sealed record LockObservation(string File, int Line, string Relation, string Mode, string Blocks, bool Rewrite,
    int Partitions = 0)
{
    /// <summary>What a lock mode blocks, in the words of the PostgreSQL documentation's conflict table.</summary>
    public static string BlocksOf(string mode) => mode switch
    {
        "AccessExclusiveLock" => "reads and writes",
        "ExclusiveLock" or "ShareRowExclusiveLock" or "ShareLock" => "writes",
        "ShareUpdateExclusiveLock" => "schema changes, vacuum, concurrent index builds",
        "RowExclusiveLock" => "schema changes, index builds without concurrently",
        _ => "schema changes only",
    };

    /// <summary>Strength order of the table lock modes (the conflict table's rows, weakest first).</summary>
    public static int Strength(string mode) => mode switch
    {
        "AccessShareLock" => 1,
        "RowShareLock" => 2,
        "RowExclusiveLock" => 3,
        "ShareUpdateExclusiveLock" => 4,
        "ShareLock" => 5,
        "ShareRowExclusiveLock" => 6,
        "ExclusiveLock" => 7,
        "AccessExclusiveLock" => 8,
        _ => 0,
    };

    /// <summary>The mode in SQL words (<c>ACCESS EXCLUSIVE</c>).</summary>
    public static string SqlName(string mode) => mode switch
    {
        "AccessShareLock" => "ACCESS SHARE",
        "RowShareLock" => "ROW SHARE",
        "RowExclusiveLock" => "ROW EXCLUSIVE",
        "ShareUpdateExclusiveLock" => "SHARE UPDATE EXCLUSIVE",
        "ShareLock" => "SHARE",
        "ShareRowExclusiveLock" => "SHARE ROW EXCLUSIVE",
        "ExclusiveLock" => "EXCLUSIVE",
        "AccessExclusiveLock" => "ACCESS EXCLUSIVE",
        _ => mode,
    };
}
