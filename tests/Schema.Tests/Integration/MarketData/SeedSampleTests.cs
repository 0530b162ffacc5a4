using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.MarketData;

/// <summary>`schema seed` reference data (idempotent) and `schema seed --sample` through the bulk path, then `schema indicators`.</summary>
public sealed class SeedSampleTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>
{
    private string[] Args(params string[] command) =>
        [.. command, "-c", db.ConnectionString, "--migrations", TestServer.MigrationsDirectory, "--seeds", Path.Combine(TestServer.RepositoryRoot, "seeds")];

    private Task<string> ReferenceDataAsync() => db.ScalarAsync<string>("""
        select format('symbols %s; sessions %s (%s holidays, %s half days); exchanges %s; config %s',
               (select string_agg(symbol || '/' || exchange || '/' || tick_size || '/' || session_start_time || '-' || session_end_time || '/' || timezone, ' ' order by symbol) from market.symbols),
               (select count(*) from market.trading_sessions), (select count(*) filter (where is_holiday) from market.trading_sessions),
               (select count(*) filter (where is_half_day) from market.trading_sessions),
               (select string_agg(distinct exchange, ',') from market.trading_sessions),
               (select string_agg(key || '=' || value::text, ',' order by key) from trading.system_config))
        """);

    private Task<string> SampleChecksumAsync() => db.ScalarAsync<string>("""
        select format('%s rows %s', count(*), md5(string_agg(format('%s %s %s %s %s %s %s', symbol, "timestamp", open, high, low, close, volume), ',' order by symbol, "timestamp")))
        from market.ohlcv_1m
        """);

    [Fact]
    public async Task Seeding_twice_duplicates_nothing()
    {
        var first = await CliRunner.RunAsync(Args("seed"));
        Assert.True(first.ExitCode == 0, first.Stderr);
        var reference = await ReferenceDataAsync();
        Assert.Equal("symbols CL/NYMEX/0.01/17:00-16:00/America/Chicago ES/CME/0.25/17:00-16:00/America/Chicago NQ/CME/0.25/17:00-16:00/America/Chicago; "
                     + "sessions 522 (8 holidays, 4 half days); exchanges CME,NYMEX; config max_position_size={\"pct\": 0.15}", reference);

        var second = await CliRunner.RunAsync(Args("seed"));
        Assert.True(second.ExitCode == 0, second.Stderr);
        Assert.Equal(reference, await ReferenceDataAsync());
        // the calendar follows daylight saving: 17:00 Chicago is 23:00 UTC in winter, 22:00 in summer
        Assert.Equal("2026-01-04 23:00:00+00 2026-01-05 22:00:00+00 1380, 2026-07-05 22:00:00+00 2026-07-06 21:00:00+00 1380",
            await db.ScalarAsync<string>("""
                select string_agg(format('%s %s %s', to_char(session_start at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS+00'),
                       to_char(session_end at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS+00'), total_minutes), ', ' order by session_date)
                from market.trading_sessions where exchange = 'CME' and session_date in ('2026-01-05', '2026-07-06')
                """));
    }

    [Fact]
    public async Task A_sample_then_indicators_works_in_one_go_and_is_deterministic()
    {
        var seeded = await CliRunner.RunAsync(Args("seed", "--sample", "--days", "2"));
        Assert.True(seeded.ExitCode == 0, seeded.Stderr);
        foreach (var symbol in new[] { "CL", "ES", "NQ" }) Assert.Contains($"sample: {symbol} ", seeded.Stdout);
        var checksum = await SampleChecksumAsync();
        var sessions = await db.ScalarAsync<long>("""
            select count(*) from market.symbols y cross join lateral (select from market.trading_sessions t where t.exchange = y.exchange
              and not t.is_holiday and t.session_end <= now() order by t.session_date desc limit 2) s
            """);
        Assert.Equal(6, sessions);
        // every minute of every sampled session, every timeframe filled, indicators computed
        var bars = await db.ScalarAsync<long>("select count(*) from market.ohlcv_1m");
        Assert.True(bars >= 6 * 1000, $"only {bars} bars");
        foreach (var minutes in await Sql.ListAsync<short>(db.DataSource, "select minutes from market.timeframes"))
            Assert.Equal(bars, await db.ScalarAsync<long>($"select count(*) from market.ohlcv_{minutes}m")); // minutes: smallint from the catalog
        Assert.True(await db.ScalarAsync<long>("select count(*) from market.ohlcv_60m where rsi_14 is not null and atr_14 is not null") > 0);
        Assert.True(await db.ScalarAsync<long>("select count(*) from market.session_gaps") > 0);

        var again = await CliRunner.RunAsync(Args("seed", "--sample", "--days", "2"));
        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Equal(checksum, await SampleChecksumAsync());
        Assert.Contains("sample: ES indicators: 0 row(s) updated", again.Stdout);

        var indicators = await CliRunner.RunAsync(Args("indicators", "--symbol", "ES", "--timeframe", "60", "--max-wait", "0"));
        Assert.True(indicators.ExitCode == 0, indicators.Stderr);
        Assert.Contains("ES 60m: ", indicators.Stdout);
        Assert.Contains(" 0 changed, 0 updated", indicators.Stdout);
    }

    [Fact]
    public async Task Days_without_sample_or_out_of_range_is_a_usage_error()
    {
        var orphan = await CliRunner.RunAsync(Args("seed", "--days", "3"));
        Assert.Equal((2, "error: --days needs --sample"), (orphan.ExitCode, orphan.Stderr.Trim()));
        var zero = await CliRunner.RunAsync(Args("seed", "--sample", "--days", "0"));
        Assert.Equal((2, "error: --days must be between 1 and 260"), (zero.ExitCode, zero.Stderr.Trim()));
    }
}
