using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Market;

/// <summary>
/// 0125: market.leaf_bounds (the retention step of market.maintain) lists every monthly leaf of a timeframe tree with
/// its symbol partition and UTC month bounds, and holds no lock on any relation of the tree: 0117's version called
/// pg_partition_tree(), which locks every one of them (~3,100 per tree at the source design's range) until commit.
/// </summary>
public sealed class MarketLeafBoundsTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task Leaf_bounds_lists_each_monthly_leaf_with_its_bounds_and_locks_no_relation_of_the_tree()
    {
        await using var c = await db.DataSource.OpenConnectionAsync();
        await Sql.ScalarAsync<int>(c, "call market.ensure_partitions(60, 'ES', '2024-01-01', '2024-04-01')");
        await Sql.ScalarAsync<int>(c, "call market.ensure_partitions(60, 'NQ', '2024-11-01', '2025-02-01')");

        await using var tx = await c.BeginTransactionAsync(); // locks taken inside stay until it ends
        var leaves = await Sql.ListAsync<string>(c, """
            select concat_ws(' ', leaf::text, parent::text, to_char(lower_bound at time zone 'UTC', 'YYYY-MM-DD HH24:MI'),
                             to_char(upper_bound at time zone 'UTC', 'YYYY-MM-DD HH24:MI'))
              from market.leaf_bounds('market.ohlcv_60m') order by 1
            """);
        Assert.Equal(
        [
            "market.ohlcv_60m_es_2024_01 market.ohlcv_60m_es 2024-01-01 00:00 2024-02-01 00:00",
            "market.ohlcv_60m_es_2024_02 market.ohlcv_60m_es 2024-02-01 00:00 2024-03-01 00:00",
            "market.ohlcv_60m_es_2024_03 market.ohlcv_60m_es 2024-03-01 00:00 2024-04-01 00:00",
            "market.ohlcv_60m_nq_2024_11 market.ohlcv_60m_nq 2024-11-01 00:00 2024-12-01 00:00",
            "market.ohlcv_60m_nq_2024_12 market.ohlcv_60m_nq 2024-12-01 00:00 2025-01-01 00:00",
            "market.ohlcv_60m_nq_2025_01 market.ohlcv_60m_nq 2025-01-01 00:00 2025-02-01 00:00",
        ], leaves);

        var held = await Sql.ListAsync<string>(c, """
            select l.relation::regclass::text || ' ' || l.mode
              from pg_locks l
             where l.pid = pg_backend_pid() and l.locktype = 'relation'
               and l.relation in (select relid from market.tree_relations('market.ohlcv_60m'))
            """);
        Assert.Empty(held);
    }
}
