// Speed goals as ratios, measured on the real server (SCHEMA_TEST_CONNECTION or the zero-config local one):
//   dotnet run --project src/Schema.Benchmarks -c Release [-- rows]
// Not part of the test suite: a timed assertion on a shared 2-core CI machine tests the scheduler, not the code.
using System.Diagnostics;
using Npgsql;
using Schema.Core.Configuration;
using Schema.Core.Dump;
using Schema.Core.Execution;
using Schema.Core.Scripts;

var rows = args.Length > 0 && int.TryParse(args[0], out var r) ? r : 120_000;
var admin = Environment.GetEnvironmentVariable("SCHEMA_TEST_CONNECTION") is { Length: > 0 } configured
    ? new NpgsqlConnectionStringBuilder(configured) { Database = "postgres" }.ConnectionString
    : (await Schema.Core.LocalServer.LocalServer.EnsureAsync()).ConnectionString("postgres");
var migrations = Path.Combine(RepositoryRoot.Find(Environment.CurrentDirectory) ?? throw new InvalidOperationException("run inside the repository"), "migrations");
await using var server = new NpgsqlConnection(admin);
await server.OpenAsync();
var created = new List<string>();

string Cs(string db) => ConnectionInfo.ForRunner(new NpgsqlConnectionStringBuilder(admin) { Database = db }.ConnectionString);
async Task<(string Db, TimeSpan Took)> TimedAsync(Func<string, Task> action, string db)
{
    var watch = Stopwatch.StartNew();
    await action(db);
    return (db, watch.Elapsed);
}
async Task<string> NewDatabaseAsync(string? template = null)
{
    if (template is not null) await DatabaseAdmin.TerminateConnectionsAsync(server, template); // no sessions on a template
    var name = "schema_bench_" + Guid.NewGuid().ToString("N")[..10];
    await DatabaseAdmin.CreateDatabaseAsync(server, name, template);
    created.Add(name);
    return name;
}
async Task MigrateAsync(string db)
{
    await using var ds = NpgsqlDataSource.Create(Cs(db));
    await new MigrationEngine(ds, new FileSystemScriptProvider(migrations), new RunnerOptions(), new CollectingRunLog()).UpAsync();
}
static void Ratio(string what, string slowName, TimeSpan slow, string fastName, TimeSpan fast) =>
    Console.WriteLine($"{what,-44} {fastName} {fast.TotalMilliseconds,8:0} ms | {slowName} {slow.TotalMilliseconds,8:0} ms | ratio {slow / fast,6:0.0}x");

try
{
    // 1. Per-test-class database: clone of the migrated template vs migrating from scratch.
    var migrate = await TimedAsync(async db => await MigrateAsync(db), await NewDatabaseAsync());
    await DatabaseAdmin.ExecFormattedAsync(server, "alter database %I with allow_connections false", migrate.Db);
    var clone = Stopwatch.StartNew();
    var clonedName = await NewDatabaseAsync(migrate.Db);
    clone.Stop();
    Ratio("test database: template clone vs migrate", "migrate", migrate.Took, "clone", clone.Elapsed);

    // 2. `up` with nothing pending (what every deploy pays) vs the first full migration.
    await using var ds = NpgsqlDataSource.Create(Cs(clonedName));
    var noop = Stopwatch.StartNew();
    await new MigrationEngine(ds, new FileSystemScriptProvider(migrations), new RunnerOptions(), new CollectingRunLog()).UpAsync();
    Ratio("up: nothing pending vs full migration", "full", migrate.Took, "no-op", noop.Elapsed);

    // 3. Dump cost is set-based: 500 leaves vs 50 leaves.
    async Task<TimeSpan> DumpWithLeavesAsync(int months)
    {
        await using (var c = await ds.OpenConnectionAsync())
        await using (var cmd = new NpgsqlCommand("call market.ensure_partitions_all('ES', '2000-01-01'::date, ('2000-01-01'::date + make_interval(months => @m))::date)", c))
        {
            cmd.Parameters.AddWithValue("m", months);
            await cmd.ExecuteNonQueryAsync();
        }
        await using var conn = await ds.OpenConnectionAsync();
        await SchemaDumper.DumpAsync(conn); // warm
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var w = Stopwatch.StartNew();
            await SchemaDumper.DumpAsync(conn);
            best = w.Elapsed < best ? w.Elapsed : best;
        }
        return best;
    }
    int timeframes;
    await using (var c = await ds.OpenConnectionAsync())
    await using (var count = new NpgsqlCommand("select count(*) from market.timeframes", c))
        timeframes = (int)(long)(await count.ExecuteScalarAsync())!;
    var small = await DumpWithLeavesAsync(Math.Max(1, 50 / timeframes));
    var large = await DumpWithLeavesAsync(Math.Max(2, 500 / timeframes));
    Ratio("dump: ~500 leaves vs ~50 leaves (want ~1x)", "500", large, "50", small);

    // 4. Indicator backfill on market.ohlcv_60m: the seed's single UPDATE … FROM staging vs the striped procedure.
    async Task<(TimeSpan Took, double Hot, double Growth)> BackfillAsync(bool striped)
    {
        await DatabaseAdmin.ExecFormattedAsync(server, "alter database %I with allow_connections false", clonedName);
        var db = await NewDatabaseAsync(clonedName);
        await using var bds = NpgsqlDataSource.Create(Cs(db));
        await using var c = await bds.OpenConnectionAsync();
        async Task Exec(string sql) { await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 0 }; await cmd.ExecuteNonQueryAsync(); }
        async Task<double> Scalar(string sql) { await using var cmd = new NpgsqlCommand(sql, c); return Convert.ToDouble(await cmd.ExecuteScalarAsync()); }
        await Exec("call market.ensure_partitions(60, 'ES', '2024-01-01', '2025-01-01')");
        await using (var load = new NpgsqlCommand("""
            insert into market.ohlcv_60m ("timestamp", symbol, minute_index, open, high, low, close, volume)
            select timestamptz '2024-01-01' + g * interval '1 minute', 'ES', (g % 60)::smallint, 1, 2, 0.5, 1.5, 100
            from generate_series(0, @rows - 1) g
            """, c) { CommandTimeout = 0 })
        {
            load.Parameters.AddWithValue("rows", rows);
            await load.ExecuteNonQueryAsync();
        }
        await Exec("vacuum analyze market.ohlcv_60m");
        await Exec("create table staging (\"timestamp\" timestamptz, symbol varchar(20), rsi_14 double precision, atr_14 double precision, cvd double precision, primary key (symbol, \"timestamp\"))");
        await Exec("insert into staging select \"timestamp\", symbol, random() * 100, random(), random() from market.ohlcv_60m");
        var before = await Scalar("select sum(pg_relation_size(relid)) from pg_partition_tree('market.ohlcv_60m')");
        var w = Stopwatch.StartNew();
        if (striped) await Exec("call market.apply_indicator_updates(60, 'staging', array['rsi_14', 'atr_14', 'cvd'])");
        else await Exec("update market.ohlcv_60m m set rsi_14 = s.rsi_14, atr_14 = s.atr_14, cvd = s.cvd from staging s where m.symbol = s.symbol and m.\"timestamp\" = s.\"timestamp\"");
        var took = w.Elapsed;
        await Exec("select pg_stat_force_next_flush()");
        await using var c2 = await bds.OpenConnectionAsync();
        await using var stats = new NpgsqlCommand("select sum(n_tup_hot_upd)::float8 / nullif(sum(n_tup_upd), 0) from pg_stat_user_tables where relname like 'ohlcv_60m_es_%'", c2);
        var hot = Convert.ToDouble(await stats.ExecuteScalarAsync());
        var after = await Scalar("select sum(pg_relation_size(relid)) from pg_partition_tree('market.ohlcv_60m')");
        return (took, hot, after / before - 1);
    }
    var single = await BackfillAsync(striped: false);
    var stripes = await BackfillAsync(striped: true);
    Console.WriteLine($"indicator backfill, {rows} rows: one statement {single.Hot:P1} HOT, table +{single.Growth:P0} | 8 stripes {stripes.Hot:P1} HOT, table +{stripes.Growth:P0}");
    Ratio("indicator backfill time", "single", single.Took, "striped", stripes.Took);
}
finally
{
    foreach (var db in created)
        await DatabaseAdmin.ExecFormattedAsync(server, "drop database if exists %I with (force)", db);
}
