#!/usr/bin/env bash
# Builds the schema CLI the benchmarks time (measures 1-3): self-contained, composite ReadyToRun (the runtime and
# the app precompiled together: the fastest start-up this SDK can produce here; NativeAOT's ILCompiler pack is not
# on the package feed), into artifacts/bench-cli/schema.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet publish src/Schema.Cli -c Release -r linux-x64 --self-contained \
  -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o artifacts/bench-cli "$@"
