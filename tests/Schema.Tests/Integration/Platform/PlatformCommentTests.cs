using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Platform;

/// <summary>Every table of every application schema carries a COMMENT (what it holds, where it comes from).</summary>
public sealed class PlatformCommentTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private static readonly string[] ApplicationSchemas = ["market", "trading", "manager", "workspace", "quant", "platform"];

    [Fact]
    public async Task Every_application_table_has_a_comment()
    {
        // top-level tables only: partitions (created by maintenance jobs) and hypertable chunks (in _timescaledb_*)
        // inherit their meaning from the parent
        var uncommented = await db.ScalarAsync<string[]>("""
            select coalesce(array_agg(format('%I.%I', n.nspname, c.relname) order by n.nspname, c.relname), '{}')
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = any(@schemas)
              and c.relkind in ('r', 'p') and not c.relispartition
              and coalesce(obj_description(c.oid, 'pg_class'), '') = ''
            """, ("schemas", ApplicationSchemas));
        Assert.Empty(uncommented);
    }

    [Fact]
    public async Task The_check_sees_the_quant_and_platform_tables()
    {
        // guards the test above against silently matching nothing
        var tables = await db.ScalarAsync<string[]>("""
            select array_agg(format('%I.%I', n.nspname, c.relname) order by 1)
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname in ('quant', 'platform') and c.relkind in ('r', 'p') and not c.relispartition
            """);
        Assert.Superset(new HashSet<string>
        {
            "platform.retention_policies", "quant.tickers", "quant.ohlcv_data", "quant.factor_scores",
            "quant.backtest_results", "quant.portfolio", "quant.trades", "quant.portfolio_snapshots",
            "quant.api_logs", "quant.system_logs",
        }, new HashSet<string>(tables));
    }
}
