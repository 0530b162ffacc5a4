using Schema.Cli;

namespace Schema.Tests.Harness;

public sealed record CliResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs the schema CLI in-process (same code path as the executable: parse, configure, run, classify errors).</summary>
public static class CliRunner
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await SchemaCli.RunAsync(args, stdout, stderr);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
