#!/usr/bin/env bash
# The benchmark suite at its small size, so that it cannot rot: builds the CLI under test and the harness, runs all
# nine measures (--size small --pairs 3) against the local server (or SCHEMA_TEST_CONNECTION) and writes the report
# to $BENCH_OUTPUT (default TestResults/benchmarks-small.md). Exits non-zero when a build or any measure fails.
# No timing is asserted: on a shared CI machine a timed assertion tests the scheduler, not the code.
set -uo pipefail
cd "$(dirname "$0")/.."
output="${BENCH_OUTPUT:-TestResults/benchmarks-small.md}"
mkdir -p "$(dirname "$output")"
# BENCH_PUBLISHED=1: the caller (.ci/run) has just run bench/publish-cli.sh --aot
if [ "${BENCH_PUBLISHED:-0}" != 1 ]; then
  bench/publish-cli.sh >/dev/null || { echo "bench: publishing the CLI failed"; exit 1; }
fi
dotnet build src/Schema.Benchmarks -c Release >/dev/null || { echo "bench: building the harness failed"; exit 1; }
dotnet run --project src/Schema.Benchmarks -c Release --no-build -- \
  --size small --pairs 3 --prefix bench_ci --output "$(realpath -m "$output")"
