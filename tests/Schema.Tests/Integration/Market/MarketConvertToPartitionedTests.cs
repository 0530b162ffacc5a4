using Npgsql;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Market;

/// <summary>market.convert_to_partitioned: a plain OHLCV table (as Prisma creates it in seed 000) becomes the partitioned layout, rows intact.</summary>
public sealed class MarketConvertToPartitionedTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private const string Columns = "\"timestamp\", symbol, minute_index, open, high, low, close, volume, trade_count, vwap, rsi_14, atr_14, cvd, minutes_into_session, window_minutes, window_spans_sessions, is_regular_session, has_gap_from_prior_session";

    // what Prisma's migration makes of seed 000's model (plus its two indexes, one of them redundant)
    private const string PlainTable = """
        create table market.ohlcv_{0}m (
            "timestamp" timestamptz not null, symbol varchar(20) not null, minute_index smallint not null,
            open double precision not null, high double precision not null, low double precision not null,
            close double precision not null, volume double precision not null,
            trade_count integer, vwap double precision,
            rsi_14 double precision, atr_14 double precision, cvd double precision,
            minutes_into_session smallint, window_minutes smallint not null default {0},
            window_spans_sessions boolean not null default false, is_regular_session boolean not null default true,
            has_gap_from_prior_session boolean not null default false,
            constraint ohlcv_{0}m_pkey primary key (symbol, "timestamp"));
        create index idx_ohlcv_{0}m_lookup on market.ohlcv_{0}m (symbol, minute_index, "timestamp");
        create index idx_ohlcv_{0}m_symbol_time on market.ohlcv_{0}m (symbol, "timestamp");
        """;

    private async Task<NpgsqlConnection> OpenAsync() => await db.DataSource.OpenConnectionAsync();

    private static async Task CreatePlainAsync(NpgsqlConnection c, int minutes)
    {
        // the timeframe number is a constant of the test, not a value from outside
        await Sql.ExecAsync(c, string.Format(PlainTable, minutes));
        await Sql.ExecAsync(c, $"""
            insert into market.ohlcv_{minutes}m (
                "timestamp", symbol, minute_index, open, high, low, close, volume, trade_count, vwap, rsi_14, atr_14, cvd, minutes_into_session, is_regular_session)
            select t, s, ((extract(epoch from t)::bigint / 60) % @m)::smallint,
                   100 + g % 7, 101 + g % 7, 99 + g % 7, 100.5 + g % 7, g % 1000, (g % 50)::int,
                   case when g % 3 = 0 then null else 100.25 end,
                   case when g % 2 = 0 then g / 1000.0 end, null, g * 1.5, (g % 400)::smallint, g % 5 <> 0
            from unnest(@symbols) as s,
                 generate_series(@from, @to, interval '7 minutes') with ordinality as x(t, g)
            """,
            ("m", minutes), ("symbols", new[] { "ES", "NQ" }),
            ("from", new DateTime(2024, 1, 29, 0, 0, 0, DateTimeKind.Utc)), ("to", new DateTime(2024, 4, 2, 0, 0, 0, DateTimeKind.Utc)));
    }

    private static Task<string> FingerprintAsync(NpgsqlConnection c, string table) =>
        Sql.ScalarAsync<string>(c, $"select md5(string_agg(format('%s', r), E'\\n' order by r.symbol, r.\"timestamp\")) from (select {Columns} from {table}) r");

    [Fact]
    public async Task Converting_a_plain_table_keeps_every_row_and_builds_the_partitioned_layout()
    {
        await using var c = await OpenAsync();
        await CreatePlainAsync(c, 240);
        var count = await Sql.ScalarAsync<long>(c, "select count(*) from market.ohlcv_240m");
        var fingerprint = await FingerprintAsync(c, "market.ohlcv_240m");
        Assert.True(count > 20_000);

        Assert.Equal(count, await Sql.ScalarAsync<long>(c, "call market.convert_to_partitioned('market.ohlcv_240m', 240)"));

        Assert.Equal(count, await Sql.ScalarAsync<long>(c, "select count(*) from market.ohlcv_240m"));
        Assert.Equal(fingerprint, await FingerprintAsync(c, "market.ohlcv_240m"));
        Assert.Equal("p", await Sql.ScalarAsync<string>(c, "select relkind::text from pg_class where oid = 'market.ohlcv_240m'::regclass"));
        Assert.True(await Sql.ScalarAsync<bool>(c, "select exists (select from market.timeframes where minutes = 240)"));
        // partitions for exactly the (symbol, month) pairs present: Jan..Apr 2024 for ES and NQ
        var leaves = await MarketSql.LeavesAsync(c, "market.ohlcv_240m");
        Assert.Equal(new[] { "es", "nq" }.SelectMany(s => new[] { 1, 2, 3, 4 }.Select(m => $"market.ohlcv_240m_{s}_2024_{m:00}")), leaves);
        foreach (var leaf in leaves)
        {
            var options = await Sql.ScalarAsync<string[]>(c, "select reloptions from pg_class where oid = @l::regclass", ("l", leaf));
            Assert.All(MarketSql.LeafOptions, o => Assert.Contains(o, options));
            Assert.All(MarketSql.UnreachableAutovacuumOptions, o => Assert.DoesNotContain(o, options));
            Assert.True(await Sql.ScalarAsync<long>(c, $"select count(*) from {leaf}") > 0); // leaf names come from the catalog
        }
        // the plain table is gone, and with it its redundant (symbol, timestamp) index
        Assert.Equal(0L, await Sql.ScalarAsync<long>(c,
            "select count(*) from pg_class where relnamespace = 'market'::regnamespace and (relname like '%unpartitioned%' or relname = 'idx_ohlcv_240m_symbol_time')"));
        // same shape as a generated table
        Assert.Equal(await MarketSql.ColumnsAsync(c, "ohlcv_60m"), await MarketSql.ColumnsAsync(c, "ohlcv_240m"));
    }

    [Fact]
    public async Task A_failing_conversion_leaves_the_plain_table_untouched()
    {
        await using var c = await OpenAsync();
        await CreatePlainAsync(c, 120);
        await Sql.ExecAsync(c, "update market.ohlcv_120m set symbol = 'nq' where symbol = 'NQ' and \"timestamp\" < @t",
            ("t", new DateTime(2024, 2, 1, 0, 0, 0, DateTimeKind.Utc)));
        var fingerprint = await FingerprintAsync(c, "market.ohlcv_120m");

        var e = await Assert.ThrowsAsync<PostgresException>(() =>
            Sql.ExecAsync(c, "call market.convert_to_partitioned('market.ohlcv_120m', 120)"));
        Assert.Equal(PostgresErrorCodes.InvalidParameterValue, e.SqlState);

        Assert.Equal("r", await Sql.ScalarAsync<string>(c, "select relkind::text from pg_class where oid = 'market.ohlcv_120m'::regclass"));
        Assert.Equal(fingerprint, await FingerprintAsync(c, "market.ohlcv_120m"));
        Assert.False(await Sql.ScalarAsync<bool>(c, "select exists (select from market.timeframes where minutes = 120)"));
    }

    [Fact]
    public async Task Rows_of_an_import_table_move_into_an_existing_timeframe_table()
    {
        await using var c = await OpenAsync();
        await Sql.ExecAsync(c, $"create table public.import_60m as select {Columns} from market.ohlcv_60m with no data");
        await Sql.ExecAsync(c, $"""
            insert into public.import_60m ({Columns})
            select t, 'CL', ((extract(epoch from t)::bigint / 60) % 60)::smallint, 70, 71, 69, 70.5, 10, 1, 70.2, null, null, null, null, 60, false, true, false
            from generate_series(@from, @to, interval '1 minute') t
            """, ("from", new DateTime(2024, 6, 30, 23, 0, 0, DateTimeKind.Utc)), ("to", new DateTime(2024, 7, 1, 1, 0, 0, DateTimeKind.Utc)));
        var fingerprint = await FingerprintAsync(c, "public.import_60m");

        Assert.Equal(121L, await Sql.ScalarAsync<long>(c, "call market.convert_to_partitioned('public.import_60m', 60)"));
        Assert.Equal(fingerprint, await FingerprintAsync(c, "market.ohlcv_60m"));
        Assert.Null(await Sql.ScalarAsync<string?>(c, "select to_regclass('public.import_60m')::text"));
        Assert.Equal(["market.ohlcv_60m_cl_2024_06", "market.ohlcv_60m_cl_2024_07"], await MarketSql.LeavesAsync(c, "market.ohlcv_60m"));
    }
}
