namespace Schema.Benchmarks.Harness;

/// <summary>
/// Runs A, B, A, B ... so that whatever else the (shared) machine does at a given moment hits both sides alike.
/// Each callback does its own untimed setup and returns the value it measured.
/// </summary>
public static class Interleaved
{
    public static async Task<(List<double> A, List<double> B)> RunAsync(BenchContext context, string what, int pairs,
        Func<int, Task<double>> a, Func<int, Task<double>> b)
    {
        var (resultA, resultB) = (new List<double>(), new List<double>());
        for (var i = 0; i < pairs; i++)
        {
            resultA.Add(await a(i));
            resultB.Add(await b(i));
            context.Progress($"  {what}: pair {i + 1}/{pairs}: {resultA[^1]:0.###} | {resultB[^1]:0.###}");
        }
        return (resultA, resultB);
    }
}
