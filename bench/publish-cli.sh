#!/usr/bin/env bash
# Builds the schema CLI the benchmarks time (measures 1-3): self-contained, composite ReadyToRun (the runtime and
# the app precompiled together), into artifacts/bench-cli/schema. With --aot, also the NativeAOT build into
# artifacts/bench-aot/schema (needs clang and zlib1g-dev on the build machine; measure 2 times it when present).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet publish src/Schema.Cli -c Release -r linux-x64 --self-contained \
  -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o artifacts/bench-cli
if [ "${1:-}" = "--aot" ]; then
  dotnet publish src/Schema.Cli -c Release -r linux-x64 -p:PublishAot=true -o artifacts/bench-aot
fi
