using Schema.Tests.Harness;

namespace Schema.Tests.Fleet;

/// <summary>What the fleet tests share: a small script set, a fleet of scratch databases and its targets file.</summary>
internal static class FleetSupport
{
    /// <summary>Three scripts (the last without a transaction), so a target's journal says how far it got.</summary>
    public static ScriptFolder Scripts() => new ScriptFolder()
        .Add("0001_fleet_schema.sql", "-- 0001_fleet_schema: the schema\ncreate schema fleet_app;")
        .Add("0002_fleet_orders.sql", """
            -- 0002_fleet_orders: a table
            create table fleet_app.orders (id bigint primary key, symbol text not null);
            """)
        .Add("0003_fleet_orders_symbol_idx.sql", """
            -- 0003_fleet_orders_symbol_idx: lookups by symbol
            -- schema:no-transaction
            create index concurrently if not exists orders_symbol_idx on fleet_app.orders (symbol);
            """);

    public static async Task<List<ScratchDatabase>> CreateAsync(int count)
    {
        var databases = new List<ScratchDatabase>();
        for (var i = 0; i < count; i++) databases.Add(await ScratchDatabase.CreateAsync("fleet_"));
        return databases;
    }

    public static async Task DisposeAsync(IEnumerable<ScratchDatabase> databases)
    {
        foreach (var db in databases) await db.DisposeAsync();
    }

    /// <summary>A targets file naming database i <c>t01</c>… in order; <paramref name="viaEnvironment"/> targets use env:VARIABLE.</summary>
    public static string TargetsFile(ScriptFolder folder, IReadOnlyList<ScratchDatabase> databases,
        IReadOnlyDictionary<int, string>? viaEnvironment = null)
    {
        var lines = new List<string> { "# fleet test targets: name connection" };
        for (var i = 0; i < databases.Count; i++)
            lines.Add(viaEnvironment is not null && viaEnvironment.TryGetValue(i, out var variable)
                ? $"{Name(i)} env:{variable}"
                : $"{Name(i)}  {databases[i].ConnectionString}");
        // Next to the migrations folder, not in it (the runner warns about files that are not scripts).
        var path = folder.Path + $"-targets-{Guid.NewGuid():N}.txt";
        File.WriteAllLines(path, lines);
        return path;
    }

    public static string Name(int i) => $"t{i + 1:00}";
}
