namespace Schema.Benchmarks.Harness;

/// <summary>
/// One line of the report: side A (the project's way) against side B (the baseline), both measured in the same run,
/// interleaved; <see cref="Ratio"/> is A's median over B's, <see cref="Met"/> null when the figure has no target.
/// </summary>
public sealed record Figure(
    string What,
    string ALabel,
    Stats A,
    string BLabel,
    Stats B,
    string Unit,
    double Ratio,
    string Target,
    bool? Met)
{
    /// <summary>A figure where lower is better (times): met when A/B is at most <paramref name="maxRatio"/>.</summary>
    public static Figure AtMost(string what, string aLabel, IReadOnlyCollection<double> a, string bLabel,
        IReadOnlyCollection<double> b, string unit, double? maxRatio)
    {
        var (sa, sb) = (Stats.Of(a), Stats.Of(b));
        var ratio = sa.Median / sb.Median;
        return new Figure(what, aLabel, sa, bLabel, sb, unit, ratio,
            maxRatio is { } max ? $"≤ {max:0.##}×" : "—", maxRatio is { } m ? ratio <= m : null);
    }

    /// <summary>A figure where higher is better (rows/s): met when A/B is at least <paramref name="minRatio"/>.</summary>
    public static Figure AtLeast(string what, string aLabel, IReadOnlyCollection<double> a, string bLabel,
        IReadOnlyCollection<double> b, string unit, double? minRatio)
    {
        var (sa, sb) = (Stats.Of(a), Stats.Of(b));
        var ratio = sa.Median / sb.Median;
        return new Figure(what, aLabel, sa, bLabel, sb, unit, ratio,
            minRatio is { } min ? $"≥ {min:0.##}×" : "—", minRatio is { } m ? ratio >= m : null);
    }

    /// <summary>A figure whose target is on A's own value (a percentage), not on the ratio; the ratio is shown when
    /// B's median is not zero.</summary>
    public static Figure Absolute(string what, string aLabel, IReadOnlyCollection<double> a, string bLabel,
        IReadOnlyCollection<double> b, string unit, string target, Func<double, bool> met)
    {
        var (sa, sb) = (Stats.Of(a), Stats.Of(b));
        return new Figure(what, aLabel, sa, bLabel, sb, unit, sb.Median == 0 ? double.NaN : sa.Median / sb.Median,
            target, met(sa.Median));
    }
}
