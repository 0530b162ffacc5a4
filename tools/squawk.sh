#!/usr/bin/env bash
# Squawk over the migrations (not the .down.sql files), as a second opinion next to `schema lint`.
# Installs the pinned squawk-cli (exact version in tools/squawk/package.json) with `npm install` on first use
# (`npm ci` rejects the lock file: npm 11 records the platform binaries of squawk-cli without versions), then lints the scripts
# the runner wraps in a transaction with assume_in_transaction (.squawk.toml) and the `-- schema:no-transaction`
# ones without. Extra arguments go to squawk (e.g. --reporter gcc). Exit: squawk's (non-zero on findings).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tool="$root/tools/squawk"
if [[ ! -x "$tool/node_modules/.bin/squawk" ]]; then
    (cd "$tool" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi
squawk="$tool/node_modules/.bin/squawk"
cd "$root"
in_tx=()
no_tx=()
for f in migrations/*.sql; do
    [[ "$f" == *.down.sql ]] && continue
    # the header directive, as the runner reads it (a leading comment line)
    if grep -qE '^--[[:space:]]*schema:no-transaction[[:space:]]*$' "$f"; then no_tx+=("$f"); else in_tx+=("$f"); fi
done
status=0
if (( ${#in_tx[@]} > 0 )); then "$squawk" --config .squawk.toml "$@" "${in_tx[@]}" || status=$?; fi
if (( ${#no_tx[@]} > 0 )); then
    "$squawk" --config .squawk.toml --no-assume-in-transaction "$@" "${no_tx[@]}" || status=$?
fi
exit "$status"
