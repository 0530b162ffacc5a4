using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Manager;

/// <summary>0303 (Community edition only): candles compression segmented by asset_id, ordered by ts desc, and a
/// policy compressing chunks older than 30 days. Skipped on the Apache edition, where the script is deferred.</summary>
public sealed class CandlesCompressionTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task Candles_compression_is_segmented_by_asset_and_ordered_by_time_descending()
    {
        db.RequireCommunityEdition();
        // timescaledb_information.compression_settings: one row per segmentby/orderby column (2.19 and 2.29)
        Assert.Equal(1, await db.ScalarAsync<short>("""
            select segmentby_column_index from timescaledb_information.compression_settings
            where hypertable_schema = 'manager' and hypertable_name = 'candles' and attname = 'asset_id'
            """));
        Assert.True(await db.ScalarAsync<bool>("""
            select orderby_column_index = 1 and not orderby_asc from timescaledb_information.compression_settings
            where hypertable_schema = 'manager' and hypertable_name = 'candles' and attname = 'ts'
            """));
        Assert.Equal(2L, await db.ScalarAsync<long>("""
            select count(*) from timescaledb_information.compression_settings
            where hypertable_schema = 'manager' and hypertable_name = 'candles'
              and (segmentby_column_index is not null or orderby_column_index is not null)
            """));
    }

    [Fact]
    public async Task Candles_have_one_compression_policy_after_30_days()
    {
        db.RequireCommunityEdition();
        Assert.Equal(1L, await db.ScalarAsync<long>("""
            select count(*) from timescaledb_information.jobs
            where proc_name = 'policy_compression' and hypertable_schema = 'manager' and hypertable_name = 'candles'
            """));
        Assert.True(await db.ScalarAsync<bool>("""
            select (config ->> 'compress_after')::interval = interval '30 days' from timescaledb_information.jobs
            where proc_name = 'policy_compression' and hypertable_schema = 'manager' and hypertable_name = 'candles'
            """));
    }

    [Fact]
    public async Task A_compressed_candle_chunk_still_answers_and_rejects_duplicates()
    {
        db.RequireCommunityEdition();
        await db.ResetAsync();
        var asset = await db.ScalarAsync<Guid>(
            "insert into manager.assets (symbol, name, asset_type) values ('CMP', 'Compressed Co', 'stock') returning id");
        await db.ExecAsync("""
            insert into manager.candles (asset_id, ts, "interval", open, high, low, close, volume)
            select @a, ts, '1h', 100, 101, 99, 100.5, 1000
            from generate_series(timestamptz '2025-01-06Z', timestamptz '2025-01-12Z', interval '1 hour') ts
            """, ("a", asset));
        await db.ExecAsync("select compress_chunk(c) from show_chunks('manager.candles') c");
        Assert.True(await db.ScalarAsync<bool>("select bool_and(is_compressed) from timescaledb_information.chunks where hypertable_schema = 'manager' and hypertable_name = 'candles'"));
        Assert.Equal(145L, await db.ScalarAsync<long>("select count(*) from manager.candles where asset_id = @a", ("a", asset)));
        var e = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => db.ExecAsync("""
            insert into manager.candles (asset_id, ts, "interval", open, high, low, close, volume)
            values (@a, '2025-01-08Z', '1h', 1, 1, 1, 1, 1)
            """, ("a", asset)));
        Assert.Equal(Npgsql.PostgresErrorCodes.UniqueViolation, e.SqlState);
    }
}
