using Npgsql;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Manager;

/// <summary>The manager schema (seed 002, 0300–0304): updated_at trigger, watchlist uniqueness, enums, boolean
/// is_active, the seed's indexes, the candles hypertable and its retention registration.</summary>
public sealed class ManagerSchemaTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task Updated_at_of_a_user_is_set_by_the_trigger_on_update()
    {
        await db.ResetAsync();
        var id = await db.ScalarAsync<Guid>("""
            insert into manager.users (username, email, password_hash, created_at, updated_at)
            values ('ana', 'ana@example.com', '$argon2id$x', '2000-01-01Z', '2000-01-01Z')
            returning id
            """);
        Assert.True(await db.ScalarAsync<bool>(
            "update manager.users set last_login = now() where id = @id returning updated_at = now()", ("id", id)));
        Assert.True(await db.ScalarAsync<bool>(
            "update manager.users set updated_at = '2001-01-01Z' where id = @id returning updated_at = now()", ("id", id)));
        Assert.Equal(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            await db.ScalarAsync<DateTime>("select created_at from manager.users where id = @id", ("id", id)));
        Assert.Equal(4L, await db.ScalarAsync<long>(
            "select count(*) from pg_trigger where tgrelid::regclass::text like 'manager.%' and tgfoid = 'platform.set_updated_at()'::regprocedure"));
    }

    [Fact]
    public async Task An_asset_appears_at_most_once_in_a_watchlist()
    {
        await db.ResetAsync();
        var (watchlist, asset) = await WatchlistAndAssetAsync();
        await db.ExecAsync("insert into manager.watchlist_items (watchlist_id, asset_id, position) values (@w, @a, 1)", ("w", watchlist), ("a", asset));

        var e = await Assert.ThrowsAsync<PostgresException>(() =>
            db.ExecAsync("insert into manager.watchlist_items (watchlist_id, asset_id, position) values (@w, @a, 2)", ("w", watchlist), ("a", asset)));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, e.SqlState);
        Assert.Equal("watchlist_items_watchlist_id_asset_id_key", e.ConstraintName);

        // the same asset in another watchlist is fine; items go with their watchlist
        var other = await db.ScalarAsync<Guid>(
            "insert into manager.watchlists (user_id, name) select user_id, 'other' from manager.watchlists where id = @w returning id", ("w", watchlist));
        await db.ExecAsync("insert into manager.watchlist_items (watchlist_id, asset_id) values (@w, @a)", ("w", other), ("a", asset));
        await db.ExecAsync("delete from manager.watchlists where id = @w", ("w", watchlist));
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from manager.watchlist_items"));
    }

    [Fact]
    public async Task Watchlist_items_reference_existing_watchlists_and_assets()
    {
        await db.ResetAsync();
        var (watchlist, _) = await WatchlistAndAssetAsync();
        var e = await Assert.ThrowsAsync<PostgresException>(() =>
            db.ExecAsync("insert into manager.watchlist_items (watchlist_id, asset_id) values (@w, gen_random_uuid())", ("w", watchlist)));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, e.SqlState);
        Assert.Equal("watchlist_items_asset_id_fkey", e.ConstraintName);
    }

    [Theory]
    [InlineData("insert into manager.assets (symbol, name, asset_type) values ('X', 'x', 'bond')", "asset_type")]
    [InlineData("insert into manager.assets (symbol, name, asset_type) values ('X', 'x', 'Stock')", "asset_type")]
    [InlineData("select '2h'::manager.candle_interval", "candle_interval")]
    [InlineData("select 'vwap'::manager.indicator_type", "indicator_type")]
    [InlineData("select 'STRONG_BUY'::manager.signal_type", "signal_type")]
    public async Task Enum_types_reject_values_outside_the_seeds_vocabulary(string sql, string type)
    {
        var e = await Assert.ThrowsAsync<PostgresException>(() => db.ExecAsync(sql));
        Assert.Equal(PostgresErrorCodes.InvalidTextRepresentation, e.SqlState);
        Assert.Contains(type, e.MessageText);
    }

    [Fact]
    public async Task Candle_intervals_1m_and_1M_are_different_labels()
    {
        Assert.Equal(["1m", "5m", "15m", "30m", "1h", "4h", "1d", "1w", "1M"],
            await ListAsync("select unnest(enum_range(null::manager.candle_interval))::text"));
    }

    [Fact]
    public async Task Signals_is_active_is_boolean_and_the_seeds_string_comparison_still_works()
    {
        await db.ResetAsync();
        var (_, asset) = await WatchlistAndAssetAsync();
        await db.ExecAsync("""
            insert into manager.signals (asset_id, ts, signal_type, strength, confidence, is_active)
            values (@a, now(), 'buy', 0.8, 0.7, true), (@a, now() - interval '1 day', 'sell', 0.4, 0.5, false)
            """, ("a", asset));
        Assert.Equal("boolean", await db.ScalarAsync<string>(
            "select data_type::text from information_schema.columns where table_schema = 'manager' and table_name = 'signals' and column_name = 'is_active'"));
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from manager.signals s where s.is_active = 'true'"));
        var e = await Assert.ThrowsAsync<PostgresException>(() => db.ExecAsync(
            "insert into manager.signals (asset_id, ts, signal_type, is_active) values (@a, now(), 'hold', 'maybe')", ("a", asset)));
        Assert.Equal(PostgresErrorCodes.InvalidTextRepresentation, e.SqlState);
    }

    [Fact]
    public async Task The_seeds_indexes_exist()
    {
        var defs = await ListAsync("select indexdef from pg_indexes where schemaname = 'manager' order by indexname");
        string[] expected =
        [
            "CREATE UNIQUE INDEX candles_asset_id_ts_interval_key ON manager.candles USING btree (asset_id, ts, \"interval\")",
            "CREATE INDEX candles_ts_asset_id_idx ON manager.candles USING btree (ts, asset_id)",
            "CREATE INDEX indicators_asset_id_indicator_type_ts_idx ON manager.indicators USING btree (asset_id, indicator_type, ts)",
            "CREATE INDEX indicators_asset_id_name_ts_idx ON manager.indicators USING btree (asset_id, name, ts)",
            "CREATE INDEX signals_asset_id_signal_type_ts_idx ON manager.signals USING btree (asset_id, signal_type, ts)",
            "CREATE INDEX signals_asset_id_ts_idx ON manager.signals USING btree (asset_id, ts)",
            "CREATE INDEX signals_is_active_ts_idx ON manager.signals USING btree (is_active, ts)",
            "CREATE UNIQUE INDEX watchlist_items_watchlist_id_asset_id_key ON manager.watchlist_items USING btree (watchlist_id, asset_id)",
        ];
        foreach (var def in expected) Assert.Contains(def, defs);
    }

    [Fact]
    public async Task Candles_is_a_hypertable_with_7_day_chunks_and_every_unique_key_contains_ts()
    {
        Assert.Equal(TimeSpan.FromDays(7), await db.ScalarAsync<TimeSpan>("""
            select time_interval from timescaledb_information.dimensions
            where hypertable_schema = 'manager' and hypertable_name = 'candles' and column_name = 'ts'
            """));
        Assert.Equal(["candles_asset_id_ts_interval_key (asset_id, ts, interval)", "candles_pkey (id, ts)"], await UniqueKeysAsync("manager.candles"));
        // create_default_indexes => false: no TimescaleDB candles_ts_idx beside the seed's (ts, asset_id)
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from pg_indexes where schemaname = 'manager' and indexname = 'candles_ts_idx'"));
    }

    [Fact]
    public async Task A_candle_is_unique_per_asset_time_and_interval_across_chunks()
    {
        await db.ResetAsync();
        var (_, asset) = await WatchlistAndAssetAsync();
        // two weeks of daily and hourly candles: several 7-day chunks
        await db.ExecAsync("""
            insert into manager.candles (asset_id, ts, "interval", open, high, low, close, volume)
            select @a, ts, i::manager.candle_interval, 100, 101, 99, 100.5, 1000
            from generate_series(timestamptz '2025-01-01Z', timestamptz '2025-01-15Z', interval '1 hour') ts,
                 unnest(array['1h', '1d']) i
            where i = '1h' or extract(hour from ts at time zone 'UTC') = 0
            """, ("a", asset));
        Assert.True(await db.ScalarAsync<long>("select count(*) from show_chunks('manager.candles')") >= 2);

        var e = await Assert.ThrowsAsync<PostgresException>(() => db.ExecAsync("""
            insert into manager.candles (asset_id, ts, "interval", open, high, low, close, volume)
            values (@a, '2025-01-08Z', '1d', 1, 1, 1, 1, 1)
            """, ("a", asset)));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, e.SqlState);

        // idempotent reload, as the unique key allows
        Assert.Equal(0, await db.ExecAsync("""
            insert into manager.candles (asset_id, ts, "interval", open, high, low, close, volume)
            values (@a, '2025-01-08Z', '1d', 1, 1, 1, 1, 1)
            on conflict (asset_id, ts, "interval") do nothing
            """, ("a", asset)));
        // the seed's "latest candles of an asset" query reads the interval column unquoted
        Assert.Equal(15L, await db.ScalarAsync<long>(
            "select count(*) from (select ts from manager.candles where asset_id = @a and interval = '1d' order by ts desc limit 30) c", ("a", asset)));
    }

    [Fact]
    public async Task Candles_retention_of_one_year_is_registered_for_both_editions()
    {
        Assert.True(await db.ScalarAsync<bool>(
            "select drop_after = interval '1 year' and source = 'seed 002' from platform.retention_policies where schema_name = 'manager' and table_name = 'candles'"));
    }

    [Fact]
    public async Task Apply_retention_drops_the_candle_chunks_older_than_a_year_and_keeps_the_rest()
    {
        await db.ResetAsync();
        var (_, asset) = await WatchlistAndAssetAsync();
        await db.ExecAsync("""
            insert into manager.candles (asset_id, ts, "interval", open, high, low, close, volume)
            select @a, now() - d * interval '1 day', '1d', 1, 1, 1, 1, 1
            from generate_series(0, 800, 10) d
            """, ("a", asset));
        await db.ExecAsync("call platform.apply_retention()");
        Assert.Equal(0L, await db.ScalarAsync<long>("select count(*) from manager.candles where ts < now() - interval '1 year' - interval '7 days'"));
        Assert.Equal(37L, await db.ScalarAsync<long>("select count(*) from manager.candles where ts >= now() - interval '1 year'")); // d = 0 … 360
    }

    private async Task<(Guid Watchlist, Guid Asset)> WatchlistAndAssetAsync()
    {
        var user = await db.ScalarAsync<Guid>(
            "insert into manager.users (username, email, password_hash) values ('u' || gen_random_uuid(), gen_random_uuid() || '@example.com', 'h') returning id");
        var watchlist = await db.ScalarAsync<Guid>(
            "insert into manager.watchlists (user_id, name, is_default) values (@u, 'Tech', true) returning id", ("u", user));
        var asset = await db.ScalarAsync<Guid>(
            "insert into manager.assets (symbol, name, asset_type, exchange) values ('S' || left(gen_random_uuid()::text, 8), 'Some Co', 'stock', 'NASDAQ') returning id");
        return (watchlist, asset);
    }

    private async Task<List<string>> UniqueKeysAsync(string table)
    {
        await using var cmd = db.DataSource.CreateCommand("""
            select i.relname || ' (' || string_agg(a.attname, ', ' order by k.ord) || ')'
            from pg_index x join pg_class i on i.oid = x.indexrelid
            cross join lateral unnest(x.indkey) with ordinality k(attnum, ord)
            join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum
            where x.indrelid = @t::regclass and x.indisunique
            group by i.relname order by 1
            """);
        cmd.Parameters.AddWithValue("t", table);
        var rows = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) rows.Add(r.GetString(0));
        return rows;
    }

    private async Task<List<string>> ListAsync(string sql)
    {
        await using var cmd = db.DataSource.CreateCommand(sql);
        var rows = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) rows.Add(r.GetString(0));
        return rows;
    }
}
