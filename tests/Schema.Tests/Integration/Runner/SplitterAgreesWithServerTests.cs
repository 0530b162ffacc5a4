using System.Diagnostics;
using System.Text;
using Npgsql;
using Schema.Core.Scripts;
using Schema.Tests.Harness;
using Xunit;

namespace Schema.Tests.Runner;

/// <summary>
/// Issue #6, property test: scripts generated from a grammar of fragments (strings and comments holding semicolons
/// and quotes, nested comments, dollar quotes, E'' escapes, U&amp;'' with UESCAPE, B/X/N literals, begin atomic bodies,
/// LF/CRLF/CR line ends, unterminated tokens) are run two ways — as the runner runs them (validated, split, one
/// statement at a time over Npgsql) and whole, as one simple-protocol query through <c>psql -c</c> (PostgreSQL's own
/// lexer decides). Both must fail, or both succeed with the same values in the same order.
/// </summary>
public sealed class SplitterAgreesWithServerTests
{
    private const int Cases = 300;

    private static readonly string[] Statements =
    [
        "select 1",
        "select 'a;b'",
        "select 'it''s; ok'",
        "select E'it\\'s; \\\\'",
        "select '\\'",
        "select $$a;b$$",
        "select $t$ $$ ; $t$",
        "select $é$;$é$",
        "select $😀$;'$😀$",
        "select U&'d\\0061t;'",
        "select U&'d!0061t;' uescape '!'",
        "select U&\"a;\" from (select 1 as \"a;\") s",
        "select B'101'::text",
        "select X'1F'::text",
        "select N'n;'::text",
        "select 1 /* c; /* nested; */ ; */ + 1",
        "select (3)",
        "select ('a;' || 'b')",
        "select 'a'\n'b'",
        "select \"x;y\" from (select 4 as \"x;y\") s",
        "select a$b from (select 5 as a$b) s",
        "select length('😀𝔸;')",
        "select 6 -- trailing; comment\n",
        "do $$ begin perform 1; end $$",
        "create or replace function pg_temp.f() returns int language sql begin atomic select 7; select case when true then 8 end; end",
        "create or replace function pg_temp.g() returns int language sql as 'select 9; select 10'",
    ];

    private static readonly string[] LineEnds = ["\n", "\r\n", "\r"];

    private static readonly string[] Unterminated =
    [
        "/* open; select 1;",
        "/* a /* b */ ; select 1;",
        "select 'open; select 1;",
        "select E'\\'; select 1;",
        "select $q$ open; select 1;",
        "select \"open; select 1;",
        "select U&'open; select 1;",
        "select 1 /* open",
    ];

    private static string Generate(Random random)
    {
        var sb = new StringBuilder();
        string LineEnd() => LineEnds[random.Next(LineEnds.Length)];
        string Gap() => random.Next(6) switch
        {
            0 => "",
            1 => " ",
            2 => LineEnd(),
            3 => "-- note; it's \"odd\" $$" + LineEnd(),
            4 => "/* gap; 'x' */ ",
            _ => "/* a /* nested; */ b */" + LineEnd(),
        };
        sb.Append(Gap());
        var count = random.Next(1, 6);
        for (var i = 0; i < count; i++)
        {
            sb.Append(Statements[random.Next(Statements.Length)]);
            if (i < count - 1 || random.Next(2) == 0) sb.Append(';');
            sb.Append(Gap());
        }
        if (random.Next(6) == 0) sb.Append(Unterminated[random.Next(Unterminated.Length)]);
        else if (random.Next(4) == 0) sb.Append("-- last line; no line end");
        return sb.ToString();
    }

    [Fact]
    public async Task Generated_scripts_split_and_run_like_the_server_runs_them_whole()
    {
        var psql = FindOnPath("psql");
        Assert.SkipWhen(psql is null, "psql is not on PATH: it gives PostgreSQL's own verdict on a whole script (apt-get install postgresql-client)");
        var admin = new NpgsqlConnectionStringBuilder(await TestServer.AdminConnectionStringAsync());
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);

        var scripts = Enumerable.Range(0, Cases).Select(seed => Generate(new Random(seed))).ToList();
        var whole = await RunWholeAsync(psql!, admin, scripts, TestContext.Current.CancellationToken);
        var unterminated = 0;
        for (var seed = 0; seed < Cases; seed++)
        {
            var split = await RunSplitAsync(connection, scripts[seed]);
            var label = $"seed {seed}: {Escape(scripts[seed])}";
            Assert.True(whole[seed].Failed == split.Failed,
                $"{label}\n  server whole: {(whole[seed].Failed ? "failed" : "ok")}; runner: {(split.Failed ? "failed" : "ok")} {split.Values}");
            if (!whole[seed].Failed) Assert.True(whole[seed].Values == split.Values, $"{label}\n  server whole: {whole[seed].Values}\n  runner: {split.Values}");
            else unterminated++;
        }
        Assert.InRange(unterminated, Cases / 10, Cases / 3); // the generator really produced both kinds
    }

    private static async Task<(bool Failed, string Values)> RunSplitAsync(NpgsqlConnection connection, string script)
    {
        if (ScriptValidation.FindProblem(script) is { } problem) return (true, "rejected: " + problem.Message);
        var values = new List<string>();
        foreach (var statement in SqlStatementSplitter.Split(script))
        {
            try
            {
                // As ScriptExecutor sends it.
                await using var cmd = new NpgsqlCommand(statement.Text, connection);
                if (statement.HasInnerSemicolon) cmd.Parameters.Add(new NpgsqlParameter { Value = 0 });
                await using var reader = await cmd.ExecuteReaderAsync();
                do
                    while (await reader.ReadAsync())
                        values.Add(reader.IsDBNull(0) ? "" : Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
                while (await reader.NextResultAsync());
            }
            catch (PostgresException e)
            {
                return (true, $"{string.Join("|", values)} then {e.SqlState} {e.MessageText} in {Escape(statement.Text)}");
            }
        }
        return (false, string.Join("|", values));
    }

    /// <summary>
    /// Each script as one simple-protocol query (<c>psql -c</c>; several <c>-c</c> run in order in one session), each
    /// followed by <c>\echo</c> of psql's ERROR variable, so one psql process judges a whole batch.
    /// </summary>
    private static async Task<(bool Failed, string Values)[]> RunWholeAsync(string psql, NpgsqlConnectionStringBuilder admin,
        IReadOnlyList<string> scripts, CancellationToken ct)
    {
        var start = new ProcessStartInfo(psql) { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var arg in new[] { "-X", "-q", "-A", "-t" }) start.ArgumentList.Add(arg);
        foreach (var script in scripts)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(script);
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("\\echo " + Marker + ":ERROR");
        }
        start.Environment["PGHOST"] = admin.Host;
        start.Environment["PGPORT"] = admin.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = admin.Username;
        start.Environment["PGPASSWORD"] = admin.Password;
        start.Environment["PGDATABASE"] = admin.Database;
        start.Environment["PGCLIENTENCODING"] = "UTF8";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        var results = new List<(bool, string)>();
        var values = new List<string>();
        foreach (var line in (await stdout).Split('\n'))
        {
            if (!line.StartsWith(Marker, StringComparison.Ordinal)) { values.Add(line); continue; }
            results.Add((line == Marker + "true", string.Join("|", values)));
            values.Clear();
        }
        Assert.True(results.Count == scripts.Count, $"psql judged {results.Count} of {scripts.Count} scripts: {await stderr}");
        return [.. results];
    }

    private const string Marker = "##schema-test-error=";

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
        .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

    private static string Escape(string s) => s.Replace("\r", "\\r").Replace("\n", "\\n");
}
