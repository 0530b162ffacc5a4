using Npgsql;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Trading;

/// <summary>The trading schema (seed 001, 0200–0203): updated_at triggers, database-generated ids, enum types, the
/// seed's indexes without the redundant ones, timestamptz everywhere, comments.</summary>
public sealed class TradingSchemaTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task Updated_at_is_set_by_the_trigger_on_every_update_of_an_order()
    {
        await db.ResetAsync();
        // updated_at far in the past, so the checks cannot pass by timing luck
        var id = await db.ScalarAsync<string>("""
            insert into trading.orders (symbol, qty, side, type, time_in_force, status, created_at, updated_at)
            values ('AAPL', 10, 'buy', 'market', 'day', 'new', '2000-01-01Z', '2000-01-01Z')
            returning id
            """);

        // returning shows the row as stored, after the before-update trigger: updated_at is the update's transaction time
        Assert.True(await db.ScalarAsync<bool>(
            "update trading.orders set status = 'filled', filled_qty = 10 where id = @id returning updated_at = now()", ("id", id)));
        Assert.Equal(new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            await db.ScalarAsync<DateTime>("select created_at from trading.orders where id = @id", ("id", id)));

        // a writer that sets updated_at itself does not win over the trigger
        Assert.True(await db.ScalarAsync<bool>(
            "update trading.orders set updated_at = '2001-01-01Z' where id = @id returning updated_at = now()", ("id", id)));
    }

    [Fact]
    public async Task Every_table_with_updated_at_has_the_set_updated_at_trigger()
    {
        var missing = await ListAsync("""
            select format('%I.%I', c.table_schema, c.table_name)
            from information_schema.columns c
            join information_schema.tables t using (table_schema, table_name)
            where c.table_schema in ('trading', 'manager', 'workspace') and c.column_name = 'updated_at' and t.table_type = 'BASE TABLE'
              and not exists (select from pg_trigger g
                              where g.tgrelid = format('%I.%I', c.table_schema, c.table_name)::regclass
                                and g.tgfoid = 'platform.set_updated_at()'::regprocedure and not g.tgisinternal
                                and g.tgtype & 2 = 2   -- before
                                and g.tgtype & 16 = 16 -- update
                                and g.tgtype & 1 = 1)  -- for each row
            order by 1
            """);
        Assert.Empty(missing);
        Assert.Equal(4, await db.ScalarAsync<long>("""
            select count(*) from pg_trigger where tgrelid::regclass::text like 'trading.%' and tgfoid = 'platform.set_updated_at()'::regprocedure
            """)); // orders, positions, managed_positions, system_config
    }

    [Fact]
    public async Task Ids_default_in_the_database_so_raw_sql_inserts_work()
    {
        await db.ResetAsync();
        var id = await db.ScalarAsync<string>("""
            insert into trading.decisions (symbol, action, strategy, reasoning) values ('SPY', 'BUY', 'momentum', 'RSI 45') returning id
            """);
        Assert.True(Guid.TryParse(id, out _), id);
        // a client-generated cuid still fits
        await db.ExecAsync("insert into trading.activity_log (id, type, message) values (@id, 'TRADE', 'created')", ("id", "clx2k9f0a0000qz8h3b1c2d3e"));
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from trading.activity_log"));
    }

    [Theory]
    [InlineData("insert into trading.orders (symbol, qty, side, type, time_in_force, status) values ('AAPL', 1, 'hold', 'market', 'day', 'new')", "trading.order_side")]
    [InlineData("insert into trading.orders (symbol, qty, side, type, time_in_force, status) values ('AAPL', 1, 'buy', 'market', 'day', 'open')", "trading.order_status")]
    [InlineData("insert into trading.decisions (symbol, action, strategy, reasoning) values ('SPY', 'buy', 'm', 'r')", "trading.decision_action")] // labels are case-sensitive: BUY
    [InlineData("insert into trading.activity_log (type, message) values ('DEBUG', 'x')", "trading.activity_type")]
    [InlineData("insert into trading.managed_positions (symbol, qty, entry_price, stop_loss_pct, take_profit_pct, stop_loss_price, take_profit_price, status) values ('A', 1, 1, 0.1, 0.2, 0.9, 1.2, 'open')", "trading.managed_position_status")]
    public async Task Enum_columns_reject_values_outside_the_type(string insert, string type)
    {
        var e = await Assert.ThrowsAsync<PostgresException>(() => db.ExecAsync(insert));
        Assert.Equal(PostgresErrorCodes.InvalidTextRepresentation, e.SqlState);
        Assert.Contains(type.Split('.')[1], e.MessageText);
    }

    [Fact]
    public async Task Indexes_are_the_seeds_minus_the_redundant_ones()
    {
        var actual = await ListAsync("select tablename || ' ' || indexname from pg_indexes where schemaname = 'trading' order by 1");
        string[] expected =
        [
            "activity_log activity_log_created_at_idx", "activity_log activity_log_pkey", "activity_log activity_log_type_idx",
            "bars bars_pkey", "bars bars_symbol_timeframe_timestamp_key", "bars idx_bars_symbol_timestamp",
            "bot_sessions bot_sessions_pkey", "bot_sessions bot_sessions_started_at_idx",
            "decisions decisions_action_idx", "decisions decisions_created_at_idx", "decisions decisions_embedding_hnsw_idx",
            "decisions decisions_pkey", "decisions decisions_strategy_idx", "decisions idx_decisions_symbol_action",
            "managed_positions idx_managed_position_trailing", "managed_positions managed_positions_created_at_idx",
            "managed_positions managed_positions_pkey", "managed_positions managed_positions_status_idx",
            "managed_positions managed_positions_symbol_idx",
            "news_articles news_articles_pkey", "news_articles news_articles_published_at_idx", "news_articles news_articles_source_idx",
            "news_articles news_articles_symbols_idx", "news_articles news_articles_url_key",
            "orders idx_orders_symbol_status", "orders orders_client_order_id_key", "orders orders_created_at_idx", "orders orders_pkey",
            "orders orders_status_idx",
            "positions positions_asset_class_idx", "positions positions_pkey", "positions positions_symbol_key",
            "quotes quotes_pkey", "quotes quotes_symbol_timestamp_idx",
            "snapshots snapshots_pkey", "snapshots snapshots_symbol_idx",
            "stock_analyses stock_analyses_pkey", "stock_analyses stock_analyses_symbol_analyzed_at_idx",
            "system_config system_config_pkey",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), actual.Order(StringComparer.Ordinal));

        // the seed's raw-SQL indexes, by definition
        Assert.Equal("CREATE INDEX idx_orders_symbol_status ON trading.orders USING btree (symbol, status)", await IndexDefAsync("idx_orders_symbol_status"));
        Assert.Equal("CREATE INDEX idx_decisions_symbol_action ON trading.decisions USING btree (symbol, action)", await IndexDefAsync("idx_decisions_symbol_action"));
        Assert.Equal("CREATE INDEX idx_bars_symbol_timestamp ON trading.bars USING btree (symbol, \"timestamp\" DESC)", await IndexDefAsync("idx_bars_symbol_timestamp"));
        Assert.Equal("CREATE INDEX idx_managed_position_trailing ON trading.managed_positions USING btree (trailing_stop) WHERE trailing_stop",
            await IndexDefAsync("idx_managed_position_trailing"));
        Assert.Equal("CREATE INDEX decisions_embedding_hnsw_idx ON trading.decisions USING hnsw (embedding vector_cosine_ops) WITH (m='16', ef_construction='64')",
            await IndexDefAsync("decisions_embedding_hnsw_idx"));
        // array containment needs GIN, not Prisma's btree
        Assert.Equal("CREATE INDEX news_articles_symbols_idx ON trading.news_articles USING gin (symbols)", await IndexDefAsync("news_articles_symbols_idx"));
    }

    [Fact]
    public async Task No_index_in_the_application_schemas_duplicates_or_is_a_plain_prefix_of_another()
    {
        // Two btree indexes on the same table where one's key columns are a leading prefix of the other's (same
        // predicate, the shorter one not unique) make the shorter one redundant: e.g. positions(symbol) next to unique
        // (symbol), bars(symbol, timeframe, timestamp) next to the unique constraint, orders(symbol) next to (symbol, status).
        var redundant = await ListAsync("""
            with i as (
                select x.indexrelid::regclass::text as name, x.indrelid, x.indisunique,
                       string_to_array(x.indkey::text, ' ') as keys, string_to_array(x.indclass::text, ' ') as classes,
                       string_to_array(x.indoption::text, ' ') as options,
                       coalesce(pg_get_expr(x.indpred, x.indrelid), '') as pred, x.indexprs is not null as has_exprs, a.amname
                from pg_index x join pg_class c on c.oid = x.indexrelid join pg_am a on a.oid = c.relam
                join pg_namespace n on n.oid = c.relnamespace
                where n.nspname in ('trading', 'manager', 'workspace')
            )
            select s.name || ' is covered by ' || l.name
            from i s join i l on l.indrelid = s.indrelid and l.name <> s.name
            where s.amname = 'btree' and l.amname = 'btree' and not s.indisunique and not s.has_exprs and not l.has_exprs
              and s.pred = l.pred
              and cardinality(s.keys) <= cardinality(l.keys)
              and s.keys = l.keys[1:cardinality(s.keys)]
              and (s.keys <> l.keys or s.name > l.name or l.indisunique)
              and s.classes = l.classes[1:cardinality(s.keys)]
              and s.options = l.options[1:cardinality(s.keys)]
            order by 1
            """);
        Assert.Empty(redundant);
    }

    [Fact]
    public async Task Every_timestamp_column_of_the_application_schemas_is_timestamptz()
    {
        var withoutTimeZone = await ListAsync("""
            select table_schema || '.' || table_name || '.' || column_name from information_schema.columns
            where table_schema in ('trading', 'manager', 'workspace') and data_type = 'timestamp without time zone'
            order by 1
            """);
        Assert.Empty(withoutTimeZone);
        Assert.Equal("timestamp with time zone", await db.ScalarAsync<string>(
            "select data_type::text from information_schema.columns where table_schema = 'trading' and table_name = 'orders' and column_name = 'created_at'"));
    }

    [Fact]
    public async Task Every_table_of_the_application_schemas_has_a_comment()
    {
        var uncommented = await ListAsync("""
            select format('%I.%I', n.nspname, c.relname) from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname in ('trading', 'manager', 'workspace') and c.relkind in ('r', 'p') and not c.relispartition
              and obj_description(c.oid, 'pg_class') is null
            order by 1
            """);
        Assert.Empty(uncommented);
        Assert.Equal(12L, await db.ScalarAsync<long>("select count(*) from pg_tables where schemaname = 'trading'"));
        Assert.Contains("TradingSession", await db.ScalarAsync<string>("select obj_description('trading.bot_sessions'::regclass, 'pg_class')"));
    }

    [Fact]
    public async Task Trailing_stop_pct_exists_and_the_partial_index_serves_trailing_stop_queries()
    {
        await db.ResetAsync();
        await db.ExecAsync("""
            insert into trading.managed_positions (symbol, qty, entry_price, stop_loss_pct, take_profit_pct, stop_loss_price, take_profit_price,
                                                   status, trailing_stop, trailing_stop_pct)
            select 'S' || g, 1, 100, 0.15, 0.25, 85, 125, 'active', g % 100 = 0, case when g % 100 = 0 then 0.05 end
            from generate_series(1, 5000) g
            """);
        await db.ExecAsync("analyze trading.managed_positions");
        await using var cmd = db.DataSource.CreateCommand("explain select id, trailing_stop_pct from trading.managed_positions where trailing_stop = true");
        var plan = string.Join("\n", await ReadLinesAsync(cmd));
        Assert.Contains("idx_managed_position_trailing", plan);
    }

    private async Task<string> IndexDefAsync(string name) =>
        await db.ScalarAsync<string>("select indexdef from pg_indexes where schemaname = 'trading' and indexname = @n", ("n", name));

    private async Task<List<string>> ListAsync(string sql)
    {
        await using var cmd = db.DataSource.CreateCommand(sql);
        return await ReadLinesAsync(cmd);
    }

    private static async Task<List<string>> ReadLinesAsync(NpgsqlCommand cmd)
    {
        var rows = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) rows.Add(r.GetString(0));
        return rows;
    }
}
