using Schema.Core.Market;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.MarketData;

/// <summary>`schema load ohlcv`: validation (a bad row names its line and loads nothing), COPY, partitions, ANALYZE.</summary>
public sealed class OhlcvLoadTests(MigratedDatabase db) : IClassFixture<MigratedDatabase>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("schema-load-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private const string Header = "timestamp,open,high,low,close,volume,trade_count,vwap";

    private static readonly string[] GoodRows =
    [
        "2024-05-06T14:31:00Z,100,101,99.5,100.5,10,3,100.2",
        "2024-05-06T14:32:00Z,100.5,102,100,101.75,20,4,101.1",
        "2024-05-06T14:33:00Z,101.75,101.75,100.25,100.5,0,,",
        "2024-05-06 14:34:00,100.5,100.5,100,100,5",
    ];

    private string WriteCsv(string name, params string[] lines)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    private async Task RegisterAsync(string symbol) =>
        await db.ExecAsync("insert into market.symbols (symbol, exchange, timezone) values (@s, 'LDX', 'UTC') on conflict do nothing", ("s", symbol));

    private Task<long> CountAsync(string symbol) =>
        db.ScalarAsync<long>("select count(*) from market.ohlcv_1m where symbol = @s", ("s", symbol));

    [Theory]
    [InlineData("2024-05-06T14:35:00Z,100,101,99", "expected 6 to 8 fields")]
    [InlineData("2024-05-06T14:35:00Z,100,abc,99,100,5", "high 'abc' is not a number")]
    [InlineData("yesterday,100,101,99,100,5", "not an ISO-8601 date and time")]
    [InlineData("2024-05-06T14:33:00Z,100,101,99,100,5", "out of order")]
    [InlineData("2024-05-06T14:34:00Z,100,101,99,100,5", "duplicated timestamp")]
    [InlineData("2024-05-06T14:35:00Z,100,99,101,100,5", "high 99 is below low 101")]
    [InlineData("2024-05-06T14:35:00Z,100,101,99,100,-1", "volume -1 is negative")]
    [InlineData("2024-05-06T14:35:30Z,100,101,99,100,5", "not a whole minute")]
    [InlineData("2024-05-06T14:35:00Z,100,101,99,100,5,-2", "trade_count -2 is negative")]
    [InlineData("2024-05-06T14:35:00Z,NaN,101,99,100,5", "open 'NaN' is not a number")]
    public async Task A_bad_row_names_its_line_and_nothing_of_the_file_is_loaded(string badRow, string reason)
    {
        await RegisterAsync("BAD");
        var path = WriteCsv("bars.csv", [Header, .. GoodRows, badRow, "2024-05-06T14:40:00Z,100,101,99,100,5"]);

        var result = await CliRunner.RunAsync("load", "ohlcv", "--symbol", "BAD", "--file", path, "-c", db.ConnectionString);

        Assert.Equal(1, result.ExitCode);
        var error = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: bars.csv:6: ", error);
        Assert.Contains(reason, error);
        Assert.Contains("nothing was loaded", error);
        Assert.Equal(0, await CountAsync("BAD"));
    }

    [Fact]
    public void Every_bad_row_is_counted_and_the_first_one_named()
    {
        var e = Assert.Throws<MarketDataException>(() => OhlcvCsvParser.Parse(new StringReader(string.Join('\n',
            "2024-05-06T14:31:00Z,100,101,99,100,5", "2024-05-06T14:32:00Z,1,2,3,4,5", "", "2024-05-06T14:31:00Z,100,101,99,100,5")), "x.csv"));
        Assert.Equal("x.csv:2: high 2 is below low 3 (and 1 more bad row(s)); nothing was loaded", e.Message);
    }

    [Fact]
    public async Task A_good_file_is_copied_into_new_partitions_and_its_leaves_are_analyzed()
    {
        await RegisterAsync("GOOD");
        var path = WriteCsv("good.csv", [Header, .. GoodRows]);

        var result = await CliRunner.RunAsync("load", "ohlcv", "--symbol", "good", "--file", path, "-c", db.ConnectionString);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("copied 4 of 4 bar(s)", result.Stdout);
        Assert.Contains("loaded 4 bar(s) of GOOD (2024-05-06 14:31Z .. 2024-05-06 14:34Z)", result.Stdout);
        Assert.Equal(
            ["2024-05-06 14:31:00+00 100 101 99.5 100.5 10 3 100.2", "2024-05-06 14:32:00+00 100.5 102 100 101.75 20 4 101.1",
             "2024-05-06 14:33:00+00 101.75 101.75 100.25 100.5 0 - -", "2024-05-06 14:34:00+00 100.5 100.5 100 100 5 - -"],
            await Sql.ListAsync<string>(db.DataSource, """
                select format('%s %s %s %s %s %s %s %s', to_char("timestamp" at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS+00'), open, high, low,
                              close, volume, coalesce(trade_count::text, '-'), coalesce(vwap::text, '-'))
                from market.ohlcv_1m where symbol = 'GOOD' order by "timestamp"
                """));
        // every timeframe got its partition for the month, and the leaves written were analyzed (reltuples is -1 before)
        Assert.Equal(await db.ScalarAsync<long>("select count(*) from market.timeframes"),
            await db.ScalarAsync<long>("select count(*) from pg_class where relnamespace = 'market'::regnamespace and relname ~ '^ohlcv_[0-9]+m_good_2024_05$'"));
        Assert.Equal(4f, await db.ScalarAsync<float>("select reltuples from pg_class where oid = 'market.ohlcv_1m_good_2024_05'::regclass"));
        Assert.Equal(4f, await db.ScalarAsync<float>("select reltuples from pg_class where oid = 'market.ohlcv_60m_good_2024_05'::regclass"));
    }

    [Fact]
    public async Task Reloading_the_same_file_rewrites_no_row()
    {
        await RegisterAsync("SAME");
        var path = WriteCsv("same.csv", [Header, .. GoodRows]);
        var first = await CliRunner.RunAsync("load", "ohlcv", "--symbol", "SAME", "--file", path, "-c", db.ConnectionString);
        Assert.True(first.ExitCode == 0, first.Stderr);
        await db.ExecAsync("update market.ohlcv_1m set rsi_14 = 50 where symbol = 'SAME'");
        const string versions = """
            select string_agg(format('%s %s %s %s', m, "timestamp", xmin, rsi_14), ', ' order by m, "timestamp")
            from (select 1 m, symbol, "timestamp", xmin::text as xmin, rsi_14 from market.ohlcv_1m
                  union all select 60, symbol, "timestamp", xmin::text, rsi_14 from market.ohlcv_60m) r where symbol = 'SAME'
            """;
        var before = await db.ScalarAsync<string>(versions);

        var again = await CliRunner.RunAsync("load", "ohlcv", "--symbol", "SAME", "--file", path, "-c", db.ConnectionString);

        Assert.True(again.ExitCode == 0, again.Stderr);
        Assert.Contains("0 rolling-window row(s) written", again.Stdout);
        Assert.Equal(before, await db.ScalarAsync<string>(versions));
    }

    [Fact]
    public async Task An_unknown_symbol_or_a_missing_file_is_one_line_without_loading()
    {
        var csv = WriteCsv("u.csv", [Header, .. GoodRows]);
        var unknown = await CliRunner.RunAsync("load", "ohlcv", "--symbol", "NOPE", "--file", csv, "-c", db.ConnectionString);
        Assert.Equal(1, unknown.ExitCode);
        Assert.Equal("error: unknown symbol 'NOPE': register it in market.symbols first (see `schema seed`)", unknown.Stderr.Trim());

        var hostile = await CliRunner.RunAsync("load", "ohlcv", "--symbol", "ES'); drop table market.symbols; --", "--file", csv, "-c", db.ConnectionString);
        Assert.Equal(1, hostile.ExitCode);
        Assert.StartsWith("error: invalid symbol", hostile.Stderr.Trim());
        Assert.True(await db.ScalarAsync<bool>("select to_regclass('market.symbols') is not null"));

        var missing = await CliRunner.RunAsync("load", "ohlcv", "--symbol", "ES", "--file", Path.Combine(_folder, "none.csv"), "-c", db.ConnectionString);
        Assert.Equal(2, missing.ExitCode);
        Assert.StartsWith("error: file not found: ", missing.Stderr.Trim());
    }
}
