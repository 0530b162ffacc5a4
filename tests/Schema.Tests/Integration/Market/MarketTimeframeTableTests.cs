using Npgsql;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Market;

/// <summary>The shape of every generated market.ohlcv_{N}m table and of its partitions.</summary>
public sealed class MarketTimeframeTableTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private static readonly int[] SeedTimeframes = [1, 5, 13, 60, 181];

    private async Task<NpgsqlConnection> OpenAsync() => await db.DataSource.OpenConnectionAsync();

    private static async Task<List<short>> TimeframesAsync(NpgsqlConnection c) =>
        await Sql.ListAsync<short>(c, "select minutes from market.timeframes order by minutes");

    [Fact]
    public async Task The_seed_timeframes_are_registered_and_each_has_a_table()
    {
        await using var c = await OpenAsync();
        var timeframes = await TimeframesAsync(c);
        Assert.Equal(SeedTimeframes, timeframes.Select(m => (int)m));
        foreach (var m in timeframes)
            Assert.Equal("p", await Sql.ScalarAsync<string>(c, "select relkind::text from pg_class where oid = to_regclass(@t)", ("t", $"market.ohlcv_{m}m")));
    }

    [Fact]
    public async Task Every_timeframe_table_has_the_base_columns_then_the_registered_indicators()
    {
        await using var c = await OpenAsync();
        var indicators = await Sql.ListAsync<string>(c,
            "select format('%s %s null', column_name, data_type) from market.indicator_columns order by position");
        Assert.Contains("rsi_14 double precision null", indicators);
        Assert.Contains("atr_14 double precision null", indicators);
        Assert.Contains("cvd double precision null", indicators);
        var expected = MarketSql.BaseColumns
            .Select(b => $"{b.Name} {b.Type}{(b.Length is { } l ? $"({l})" : "")} {(b.Nullable ? "null" : "not null")}")
            .Concat(indicators).ToList();

        foreach (var m in await TimeframesAsync(c))
        {
            Assert.Equal(expected, await MarketSql.ColumnsAsync(c, $"ohlcv_{m}m"));
            var defaults = await Sql.ListAsync<string>(c, """
                select column_name || '=' || column_default from information_schema.columns
                where table_schema = 'market' and table_name = @t and column_default is not null order by ordinal_position
                """, ("t", $"ohlcv_{m}m"));
            Assert.Equal([$"window_minutes={m}", "window_spans_sessions=false", "is_regular_session=true", "has_gap_from_prior_session=false"], defaults);
        }
    }

    [Fact]
    public async Task Every_timeframe_table_has_primary_key_symbol_timestamp_and_list_then_range_partitioning()
    {
        await using var c = await OpenAsync();
        foreach (var m in await TimeframesAsync(c))
        {
            var table = $"market.ohlcv_{m}m";
            await Sql.ExecAsync(c, "call market.ensure_partitions(@m, 'ES', '2024-01-01', '2024-03-01')", ("m", (int)m));

            var pk = await Sql.ListAsync<string>(c, """
                select a.attname::text from pg_constraint k
                cross join lateral unnest(k.conkey) with ordinality as u(attnum, ord)
                join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.attnum
                where k.conrelid = @t::regclass and k.contype = 'p' order by u.ord
                """, ("t", table));
            Assert.Equal(["symbol", "timestamp"], pk);

            Assert.Equal("l:symbol", await PartitionKeyAsync(c, table));
            Assert.Equal("r:timestamp", await PartitionKeyAsync(c, $"market.ohlcv_{m}m_es"));
            // (other tests of this class may add months of their own to the same table: check these two are there)
            var leaves = await MarketSql.LeavesAsync(c, $"market.ohlcv_{m}m_es");
            Assert.Contains($"market.ohlcv_{m}m_es_2024_01", leaves);
            Assert.Contains($"market.ohlcv_{m}m_es_2024_02", leaves);
            Assert.DoesNotContain($"market.ohlcv_{m}m_es_2024_03", leaves);
            // storage parameters only on leaves: PostgreSQL rejects them on partitioned tables
            Assert.True(await Sql.ScalarAsync<bool>(c, "select reloptions is null from pg_class where oid = @t::regclass", ("t", table)));
        }
    }

    private static Task<string> PartitionKeyAsync(NpgsqlConnection c, string table) =>
        Sql.ScalarAsync<string>(c, """
            select p.partstrat::text || ':' || string_agg(a.attname, ',' order by u.ord)
            from pg_partitioned_table p
            cross join lateral unnest(p.partattrs::smallint[]) with ordinality as u(attnum, ord)
            join pg_attribute a on a.attrelid = p.partrelid and a.attnum = u.attnum
            where p.partrelid = @t::regclass group by p.partstrat
            """, ("t", table));

    [Fact]
    public async Task Every_leaf_has_fillfactor_70_and_the_autovacuum_settings_including_leaves_created_later()
    {
        await using var c = await OpenAsync();
        foreach (var m in await TimeframesAsync(c))
        {
            await Sql.ExecAsync(c, "call market.ensure_partitions(@m, 'NQ', '2024-05-01', '2024-07-01')", ("m", (int)m));
            await Sql.ExecAsync(c, "call market.ensure_partitions(@m, 'CL', '2024-05-01', '2024-06-01')", ("m", (int)m));
            // later: a new month for an existing symbol partition
            await Sql.ExecAsync(c, "call market.ensure_partitions(@m, 'NQ', '2024-07-01', '2024-08-01')", ("m", (int)m));
            var leaves = await MarketSql.LeavesAsync(c, $"market.ohlcv_{m}m");
            Assert.Contains($"market.ohlcv_{m}m_nq_2024_07", leaves);
            Assert.True(leaves.Count >= 4);
            foreach (var leaf in leaves)
            {
                var options = await Sql.ScalarAsync<string[]>(c, "select coalesce(reloptions, '{}') from pg_class where oid = @l::regclass", ("l", leaf));
                Assert.All(MarketSql.LeafOptions, o => Assert.Contains(o, options));
                Assert.All(MarketSql.UnreachableAutovacuumOptions, o => Assert.DoesNotContain(o, options));
            }
        }
    }

    [Fact]
    public async Task Only_the_primary_key_and_the_lookup_index_exist_and_no_index_touches_an_indicator_column()
    {
        await using var c = await OpenAsync();
        foreach (var m in await TimeframesAsync(c))
        {
            var table = $"market.ohlcv_{m}m";
            await Sql.ExecAsync(c, "call market.ensure_partitions(@m, 'ES', '2024-09-01', '2024-10-01')", ("m", (int)m));

            // on the parent: exactly the primary key and idx_ohlcv_{N}m_lookup (symbol, minute_index, timestamp)
            var indexes = await Sql.ListAsync<string>(c, """
                select i.indexrelid::regclass::text || '(' ||
                       (select string_agg(a.attname, ',' order by u.ord)
                          from unnest(i.indkey::smallint[]) with ordinality as u(attnum, ord)
                          join pg_attribute a on a.attrelid = i.indrelid and a.attnum = u.attnum) || ')'
                from pg_index i where i.indrelid = @t::regclass order by 1
                """, ("t", table));
            Assert.Equal([$"market.idx_ohlcv_{m}m_lookup(symbol,minute_index,timestamp)", $"market.ohlcv_{m}m_pkey(symbol,timestamp)"], indexes);

            // on every table of the tree: no index containing an indicator column (HOT backfills), and no second
            // (symbol, timestamp) index besides the primary key (seed 000's idx_ohlcv_{N}m_symbol_time is redundant)
            var indicatorIndexes = await Sql.ListAsync<string>(c, """
                select i.indexrelid::regclass::text
                from pg_partition_tree(@t::regclass) p
                join pg_index i on i.indrelid = p.relid
                join pg_attribute a on a.attrelid = i.indrelid and (a.attnum = any (i.indkey::smallint[])
                                                                     or pg_get_indexdef(i.indexrelid) like '%' || a.attname || '%')
                join market.indicator_columns ic on ic.column_name = a.attname
                """, ("t", table));
            Assert.Empty(indicatorIndexes);
            var duplicates = await Sql.ListAsync<string>(c, """
                select i.indexrelid::regclass::text
                from pg_partition_tree(@t::regclass) p
                join pg_index i on i.indrelid = p.relid
                where not i.indisprimary
                  and (select array_agg(a.attname::text order by u.ord)
                         from unnest(i.indkey::smallint[]) with ordinality as u(attnum, ord)
                         join pg_attribute a on a.attrelid = i.indrelid and a.attnum = u.attnum) = array['symbol', 'timestamp']
                """, ("t", table));
            Assert.Empty(duplicates);
            // the leaves inherit exactly the two indexes
            var leaf = $"market.ohlcv_{m}m_es_2024_09";
            Assert.Equal(2L, await Sql.ScalarAsync<long>(c, "select count(*) from pg_index where indrelid = @l::regclass", ("l", leaf)));
        }
    }

    [Fact]
    public async Task Minute_index_outside_the_window_is_rejected()
    {
        await using var c = await OpenAsync();
        await Sql.ExecAsync(c, "call market.ensure_partitions(60, 'ES', '2024-11-01', '2024-12-01')");
        var e = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecAsync(c, """
            insert into market.ohlcv_60m ("timestamp", symbol, minute_index, open, high, low, close, volume)
            values (@t, 'ES', 60, 1, 1, 1, 1, 1)
            """, ("t", new DateTime(2024, 11, 4, 15, 0, 0, DateTimeKind.Utc))));
        Assert.Equal(PostgresErrorCodes.CheckViolation, e.SqlState);
    }
}
