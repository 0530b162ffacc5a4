namespace Schema.Benchmarks.Harness;

/// <summary>How much data each measure uses: <see cref="Small"/> runs in seconds (CI), <see cref="Full"/> is the size.</summary>
public enum BenchSize
{
    Small,
    Full,
}
