// The benchmark suite of issue 9 §1: `dotnet run --project src/Schema.Benchmarks -c Release -- --help`.
// Not a test project: a timed assertion on a shared 2-core machine tests the scheduler, not the code.
using Schema.Benchmarks.Harness;

return await BenchRunner.RunAsync(args, Console.Out, Console.Error);
