using System.Globalization;

namespace Schema.Benchmarks.Harness;

/// <summary>The command line of the benchmark harness (parsed by hand: a handful of options, no reflection).</summary>
public sealed record BenchOptions(
    BenchSize Size,
    string Prefix,
    IReadOnlySet<int> Only,
    int Pairs,
    string Output,
    string? Cli,
    string? Note,
    bool Help)
{
    public const int MeasureCount = 9;
    public const int DefaultPairs = 5;

    public const string HelpText = """
        schema-bench: the benchmark suite (issue 9): each measure runs interleaved pairs (A, B, A, B ...) against the
        real server and reports median and min-max of both sides and the ratio of the medians.

        usage: dotnet run --project src/Schema.Benchmarks -c Release -- [options]

          --size small|full   data sizes: small runs in seconds per measure (CI), full is the issue's size (default full)
          --prefix NAME       prefix of every database the harness creates and drops (default bench)
          --only 1,3          run only these measures (1-9, comma-separated; default all)
          --pairs N           interleaved pairs per measure (default 5, at least 1)
          --output PATH       the markdown report (default docs/benchmarks.md, relative to the repository root)
          --cli PATH          the schema CLI executable to time (default artifacts/bench-cli/schema, built by
                              bench/publish-cli.sh: self-contained composite ReadyToRun)
          --note TEXT         a line printed under the machine description (e.g. what else ran on it)
          --help              this text

        The server: SCHEMA_TEST_CONNECTION (any database; the harness connects to postgres and creates its own), else
        the zero-config local server (`schema local start`). psql must be on PATH.
        Measures: 1 full up vs psql, 2 no-op up/status vs psql -c 'select 1', 3 reset vs psql into a new database,
        4 binary COPY partitioned vs plain, 5 indicator backfill HOT/growth, 6 one-month query with many leaves vs one,
        7 HNSW/ivfflat recall and latency vs exact scan, 8 maintain vs pg_partman, 9 rolling windows + indicators rows/s.
        Exit codes: 0 every measure ran, 1 a measure failed, 2 bad options or the server cannot be reached.
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var size = BenchSize.Full;
        var prefix = "bench";
        IReadOnlySet<int> only = Enumerable.Range(1, MeasureCount).ToHashSet();
        var pairs = DefaultPairs;
        var output = Path.Combine("docs", "benchmarks.md");
        string? cli = null;
        string? note = null;
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            switch (name)
            {
                case "--help" or "-h" or "-?":
                    help = true;
                    break;
                case "--size":
                    size = Value(args, ref i) switch
                    {
                        "small" => BenchSize.Small,
                        "full" => BenchSize.Full,
                        var other => throw new UsageException($"--size must be small or full, not '{other}'"),
                    };
                    break;
                case "--prefix":
                    prefix = Value(args, ref i);
                    // the prefix becomes part of database names: keep them plain, lowercase and short
                    if (prefix.Length is 0 or > 20 || !prefix.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_')
                        || prefix[0] is >= '0' and <= '9')
                        throw new UsageException($"--prefix must be 1-20 characters a-z 0-9 _ not starting with a digit, not '{prefix}'");
                    break;
                case "--only":
                    only = ParseOnly(Value(args, ref i));
                    break;
                case "--pairs":
                    var text = Value(args, ref i);
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out pairs) || pairs is < 1 or > 100)
                        throw new UsageException($"--pairs must be a whole number from 1 to 100, not '{text}'");
                    break;
                case "--output":
                    output = Value(args, ref i);
                    break;
                case "--note":
                    note = Value(args, ref i);
                    break;
                case "--cli":
                    cli = Value(args, ref i);
                    break;
                default:
                    throw new UsageException($"unknown option '{name}' (see --help)");
            }
        }
        return new BenchOptions(size, prefix, only, pairs, output, cli, note, help);
    }

    private static string Value(IReadOnlyList<string> args, ref int i)
    {
        if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            throw new UsageException($"{args[i]} needs a value (see --help)");
        return args[++i];
    }

    private static HashSet<int> ParseOnly(string text)
    {
        var set = new HashSet<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n is < 1 or > MeasureCount)
                throw new UsageException($"--only takes measure numbers 1-{MeasureCount} separated by commas, not '{text}'");
            set.Add(n);
        }
        return set;
    }
}
