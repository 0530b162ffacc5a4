using System.Text.RegularExpressions;
using Npgsql;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Pipeline;

/// <summary>What the pipeline command tests share: a small script set, the shadow server, shadow-database checks.</summary>
internal static partial class PipelineSupport
{
    /// <summary>A table, a function and (no transaction) an index: enough objects for every kind of drift.</summary>
    public static ScriptFolder Scripts() => new ScriptFolder()
        .Add("0001_app_schema.sql", "-- 0001_app_schema: the schema\ncreate schema app;")
        .Add("0002_app_orders.sql", """
            -- 0002_app_orders: orders and a price function
            create table app.orders (id bigint primary key, symbol text not null, note text, qty numeric not null);
            create function app.price(p_qty integer) returns numeric language sql immutable as $$ select p_qty * 2.0 $$;
            """)
        .Add("0003_app_orders_symbol_idx.sql", """
            -- 0003_app_orders_symbol_idx: lookups by symbol
            -- schema:no-transaction
            create index concurrently if not exists orders_symbol_idx on app.orders (symbol);
            """);

    /// <summary>The server the shadow database goes on: the test server (never a hard-coded host).</summary>
    public static async Task<string> ShadowAsync() => await TestServer.AdminConnectionStringAsync();

    [GeneratedRegex(@"shadow database (schema_shadow_[0-9a-f]{32}) on")]
    private static partial Regex ShadowLine();

    /// <summary>The shadow database the command named in its output.</summary>
    public static string ShadowNameIn(string output)
    {
        var m = ShadowLine().Match(output);
        Assert.True(m.Success, "the output names no shadow database:\n" + output);
        return m.Groups[1].Value;
    }

    public static async Task<bool> DatabaseExistsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(await TestServer.AdminConnectionStringAsync());
        await connection.OpenAsync();
        return await Sql.ScalarAsync<bool>(connection, "select exists (select from pg_database where datname = @n)", ("n", name));
    }

    /// <summary>Runs each script's SQL as plain statements, without the runner (a database built "by other means").</summary>
    public static async Task RunWithoutRunnerAsync(ScratchDatabase db, ScriptFolder folder, params string[] files)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        foreach (var file in files)
            foreach (var statement in Schema.Core.Scripts.SqlStatementSplitter.Split(File.ReadAllText(Path.Combine(folder.Path, file))))
                await Sql.ExecAsync(connection, statement.Text);
    }
}
