using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Market;

/// <summary>
/// A migrated database whose every timeframe table has the source design's full range for 20 symbols: partitions
/// SC01 .. SC20, each with one leaf per UTC month from 2014-01 to the month after the current one (157 months in
/// 2026-12). Built once per test class with plain `create table … partition of` (fillfactor 70, as
/// market.ensure_partitions makes them), one transaction per timeframe and symbol: this is the layout the bounded DDL
/// is measured on, not the code under test (MarketPartitionScaleTests creates the same range through maintain).
/// </summary>
public sealed class MarketFullRangeDatabase : IAsyncLifetime
{
    public const int Symbols = 20;

    public MigratedDatabase Db { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await Db.InitializeAsync();
        await using var c = await Db.DataSource.OpenConnectionAsync();
        await using var create = Sql.Command(c, """
            do $$
            declare
                v_minutes integer;
                v_symbol  text;
                v_month   date;
            begin
                for v_minutes in select minutes from market.timeframes order by minutes loop
                    for v_symbol in select 'SC' || lpad(i::text, 2, '0') from generate_series(1, 20) i loop
                        execute format('create table market.%I partition of market.%I for values in (%L) partition by range ("timestamp")',
                            format('ohlcv_%sm_%s', v_minutes, lower(v_symbol)), format('ohlcv_%sm', v_minutes), v_symbol);
                        v_month := date '2014-01-01';
                        while v_month <= date_trunc('month', now() at time zone 'UTC') + interval '1 month' loop
                            execute format('create table market.%I partition of market.%I for values from (%L) to (%L) with (fillfactor = 70)',
                                format('ohlcv_%sm_%s_%s', v_minutes, lower(v_symbol), to_char(v_month, 'YYYY_MM')),
                                format('ohlcv_%sm_%s', v_minutes, lower(v_symbol)),
                                to_char(v_month, 'YYYY-MM-DD"T00:00:00+00"'), to_char(v_month + interval '1 month', 'YYYY-MM-DD"T00:00:00+00"'));
                            v_month := v_month + interval '1 month';
                        end loop;
                        commit;  -- about 1,000 locks per symbol and timeframe
                    end loop;
                end loop;
            end
            $$
            """);
        create.CommandTimeout = 0;
        await create.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
