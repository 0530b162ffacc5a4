using Npgsql;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Market;

/// <summary>Adding a timeframe and adding an indicator column through the procedures (the data-driven design).</summary>
public sealed class MarketTimeframeEvolutionTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private async Task<NpgsqlConnection> OpenAsync() => await db.DataSource.OpenConnectionAsync();

    private static Task<List<string>> IndexShapesAsync(NpgsqlConnection c, int minutes) =>
        Sql.ListAsync<string>(c, """
            select replace(pg_get_indexdef(indexrelid), @n, 'N') from pg_index where indrelid = @t::regclass order by 1
            """, ("n", $"{minutes}m"), ("t", $"market.ohlcv_{minutes}m"));

    [Fact]
    public async Task Add_timeframe_240_creates_a_table_shaped_like_ohlcv_60m()
    {
        await using var c = await OpenAsync();
        await Sql.ExecAsync(c, "call market.add_timeframe(240)");

        Assert.True(await Sql.ScalarAsync<bool>(c, "select exists (select from market.timeframes where minutes = 240)"));
        Assert.Equal(await MarketSql.ColumnsAsync(c, "ohlcv_60m"), await MarketSql.ColumnsAsync(c, "ohlcv_240m"));
        Assert.Equal(await IndexShapesAsync(c, 60), await IndexShapesAsync(c, 240));
        Assert.Equal("240", await Sql.ScalarAsync<string>(c,
            "select column_default from information_schema.columns where table_schema = 'market' and table_name = 'ohlcv_240m' and column_name = 'window_minutes'"));
        // partitions work the same way
        Assert.Equal(13, await Sql.ScalarAsync<int>(c, "call market.ensure_partitions(240, 'ES', '2024-01-01', '2025-01-01')"));
        Assert.Equal(12, (await MarketSql.LeavesAsync(c, "market.ohlcv_240m_es")).Count);

        // registering the same timeframe twice is an error, not a second table
        var e = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecAsync(c, "call market.add_timeframe(240)"));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, e.SqlState);
    }

    [Fact]
    public async Task Add_indicator_column_reaches_every_timeframe_table_and_every_partition_and_later_timeframes()
    {
        await using var c = await OpenAsync();
        var timeframes = await Sql.ListAsync<short>(c, "select minutes from market.timeframes order by minutes");
        foreach (var m in timeframes)
            await Sql.ExecAsync(c, "call market.ensure_partitions(@m, 'CL', '2024-02-01', '2024-04-01')", ("m", (int)m));

        await Sql.ExecAsync(c, "call market.add_indicator_column('macd_hist', 'double precision')");

        var missing = await Sql.ListAsync<string>(c, """
            select p.relid::regclass::text
            from market.timeframes t
            cross join lateral pg_partition_tree(format('market.%I', format('ohlcv_%sm', t.minutes))::regclass) p
            where not exists (select from pg_attribute a where a.attrelid = p.relid and a.attname = 'macd_hist'
                                and not a.attisdropped and a.atttypid = 'double precision'::regtype)
            """);
        Assert.Empty(missing);
        Assert.True(await Sql.ScalarAsync<long>(c, """
            select count(*) from market.timeframes t cross join lateral pg_partition_tree(format('market.%I', format('ohlcv_%sm', t.minutes))::regclass) p
            """) >= timeframes.Count * 4);
        Assert.Equal("double precision", await Sql.ScalarAsync<string>(c,
            "select data_type from market.indicator_columns where column_name = 'macd_hist'"));

        // a timeframe added afterwards gets it from the registry, in the same column order
        await Sql.ExecAsync(c, "call market.add_timeframe(30)");
        Assert.Equal(await MarketSql.ColumnsAsync(c, "ohlcv_60m"), await MarketSql.ColumnsAsync(c, "ohlcv_30m"));

        // and the inverse removes it everywhere
        await Sql.ExecAsync(c, "call market.drop_indicator_column('macd_hist')");
        Assert.Equal(0L, await Sql.ScalarAsync<long>(c, """
            select count(*) from pg_attribute a join pg_class r on r.oid = a.attrelid join pg_namespace n on n.oid = r.relnamespace
            where n.nspname = 'market' and a.attname = 'macd_hist' and not a.attisdropped
            """));
    }

    [Theory]
    [InlineData("x; drop table market.symbols", "double precision")]
    [InlineData("Upper", "double precision")]
    [InlineData("close", "double precision")]
    [InlineData("good_name", "double precision); drop table market.symbols; --")]
    [InlineData("good_name", "no_such_type")]
    public async Task Add_indicator_column_rejects_bad_names_and_types(string name, string type)
    {
        await using var c = await OpenAsync();
        var e = await Assert.ThrowsAsync<PostgresException>(() =>
            Sql.ExecAsync(c, "call market.add_indicator_column(@n, @t)", ("n", name), ("t", type)));
        Assert.Contains(e.SqlState, new[] { PostgresErrorCodes.InvalidParameterValue, PostgresErrorCodes.CheckViolation });
        Assert.NotNull(await Sql.ScalarAsync<string>(c, "select to_regclass('market.symbols')::text"));
        Assert.False(await Sql.ScalarAsync<bool>(c, "select exists (select from market.indicator_columns where column_name = @n)", ("n", name)));
    }
}
