using System.CommandLine;
using Schema.Core.Configuration;
using Schema.Core.Fleet;

namespace Schema.Cli;

/// <summary>The options that turn <c>up</c> and <c>status</c> into fleet commands (<c>--targets FILE</c>).</summary>
internal sealed class FleetOptions
{
    public Option<string?> Targets { get; } = new("--targets")
    {
        Description = "run on every database of this targets file (one per line: `name connection-string` or " +
                      "`name env:VARIABLE`; # comments) instead of one --connection",
    };

    public Option<int?> Parallel { get; } = new("--parallel")
    {
        Description = "with --targets: how many targets run at the same time after the canaries (default 4)",
    };

    public Option<int?> Canary { get; } = new("--canary")
    {
        Description = "with --targets: run the first K targets first, one at a time; a failing canary stops the rollout",
    };

    public Option<bool> ContinueOnError { get; } = new("--continue-on-error")
    {
        Description = "with --targets: keep starting targets after one failed (default: the first failure stops scheduling)",
    };

    public void AddTo(Command command, bool rollout)
    {
        command.Options.Add(Targets);
        command.Options.Add(Parallel);
        if (!rollout) return;
        command.Options.Add(Canary);
        command.Options.Add(ContinueOnError);
    }

    public bool Given(ParseResult parse) => parse.GetValue(Targets) is not null;

    /// <summary>
    /// The rollout bounds; usage errors (exit 2) for values out of range or fleet options without --targets.
    /// </summary>
    public RolloutOptions Rollout(ParseResult parse, bool continueOnError)
    {
        // status has no --canary / --continue-on-error: read only the options the command has.
        var parallel = parse.GetResult(Parallel) is null ? null : parse.GetValue(Parallel);
        var canary = parse.GetResult(Canary) is null ? null : parse.GetValue(Canary);
        var keepGoing = parse.GetResult(ContinueOnError) is not null && parse.GetValue(ContinueOnError);
        if (!Given(parse) && (parallel is not null || canary is not null || keepGoing))
            throw new ConfigurationException("--parallel, --canary and --continue-on-error need --targets");
        if (parallel is < 1 or > 64) throw new ConfigurationException("--parallel must be between 1 and 64");
        if (canary is < 0) throw new ConfigurationException("--canary must be 0 or more");
        return new RolloutOptions(parallel ?? 4, canary ?? 0, continueOnError || keepGoing);
    }

    /// <summary>
    /// The targets file, checked whole (file:line errors, exit 2) before anything connects. Its connections replace
    /// the configured one.
    /// </summary>
    public IReadOnlyList<FleetTarget> Load(ParseResult parse)
    {
        var path = parse.GetValue(Targets)!;
        if (string.IsNullOrWhiteSpace(path)) throw new ConfigurationException("--targets is empty: give a file");
        return TargetsFile.Load(path, Environment.GetEnvironmentVariable);
    }
}
