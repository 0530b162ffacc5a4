using Npgsql;

namespace Schema.Benchmarks.Harness;

/// <summary>Short helpers for the measures' statements (values always as parameters, never in the text).</summary>
public static class Db
{
    public static async Task ExecAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params object[] values)
    {
        await using var cmd = Command(connection, sql, values);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public static async Task<double> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken ct,
        params object[] values)
    {
        await using var cmd = Command(connection, sql, values);
        return Convert.ToDouble(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The first row's columns as doubles.</summary>
    public static async Task<double[]> RowAsync(NpgsqlConnection connection, string sql, CancellationToken ct,
        params object[] values)
    {
        await using var cmd = Command(connection, sql, values);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) throw new BenchFailure("a query returned no row");
        return Enumerable.Range(0, reader.FieldCount)
            .Select(i => reader.IsDBNull(i) ? double.NaN : Convert.ToDouble(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, object[] values)
    {
        var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        return cmd;
    }
}
