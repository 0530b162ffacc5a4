using System.Text;
using System.Text.RegularExpressions;
using Npgsql;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Reliability;

/// <summary>
/// Bad input of every kind, one table row each: every command and option, the connection string, scripts, CSV for
/// `load`, hostile identifiers and symbols. Each answer is one line on stderr naming the problem, exit 2 for usage or
/// configuration and 1 for a failure, no stack trace, no .NET type name, no password, and nothing written to the
/// database (the journal and the set of relations are what they were). The CLI runs in-process (CliRunner: the same
/// parse, configure, run and classify path as the executable).
/// </summary>
public sealed partial class BadInputTests(EmptyDatabase empty, MigratedDatabase migrated)
    : IClassFixture<EmptyDatabase>, IClassFixture<MigratedDatabase>
{
    /// <summary>The password of every connection string that does not reach the test server: must never be printed.</summary>
    private const string Secret = "Bad-Input-S3cret-5f2a";
    private const string Nowhere = $"Host=127.0.0.1;Port=1;Username=u;Password={Secret};Database=d;Timeout=2";
    private const string Hostile = "'; drop table x; --";
    private static readonly string LongName = new('n', 70);

    /// <summary>
    /// A row: the arguments ({db} is the test database's connection string, {mig} the migrations folder, {csv} and
    /// {dir} a CSV file and a folder), what the folder holds, the CSV, the exit code and a phrase the line must contain.
    /// </summary>
    private sealed record Case(string[] Args, int Exit, string Expect, Dictionary<string, byte[]>? Scripts = null, string? Csv = null,
        bool Migrated = false);

    private static Dictionary<string, byte[]> Files(params (string Name, string Text)[] files) =>
        files.ToDictionary(f => f.Name, f => Encoding.UTF8.GetBytes(f.Text));

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // --- the command line itself
        ["unknown command"] = new(["frobnicate"], 2, "frobnicate"),
        ["unknown option"] = new(["up", "--bogus-option", "-c", "{db}", "--migrations", "{mig}"], 2, "--bogus-option"),
        ["unexpected argument"] = new(["status", "extra", "-c", "{db}", "--migrations", "{mig}"], 2, "extra"),
        ["option without its value"] = new(["up", "-c", "{db}", "--migrations", "{mig}", "--to"], 2, "--to"),
        ["up --to a version that does not exist"] = new(["up", "--to", "9999", "-c", "{db}", "--migrations", "{mig}"], 2, "9999"),
        ["up --to hostile"] = new(["up", "--to", Hostile, "-c", "{db}", "--migrations", "{mig}"], 2, "no script with version '; drop table x; --"),
        ["up --check-drift --shadow bad"] = new(["up", "--check-drift", "--shadow", $"Bogus=1;Password={Secret}", "-c", "{db}", "--migrations", "{mig}"], 2, "invalid connection string"),
        ["--var without ="] = new(["up", "--var", "novalue", "-c", "{db}", "--migrations", "{mig}"], 2, "--var takes name=value"),
        ["--migrations missing folder"] = new(["up", "-c", "{db}", "--migrations", "/nonexistent/reliab"], 2, "/nonexistent/reliab"),
        ["--journal-schema 70 characters"] = new(["up", "--journal-schema", LongName, "-c", "{db}", "--migrations", "{mig}"], 2, "63"),
        ["--lock-timeout text"] = new(["up", "--lock-timeout", "soon", "-c", "{db}", "--migrations", "{mig}"], 2, "--lock-timeout"),
        ["status --json with a bad connection"] = new(["status", "--json", "-c", Nowhere, "--migrations", "{mig}"], 2, "cannot reach the server"),
        ["script -o into a missing folder"] = new(["script", "-o", "/nonexistent/reliab/x.sql", "-c", "{db}", "--migrations", "{mig}"], 2, "/nonexistent/reliab"),
        ["down --count 0"] = new(["down", "--count", "0", "-c", "{db}", "--migrations", "{mig}"], 2, "--count"),
        ["down --count and --to"] = new(["down", "--count", "1", "--to", "0001", "-c", "{db}", "--migrations", "{mig}"], 2, "not both"),
        ["down --to hostile"] = new(["down", "--to", Hostile, "-c", "{db}", "--migrations", "{mig}"], 2, "no script with version '; drop table x; --"),
        ["repair --resolve --retry"] = new(["repair", "--resolve", "--retry", "-c", "{db}", "--migrations", "{mig}"], 2, "not both"),
        ["repair a hostile script name"] = new(["repair", Hostile, "-c", "{db}", "--migrations", "{mig}"], 2, "drop table x"),
        ["reset a server that is not the local one"] = new(["reset", "-c", $"Host=db.example.invalid;Username=u;Password={Secret};Database=d", "--migrations", "{mig}"], 2, "refusing to reset"),
        ["seed --days without --sample"] = new(["seed", "--days", "3", "-c", "{db}", "--migrations", "{mig}"], 2, "--days needs --sample"),
        ["seed --sample --days 261"] = new(["seed", "--sample", "--days", "261", "-c", "{db}", "--migrations", "{mig}"], 2, "--days must be between 1 and 260"),
        ["dump -o into a missing folder"] = new(["dump", "-o", "/nonexistent/reliab/d.txt", "-c", "{db}"], 2, "/nonexistent/reliab"),
        ["diff --shadow unreachable"] = new(["diff", "--shadow", Nowhere, "-c", "{db}", "--migrations", "{mig}"], 2, "cannot reach the server"),
        ["baseline without --version"] = new(["baseline", "-c", "{db}", "--migrations", "{mig}"], 2, "--version"),
        ["baseline --version unknown"] = new(["baseline", "--version", "0042", "-c", "{db}", "--migrations", "{mig}"], 2, "0042"),
        ["new with a hostile name"] = new(["new", Hostile, "--migrations", "{mig}"], 2, "invalid name ''; drop table x; --'"),
        ["new with a unicode name"] = new(["new", "ajouter_clé", "--migrations", "{mig}"], 2, "invalid name 'ajouter_clé'"),
        ["new --schema in capitals"] = new(["new", "add_x", "--schema", "Market", "--migrations", "{mig}"], 2, "invalid schema 'Market'"),
        ["maintain --months-ahead 121"] = new(["maintain", "--months-ahead", "121", "-c", "{db}"], 2, "--months-ahead"),
        ["maintain --months-ahead text"] = new(["maintain", "--months-ahead", "many", "-c", "{db}"], 2, "--months-ahead"),
        ["maintain on a database without the market schema"] = new(["maintain", "-c", "{db}"], 1, "apply the migrations with `schema up` first"),
        // --- pipeline output, fleet, lint, docs, market DDL ({csv} doubles as a targets file: it is only a text file)
        ["up --format unknown"] = new(["up", "--format", "yaml", "-c", "{db}", "--migrations", "{mig}"], 2, "'yaml' not recognized"),
        ["up --json --format github"] = new(["up", "--json", "--format", "github", "-c", "{db}", "--migrations", "{mig}"], 2, "choose one"),
        ["up --targets missing file"] = new(["up", "--targets", "/nonexistent/reliab/fleet.txt", "--migrations", "{mig}"], 2, "targets file not found"),
        ["up --targets unset variable"] = new(["up", "--targets", "{csv}", "--migrations", "{mig}"], 2, "SCHEMA_BAD_INPUT_UNSET (target 'a') is not set",
            Csv: "a env:SCHEMA_BAD_INPUT_UNSET\n"),
        ["up --targets duplicate name"] = new(["up", "--targets", "{csv}", "--migrations", "{mig}"], 2, "target 'a' is already defined on line 1",
            Csv: $"a {Nowhere}\na {Nowhere}\n"),
        ["up --targets --parallel 0"] = new(["up", "--targets", "{csv}", "--parallel", "0", "--migrations", "{mig}"], 2, "--parallel",
            Csv: $"a {Nowhere}\n"),
        ["status --targets unset variable"] = new(["status", "--targets", "{csv}", "--migrations", "{mig}"], 2, "is not set",
            Csv: "a env:SCHEMA_BAD_INPUT_UNSET\n"),
        ["lint --format unknown"] = new(["lint", "--format", "xml", "-c", "{db}", "--migrations", "{mig}"], 2, "--format"),
        ["lint --shadow bad"] = new(["lint", "--shadow", $"Bogus=1;Password={Secret}", "-c", "{db}", "--migrations", "{mig}"], 2, "invalid connection string"),
        ["docs -o into a missing folder"] = new(["docs", "-o", "/nonexistent/reliab/schema.md", "-c", "{db}"], 2, "/nonexistent/reliab"),
        ["docs --check of a missing file"] = new(["docs", "--check", "-o", "/nonexistent/reliab/schema.md", "-c", "{db}"], 1, "does not exist"),
        ["market ddl on a database without the market schema"] = new(["market", "add-indicator", "rsi_x", "-c", "{db}"], 1, "apply the migrations with `schema up` first"),
        ["market add-indicator hostile name"] = new(["market", "add-indicator", Hostile, "-c", "{db}"], 1, "invalid column name", Migrated: true),
        ["market add-indicator hostile type"] = new(["market", "add-indicator", "rsi_x", "--type", "int; drop table x", "-c", "{db}"], 1, "invalid indicator type", Migrated: true),
        ["market drop-indicator of a base column"] = new(["market", "drop-indicator", "close", "-c", "{db}"], 1, "base column", Migrated: true),
        ["market drop-timeframe --batch 0"] = new(["market", "drop-timeframe", "5", "--batch", "0", "-c", "{db}"], 2, "--batch"),
        ["indicators without --symbol"] = new(["indicators", "-c", "{db}"], 2, "--symbol"),
        ["indicators --max-wait -1"] = new(["indicators", "--symbol", "ES", "--max-wait", "-1", "-c", "{db}"], 2, "--max-wait"),
        ["indicators --timeframe text"] = new(["indicators", "--symbol", "ES", "--timeframe", "hourly", "-c", "{db}"], 2, "--timeframe"),
        ["indicators hostile symbol"] = new(["indicators", "--symbol", Hostile, "-c", "{db}"], 1, "drop table x", Migrated: true),
        ["indicators unicode symbol"] = new(["indicators", "--symbol", "ÉS😀", "-c", "{db}"], 1, "ÉS😀", Migrated: true),
        ["indicators 70-character symbol"] = new(["indicators", "--symbol", LongName, "-c", "{db}"], 1, "nnnnnnnnnn", Migrated: true),
        ["--seeds missing folder"] = new(["seed", "--seeds", "/nonexistent/reliab-seeds", "-c", "{db}", "--migrations", "{mig}"], 2, "/nonexistent/reliab-seeds"),
        ["--statement-timeout negative"] = new(["up", "--statement-timeout", "-5", "-c", "{db}", "--migrations", "{mig}"], 2, "--statement-timeout"),
        ["--runner-lock-wait text"] = new(["up", "--runner-lock-wait", "abc", "-c", "{db}", "--migrations", "{mig}"], 2, "--runner-lock-wait"),
        ["--lock-retries text"] = new(["up", "--lock-retries", "x", "-c", "{db}", "--migrations", "{mig}"], 2, "--lock-retries"),
        ["reset --force --no-seed without Database="] = new(["reset", "--force", "--no-seed", "-c", $"Host=127.0.0.1;Port=1;Username=u;Password={Secret}", "--migrations", "{mig}"], 2, "Database="),
        ["dump --no-journal unreachable"] = new(["dump", "--no-journal", "-c", Nowhere], 2, "cannot reach the server"),
        ["diff --json unreachable"] = new(["diff", "--json", "-c", Nowhere, "--migrations", "{mig}"], 2, "cannot reach the server"),
        ["maintain --dry-run --json unreachable"] = new(["maintain", "--dry-run", "--json", "-c", Nowhere], 2, "cannot reach the server"),
        ["indicators unknown symbol"] = new(["indicators", "--symbol", "ZZZ9", "-c", "{db}"], 1, "ZZZ9", Migrated: true),
        ["repair --resolve a script that is not partial"] = new(["repair", "--resolve", "0001_ok.sql", "-c", "{db}", "--migrations", "{mig}"], 2, "0001_ok.sql"),
        ["local status with an argument"] = new(["local", "status", "now"], 2, "now"),
        ["local unknown subcommand"] = new(["local", "explode"], 2, "explode"),
        ["local start with an argument"] = new(["local", "start", "now"], 2, "now"),

        // --- the connection string
        ["connection: unknown keyword"] = new(["up", "-c", $"Host=127.0.0.1;Bogus Key=1;Password={Secret}", "--migrations", "{mig}"], 2, "invalid connection string"),
        ["connection: port not a number"] = new(["up", "-c", $"Host=127.0.0.1;Port=abc;Password={Secret}", "--migrations", "{mig}"], 2, "invalid connection string"),
        ["connection: port out of range"] = new(["up", "-c", $"Host=127.0.0.1;Port=99999;Password={Secret}", "--migrations", "{mig}"], 2, "Port must be between 1 and 65535"),
        ["connection: libpq keyword sslmode"] = new(["up", "-c", $"Host=127.0.0.1;sslmode=verify-full;Password={Secret}", "--migrations", "{mig}"], 2, "sslmode"),
        ["connection: unreachable host"] = new(["up", "-c", Nowhere, "--migrations", "{mig}"], 2, "cannot reach the server"),
        ["connection: wrong password"] = new(["up", "-c", "{db};Password=" + Secret, "--migrations", "{mig}"], 2, "refused the credentials"),
        ["connection: bad sslmode"] = new(["up", "-c", $"Host=127.0.0.1;SSL Mode=Sometimes;Password={Secret}", "--migrations", "{mig}"], 2, "invalid connection string"),
        ["connection: sslmode require, server without TLS"] = new(["up", "-c", "{db};SSL Mode=Require", "--migrations", "{mig}"], 2, "does not accept TLS"),
        ["connection: database does not exist"] = new(["up", "-c", "{db};Database=reliab_no_such_db", "--migrations", "{mig}"], 2, "reliab_no_such_db"),
        ["connection: hostile database name"] = new(["status", "-c", "{db};Database=\"" + Hostile + "\"", "--migrations", "{mig}"], 2, "does not exist"),

        // --- scripts
        ["script: syntax error"] = new(["up", "-c", "{db}", "--migrations", "{mig}"], 1, "0001_bad.sql:2", Files(("0001_bad.sql", "-- a typo\ncreate tabel x (id int);\n"))),
        ["script: fails after creating a table"] = new(["up", "-c", "{db}", "--migrations", "{mig}"], 1, "0001_bad.sql:2", Files(("0001_bad.sql", "create table made_then_undone (id int);\nselect 1/0;\n"))),
        ["script: latin-1 bytes"] = new(["up", "-c", "{db}", "--migrations", "{mig}"], 2, "UTF-8", new() { ["0001_latin.sql"] = [.. "select 'caf"u8, 0xE9, .. "';\n"u8] }),
        ["script: transaction control"] = new(["up", "-c", "{db}", "--migrations", "{mig}"], 2, "commit", Files(("0001_tx.sql", "create table t (id int);\ncommit;\n"))),
        ["script: psql meta-command"] = new(["up", "-c", "{db}", "--migrations", "{mig}"], 2, "\\set", Files(("0001_meta.sql", "\\set x 1\nselect 1;\n"))),
        ["script: duplicate versions"] = new(["up", "-c", "{db}", "--migrations", "{mig}"], 2, "0001", Files(("0001_a.sql", "select 1;"), ("0001_b.sql", "select 2;"))),
        ["script: unknown gate"] = new(["up", "-c", "{db}", "--migrations", "{mig}"], 2, "unknown capability", Files(("0001_g.sql", "-- schema:requires moon=full\nselect 1;\n"))),
        ["script: unknown directive"] = new(["up", "-c", "{db}", "--migrations", "{mig}"], 2, "unknown directive", Files(("0001_d.sql", "-- schema:sometimes\nselect 1;\n"))),
        ["script: undefined variable"] = new(["up", "-c", "{db}", "--migrations", "{mig}"], 2, "$nope$", Files(("0001_v.sql", "select '$nope$';\n"))),
        ["script: unterminated string"] = new(["script", "-c", "{db}", "--migrations", "{mig}"], 2, "unterminated", Files(("0001_q.sql", "select 'open;\n"))),
        ["script: hostile file name"] = new(["up", "-c", "{db}", "--migrations", "{mig}"], 2, "NNNN_description.sql", Files(("0001_'; drop table x; --.sql", "select 1/0;\n"))),
        ["down --count too large a number"] = new(["down", "--count", "99999999999", "-c", "{db}", "--migrations", "{mig}"], 2, "--count"),

        // --- CSV for `load ohlcv`
        ["load: bad number"] = new(["load", "ohlcv", "--symbol", "ES", "--file", "{csv}", "-c", "{db}"], 1, "bars.csv:2: high 'two' is not a number", Csv: "2024-01-02T14:30:00Z,1,2,0.5,1.5,100\n2024-01-02T14:31:00Z,1,two,0.5,1.5,100\n"),
        ["load: out of order"] = new(["load", "ohlcv", "--symbol", "ES", "--file", "{csv}", "-c", "{db}"], 1, "bars.csv:2: timestamp 2024-01-02 14:30Z is out of order", Csv: "2024-01-02T14:31:00Z,1,2,0.5,1.5,100\n2024-01-02T14:30:00Z,1,2,0.5,1.5,100\n"),
        ["load: missing file"] = new(["load", "ohlcv", "--symbol", "ES", "--file", "/nonexistent/reliab.csv", "-c", "{db}"], 2, "/nonexistent/reliab.csv"),
        ["load: a folder instead of a file"] = new(["load", "ohlcv", "--symbol", "ES", "--file", "{dir}", "-c", "{db}"], 2, "folder"),
        ["load: empty file"] = new(["load", "ohlcv", "--symbol", "ES", "--file", "{csv}", "-c", "{db}"], 1, "no bars", Csv: ""),
        ["load: hostile symbol"] = new(["load", "ohlcv", "--symbol", Hostile, "--file", "{csv}", "-c", "{db}"], 1, "invalid symbol", Csv: "2024-01-02T14:30:00Z,1,2,0.5,1.5,100\n", Migrated: true),
        ["load: 70-character symbol"] = new(["load", "ohlcv", "--symbol", LongName, "--file", "{csv}", "-c", "{db}"], 1, "invalid symbol", Csv: "2024-01-02T14:30:00Z,1,2,0.5,1.5,100\n", Migrated: true),
    };

    public static TheoryData<string> Names() => new(Cases.Keys);

    [GeneratedRegex(@"\b[A-Z]\w+(Exception|Error)\b|System\.")]
    private static partial Regex DotNetTypeName();

    [Theory]
    [MemberData(nameof(Names))]
    public async Task Bad_input_is_one_plain_line_with_the_right_exit_code_and_writes_nothing(string name)
    {
        var c = Cases[name];
        var database = c.Migrated ? (TestDatabase)migrated : empty;
        using var folder = new ScriptFolder();
        foreach (var (file, bytes) in c.Scripts ?? Files(("0001_ok.sql", "create table ok_t (id int);")))
            File.WriteAllBytes(Path.Combine(folder.Path, file), bytes);
        using var data = new ScriptFolder();
        var csv = Path.Combine(data.Path, "bars.csv");
        if (c.Csv is not null) File.WriteAllText(csv, c.Csv);
        var args = c.Args.Select(a => a.Replace("{db}", database.ConnectionString).Replace("{mig}", folder.Path)
            .Replace("{csv}", csv).Replace("{dir}", data.Path)).ToArray();
        var before = await FootprintAsync(database);

        var result = await CliRunner.RunAsync(args);

        var output = result.Stdout + result.Stderr;
        Assert.True(result.ExitCode == c.Exit, $"exit {result.ExitCode}, expected {c.Exit}: {result.Stderr}");
        var line = Assert.Single(result.Stderr.Trim().Split('\n'));
        Assert.StartsWith("error: ", line);
        Assert.True(line.Contains(c.Expect, StringComparison.Ordinal), $"expected '{c.Expect}' in: {line}");
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotMatch(DotNetTypeName(), line);
        Assert.DoesNotContain(Secret, output);
        var password = new NpgsqlConnectionStringBuilder(database.ConnectionString).Password!;
        Assert.DoesNotContain(password, output);
        Assert.Equal(before, await FootprintAsync(database));
    }

    [Fact]
    public async Task A_hostile_journal_table_name_is_quoted_not_executed()
    {
        await using var db = await ScratchDatabase.CreateAsync("reliab_bad");
        await Sql.ExecAsync(db.DataSource, "create table x (id int)");
        using var folder = new ScriptFolder().Add("0001_ok.sql", "create table ok_t (id int);");

        var up = await CliRunner.RunAsync("up", "--journal-table", Hostile, "-c", db.ConnectionString, "--migrations", folder.Path);

        Assert.True(up.ExitCode == 0, up.Stderr);
        Assert.True(await db.ScalarAsync<bool>("select to_regclass('public.x') is not null"));
        Assert.Equal(1L, await db.ScalarAsync<long>("select count(*) from pg_class where relname = @n and relkind = 'r'", ("n", Hostile)));
    }

    /// <summary>
    /// What a write would change: the relations outside the system schemas, the journal's rows, market's symbols. An
    /// empty journal table (and its _attempts table) created by a run whose first script failed is not counted: the
    /// runner creates it before the first script, and nothing is journaled.
    /// </summary>
    private static async Task<string> FootprintAsync(TestDatabase database) =>
        await database.ScalarAsync<string>("""
            select concat_ws(' | ',
                (select string_agg(format('%s.%s', n.nspname, c.relname), ',' order by 1)
                 from pg_class c join pg_namespace n on n.oid = c.relnamespace
                 where n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast') and n.nspname not like '\_timescaledb%'
                   and not (n.nspname = 'public' and c.relname like 'schemaversions%')),
                case when to_regclass('public.schemaversions') is not null
                     then (xpath('/row/n/text()', query_to_xml('select count(*) as n from public.schemaversions', false, false, '')))[1]::text
                end,
                case when to_regclass('market.symbols') is not null
                     then (xpath('/row/n/text()', query_to_xml('select count(*) as n from market.symbols', false, false, '')))[1]::text
                end)
            """);
}
