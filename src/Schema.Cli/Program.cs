using System.Runtime.InteropServices;
using Schema.Cli;

// Ctrl-C (SIGINT) and SIGTERM cancel the run instead of killing the process: the running statement is cancelled on
// the server, its transaction rolls back, the runner lock is released, and the exit code says which signal it was
// (130 / 143, the shell's 128 + signal number). A second signal while that happens ends the process at once.
using var interrupt = new CancellationTokenSource();
var signalExitCode = 0;
void OnSignal(PosixSignalContext context, int exitCode)
{
    if (Interlocked.CompareExchange(ref signalExitCode, exitCode, 0) != 0) return;
    context.Cancel = true;
    interrupt.Cancel();
}
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => OnSignal(c, 130));
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => OnSignal(c, 143));

var code = await SchemaCli.RunAsync(args, Console.Out, Console.Error, interrupt.Token);
return signalExitCode != 0 && code != SchemaCli.Ok ? signalExitCode : code;
