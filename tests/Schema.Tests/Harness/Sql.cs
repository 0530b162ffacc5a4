using Npgsql;

namespace Schema.Tests.Harness;

/// <summary>The few ways tests talk to the server: every value a parameter (<c>@name</c>), never interpolated.</summary>
public static class Sql
{
    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params (string name, object? value)[] args)
    {
        var cmd = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    public static async Task<int> ExecAsync(NpgsqlConnection connection, string sql, params (string name, object? value)[] args)
    {
        await using var cmd = Command(connection, sql, args);
        return await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, params (string name, object? value)[] args)
    {
        await using var cmd = Command(connection, sql, args);
        var result = await cmd.ExecuteScalarAsync();
        return result is null or DBNull ? default! : (T)result;
    }

    public static async Task<List<T>> ListAsync<T>(NpgsqlConnection connection, string sql, params (string name, object? value)[] args)
    {
        await using var cmd = Command(connection, sql, args);
        var list = new List<T>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) list.Add(r.GetFieldValue<T>(0));
        return list;
    }

    public static async Task<int> ExecAsync(NpgsqlDataSource dataSource, string sql, params (string name, object? value)[] args)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await ExecAsync(connection, sql, args);
    }

    public static async Task<T> ScalarAsync<T>(NpgsqlDataSource dataSource, string sql, params (string name, object? value)[] args)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await ScalarAsync<T>(connection, sql, args);
    }

    public static async Task<List<T>> ListAsync<T>(NpgsqlDataSource dataSource, string sql, params (string name, object? value)[] args)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await ListAsync<T>(connection, sql, args);
    }
}
