using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Schema.Benchmarks.Measures;

/// <summary>
/// Embedding-like vectors: points around a fixed number of random centres (clustered, as real embeddings are;
/// uniform random vectors in 768 dimensions are all nearly equidistant and make every index look bad).
/// </summary>
public sealed class VectorData(int dimensions, int clusters, int seed)
{
    private readonly Random _random = new(seed);
    private readonly float[][] _centres = Centres(dimensions, clusters, new Random(seed + 1));

    public int Dimensions => dimensions;

    public float[] Next()
    {
        var centre = _centres[_random.Next(_centres.Length)];
        var v = new float[dimensions];
        for (var i = 0; i < dimensions; i++) v[i] = centre[i] + (float)(Gaussian(_random) * 0.35);
        return v;
    }

    /// <summary>pgvector's binary form (vector_recv): int16 dimensions, int16 unused, float4 values, network order.</summary>
    public static byte[] Binary(float[] v)
    {
        var bytes = new byte[4 + 4 * v.Length];
        BinaryPrimitives.WriteInt16BigEndian(bytes, (short)v.Length);
        for (var i = 0; i < v.Length; i++) BinaryPrimitives.WriteSingleBigEndian(bytes.AsSpan(4 + 4 * i), v[i]);
        return bytes;
    }

    /// <summary>pgvector's text form, for a query parameter.</summary>
    public static string Text(float[] v)
    {
        var s = new StringBuilder("[");
        for (var i = 0; i < v.Length; i++) s.Append(i == 0 ? "" : ",").Append(v[i].ToString("R", CultureInfo.InvariantCulture));
        return s.Append(']').ToString();
    }

    private static float[][] Centres(int dimensions, int count, Random random) =>
        Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, dimensions).Select(_ => (float)Gaussian(random)).ToArray())
            .ToArray();

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
