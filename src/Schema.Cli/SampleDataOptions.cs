using System.CommandLine;
using Schema.Core.Configuration;
using Schema.Core.Market;

namespace Schema.Cli;

/// <summary><c>schema seed --sample [--days N]</c>: the development market data sample (options and action).</summary>
internal sealed partial class Commands
{
    private static (Option<bool> Sample, Option<int?> Days) SampleOptions() =>
        (new Option<bool>("--sample") { Description = "also load a deterministic sample: random-walk minute bars for the seeded symbols, with windows and indicators" },
         new Option<int?>("--days") { Description = "sessions per symbol in the sample (default 5, at most 260)" });

    /// <summary>The number of sample sessions, or null without --sample.</summary>
    private static int? SampleDays(ParseResult parse, Option<bool> sample, Option<int?> days)
    {
        var n = parse.GetValue(days);
        if (!parse.GetValue(sample))
            return n is null ? null : throw new ConfigurationException("--days needs --sample");
        if (n is < 1 or > 260) throw new ConfigurationException("--days must be between 1 and 260");
        return n ?? 5;
    }

    private async Task SeedSampleAsync(Target target, int days, CancellationToken ct) =>
        await SampleData.LoadAsync(target.DataSource, days, TimeSpan.FromSeconds(0.1), line => stdout.WriteLine(line), ct);
}
