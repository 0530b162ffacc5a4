using System.CommandLine;
using Schema.Core.LocalServer;

namespace Schema.Cli;

/// <summary><c>schema local start|stop|status</c>: the zero-config local server.</summary>
internal sealed partial class Commands
{
    private Command Local()
    {
        var command = new Command("local", "The zero-config local PostgreSQL 17 + TimescaleDB + pgvector server (a Debian trixie chroot under ~/.cache/schema-cli).");
        var start = new Command("start", "Build (first time), initialise and start it; print its connection string without the password.");
        start.SetAction(async (_, ct) =>
        {
            var endpoint = await LocalServer.EnsureAsync(ct);
            await stdout.WriteLineAsync($"running: Host={endpoint.Host};Port={endpoint.Port};Username={endpoint.Username} (password in {endpoint.PasswordFile})");
            return SchemaCli.Ok;
        });
        var stop = new Command("stop", "Stop it.");
        stop.SetAction(async (_, ct) => { await LocalServer.StopAsync(ct); await stdout.WriteLineAsync("stopped"); return SchemaCli.Ok; });
        var status = new Command("status", "Say whether it runs.");
        status.SetAction(async (_, ct) => { await stdout.WriteAsync(await LocalServer.StatusAsync(ct)); return SchemaCli.Ok; });
        command.Subcommands.Add(start);
        command.Subcommands.Add(stop);
        command.Subcommands.Add(status);
        return command;
    }
}
