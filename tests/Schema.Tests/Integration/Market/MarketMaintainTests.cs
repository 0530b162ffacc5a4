using System.Text.Json;
using Npgsql;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Market;

/// <summary>
/// Registries owned by the migrations (issue #6 item 13), injective partition names (item 14), market.maintain
/// (issue #7 item 3: idempotent, dry run, native retention) and the vacuum settings of leaves (item 2).
/// </summary>
public sealed class MarketMaintainTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private async Task<NpgsqlConnection> OpenAsync() => await db.DataSource.OpenConnectionAsync();

    private static Task<long> MarketRelationCountAsync(NpgsqlConnection c) =>
        Sql.ScalarAsync<long>(c, "select count(*) from pg_class where relnamespace = 'market'::regnamespace");

    /// <summary>Runs market.maintain (autocommit) and returns its report.</summary>
    private static async Task<JsonElement> MaintainAsync(NpgsqlConnection c, string arguments = "") =>
        JsonDocument.Parse(await Sql.ScalarAsync<string>(c, $"call market.maintain({arguments})")).RootElement.Clone();

    [Theory]
    [InlineData("insert into market.timeframes (minutes) values (240)")]
    [InlineData("update market.timeframes set minutes = 61 where minutes = 60")]
    [InlineData("delete from market.timeframes where minutes = 60")]
    [InlineData("insert into market.indicator_columns (column_name, data_type) values ('macd', 'double precision')")]
    [InlineData("update market.indicator_columns set data_type = 'integer' where column_name = 'rsi_14'")]
    [InlineData("delete from market.indicator_columns where column_name = 'rsi_14'")]
    public async Task Platform_app_cannot_change_the_registries(string statement)
    {
        await using var c = await OpenAsync();
        await using var tx = await c.BeginTransactionAsync(); // rolled back on dispose
        await using (var role = new NpgsqlCommand("set local role platform_app", c, tx)) await role.ExecuteNonQueryAsync();
        // reading stays allowed
        await using (var read = new NpgsqlCommand("select count(*) from market.timeframes, market.indicator_columns", c, tx))
            await read.ExecuteScalarAsync();
        await using var write = new NpgsqlCommand(statement, c, tx);
        var e = await Assert.ThrowsAsync<PostgresException>(() => write.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, e.SqlState);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_symbol_named_like_another_symbols_leaf_gets_its_own_partitions_in_either_order(bool leafFirst)
    {
        await using var c = await OpenAsync();
        var (first, second) = leafFirst ? ("NQ", "NQ_2024_03") : ("NQ_2024_03", "NQ");
        var root = leafFirst ? "ohlcv_13m" : "ohlcv_181m"; // one timeframe per order: no state shared between cases
        var minutes = leafFirst ? 13 : 181;
        Assert.Equal(1 + 3, await Sql.ScalarAsync<int>(c, "call market.ensure_partitions(@m, @s, '2024-02-01', '2024-05-01')",
            ("m", minutes), ("s", first)));
        Assert.Equal(1 + 3, await Sql.ScalarAsync<int>(c, "call market.ensure_partitions(@m, @s, '2024-02-01', '2024-05-01')",
            ("m", minutes), ("s", second)));
        // both idempotent afterwards
        Assert.Equal(0, await Sql.ScalarAsync<int>(c, "call market.ensure_partitions(@m, @s, '2024-02-01', '2024-05-01')", ("m", minutes), ("s", first)));
        Assert.Equal(0, await Sql.ScalarAsync<int>(c, "call market.ensure_partitions(@m, @s, '2024-02-01', '2024-05-01')", ("m", minutes), ("s", second)));

        // rows of both symbols land in their own leaves
        await Sql.ExecAsync(c, $"""
            insert into market.{root} ("timestamp", symbol, minute_index, open, high, low, close, volume)
            values ('2024-03-10 12:00+00', 'NQ', 0, 1, 1, 1, 1, 1), ('2024-03-10 12:00+00', 'NQ_2024_03', 0, 2, 2, 2, 2, 2)
            """);
        var placement = await Sql.ListAsync<string>(c, $"""
            select symbol || ' ' || pg_get_expr(p.relpartbound, p.oid)
            from market.{root} t join pg_inherits i on i.inhrelid = t.tableoid join pg_class p on p.oid = i.inhparent
            order by symbol
            """);
        Assert.Equal(["NQ FOR VALUES IN ('NQ')", "NQ_2024_03 FOR VALUES IN ('NQ_2024_03')"], placement);
        // the readable name goes to whichever came first; the other gets a suffix no symbol can produce
        Assert.Equal(leafFirst ? $"market.{root}_nq_2024_03" : $"market.\"{root}_nq_2024_03#2\"", await Sql.ScalarAsync<string>(c,
            $"select tableoid::regclass::text from market.{root} where symbol = 'NQ'"));
        Assert.Equal(leafFirst ? $"market.\"{root}_nq_2024_03#2\"" : $"market.{root}_nq_2024_03", await Sql.ScalarAsync<string>(c,
            $"select p.oid::regclass::text from pg_class p where p.oid = (select inhparent from pg_inherits where inhrelid = (select tableoid from market.{root} where symbol = 'NQ_2024_03' limit 1))"));
    }

    [Fact]
    public async Task Maintain_creates_partitions_for_active_symbols_once_and_a_dry_run_changes_nothing()
    {
        await using var c = await OpenAsync();
        await Sql.ExecAsync(c, "delete from market.symbols");
        await Sql.ExecAsync(c, """
            insert into market.symbols (symbol, first_available_date, is_active)
            values ('MNT', date_trunc('month', now() at time zone 'UTC')::date - interval '2 months', true),
                   ('OFF', '2020-01-01', false)
            """);
        var timeframes = await Sql.ScalarAsync<long>(c, "select count(*) from market.timeframes");

        var relations = await MarketRelationCountAsync(c);
        var dry = await MaintainAsync(c, "p_dry_run => true, p_months_ahead => 1");
        Assert.Equal(relations, await MarketRelationCountAsync(c));
        var creates = dry.EnumerateArray().Where(e => e.GetProperty("action").GetString() == "create").ToList();
        Assert.Equal(timeframes * 4, creates.Count); // 2 months back, this month, 1 ahead
        Assert.All(creates, e => Assert.Equal("MNT", e.GetProperty("symbol").GetString()));
        Assert.Contains(creates, e => e.GetProperty("sql").EnumerateArray().Any(s => s.GetString()!.StartsWith("alter table market.ohlcv_60m attach partition")));

        var report = await MaintainAsync(c, "p_months_ahead => 1");
        Assert.Equal(timeframes * (1 + 4), report.EnumerateArray()
            .Where(e => e.GetProperty("action").GetString() == "create").Sum(e => e.GetProperty("count").GetInt32()));
        Assert.Equal(4, (await MarketSql.LeavesAsync(c, "market.ohlcv_60m_mnt")).Count);
        Assert.Null(await Sql.ScalarAsync<string?>(c, "select to_regclass('market.ohlcv_60m_off')::text"));

        var after = await MarketRelationCountAsync(c);
        var second = await MaintainAsync(c, "p_months_ahead => 1");
        Assert.DoesNotContain(second.EnumerateArray(), e => e.GetProperty("action").GetString() is "create" or "drop");
        Assert.Equal(after, await MarketRelationCountAsync(c));

        // inside a transaction block it refuses before changing anything
        await using var tx = await c.BeginTransactionAsync();
        await using var call = new NpgsqlCommand("call market.maintain(p_months_ahead => 6)", c, tx);
        var e = await Assert.ThrowsAsync<PostgresException>(() => call.ExecuteNonQueryAsync());
        Assert.Equal("2D000", e.SqlState); // invalid_transaction_termination
    }

    [Fact]
    public async Task Maintain_drops_leaves_older_than_the_timeframes_retention_and_does_not_recreate_them()
    {
        await using var c = await OpenAsync();
        await Sql.ExecAsync(c, "delete from market.symbols");
        await Sql.ExecAsync(c, "insert into market.symbols (symbol) values ('RET')");
        await Sql.ExecAsync(c, "call market.ensure_partitions(5, 'RET', '2020-01-01', '2020-04-01')");
        await Sql.ExecAsync(c, "update market.timeframes set drop_leaves_after = interval '1 year' where minutes = 5");
        try
        {
            var report = await MaintainAsync(c, "p_months_ahead => 0");
            var drops = report.EnumerateArray().Where(e => e.GetProperty("action").GetString() == "drop")
                .Select(e => e.GetProperty("relation").GetString()).ToList();
            Assert.Equal(["market.ohlcv_5m_ret_2020_01", "market.ohlcv_5m_ret_2020_02", "market.ohlcv_5m_ret_2020_03"], drops);
            var leaves = await MarketSql.LeavesAsync(c, "market.ohlcv_5m_ret");
            Assert.Single(leaves); // this month (no first_available_date), nothing older than the retention
            Assert.True(await Sql.ScalarAsync<bool>(c, """
                select bool_and(upper_bound > now() - interval '1 year') from market.leaf_bounds('market.ohlcv_5m')
                """));

            var second = await MaintainAsync(c, "p_months_ahead => 0");
            Assert.DoesNotContain(second.EnumerateArray(), e => e.GetProperty("action").GetString() is "create" or "drop");
        }
        finally
        {
            await Sql.ExecAsync(c, "update market.timeframes set drop_leaves_after = null where minutes = 5");
        }
    }

    [Fact]
    public async Task A_leaf_made_with_the_old_thresholds_gets_the_defaults_back_and_a_backfill_analyzes_its_leaves()
    {
        await using var c = await OpenAsync();
        // a leaf as 0108 made it: autovacuum thresholds of 500,000 rows on a leaf that holds at most 44,640
        await Sql.ExecAsync(c, "call market.ensure_partitions(60, 'VAC', '2024-03-01', '2024-04-01')");
        await Sql.ExecAsync(c, "alter table market.ohlcv_60m_vac_2024_03 set (" + string.Join(", ", MarketSql.UnreachableAutovacuumOptions) + ")");
        await Sql.ExecAsync(c, "call market.ensure_partitions(60, 'VAC', '2024-03-01', '2024-04-01')");
        Assert.Equal(["fillfactor=70"], await Sql.ScalarAsync<string[]>(c,
            "select reloptions from pg_class where oid = 'market.ohlcv_60m_vac_2024_03'::regclass"));

        var rows = await MarketSql.CopyMinutesAsync(c, 60, "VAC", new DateTime(2024, 3, 1, 0, 0, 0, DateTimeKind.Utc),
            new DateTime(2024, 3, 8, 0, 0, 0, DateTimeKind.Utc));
        Assert.True(rows > 7000);
        await MarketSql.CopyStagingAsync(c, 60, "VAC");
        await Sql.ExecAsync(c, "call market.apply_indicator_updates(60, 'staging', array['rsi_14'])");
        await Sql.ExecAsync(c, "select pg_stat_force_next_flush()");
        await Sql.ExecAsync(c, "select pg_stat_clear_snapshot()");
        Assert.True(await Sql.ScalarAsync<bool>(c,
            "select last_analyze is not null from pg_stat_user_tables where relid = 'market.ohlcv_60m_vac_2024_03'::regclass"));
        // and with the default thresholds the rows the backfill changed are enough for autovacuum to visit the leaf
        Assert.True(await Sql.ScalarAsync<bool>(c, """
            select s.n_tup_upd >= coalesce(o.threshold, current_setting('autovacuum_vacuum_threshold')::real)
                                  + coalesce(o.scale, current_setting('autovacuum_vacuum_scale_factor')::real) * c.reltuples
            from pg_stat_user_tables s join pg_class c on c.oid = s.relid,
                 lateral (select max(split_part(x, '=', 2)::real) filter (where x like 'autovacuum_vacuum_threshold=%') as threshold,
                                 max(split_part(x, '=', 2)::real) filter (where x like 'autovacuum_vacuum_scale_factor=%') as scale
                          from unnest(coalesce(c.reloptions, '{}')) x) o
            where s.relid = 'market.ohlcv_60m_vac_2024_03'::regclass
            """));
        await Sql.ExecAsync(c, "drop table staging");
    }
}
