namespace Schema.Benchmarks.Harness;

/// <summary>One of the nine measures.</summary>
public interface IMeasure
{
    int Number { get; }
    string Title { get; }

    Task<MeasureResult> RunAsync(BenchContext context, CancellationToken ct);
}
