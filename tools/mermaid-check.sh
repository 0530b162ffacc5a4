#!/usr/bin/env bash
# mermaid-check.sh FILE... — renders every ```mermaid block of the given Markdown files with Mermaid's own renderer
# (mermaid-cli `mmdc`, headless chromium), so a diagram GitHub would show as a syntax error fails the build.
# Exit 0 when every block renders, 1 when one does not (named by file and line), 2 on usage or a missing tool.
# Needs: mmdc (npm @mermaid-js/mermaid-cli) and a chromium; PUPPETEER_EXECUTABLE_PATH defaults to Debian's
# /usr/bin/chromium. Chromium runs with --no-sandbox because CI runs as root (the sandbox refuses root).
set -euo pipefail

if [[ $# -eq 0 || "$1" == "-h" || "$1" == "--help" ]]; then
  echo "usage: tools/mermaid-check.sh FILE.md... (renders every mermaid block with mmdc; exit 1 when one fails)"
  [[ $# -eq 0 ]] && exit 2 || exit 0
fi
command -v mmdc >/dev/null || { echo "error: mmdc not found (npm install -g @mermaid-js/mermaid-cli)" >&2; exit 2; }
export PUPPETEER_EXECUTABLE_PATH="${PUPPETEER_EXECUTABLE_PATH:-/usr/bin/chromium}"
[[ -x "$PUPPETEER_EXECUTABLE_PATH" ]] || {
  echo "error: no chromium at $PUPPETEER_EXECUTABLE_PATH (apt-get install chromium, or set PUPPETEER_EXECUTABLE_PATH)" >&2
  exit 2
}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '{"args": ["--no-sandbox", "--disable-gpu"]}\n' > "$work/puppeteer.json"
# Mermaid's default maxTextSize (50,000) is what GitHub applies too: keep it, so an oversized diagram fails here.
printf '{"maxTextSize": 50000}\n' > "$work/mermaid.json"

blocks=0 failed=0
for file in "$@"; do
  [[ -f "$file" ]] || { echo "error: no such file: $file" >&2; exit 2; }
  # one .mmd per block, named by its opening line: <n>.mmd
  rm -f "$work"/*.mmd "$work"/out*
  awk -v dir="$work" '
    /^```mermaid[[:space:]]*$/ { inside = 1; start = NR; out = dir "/" NR ".mmd"; printf "" > out; next }
    inside && /^```[[:space:]]*$/ { inside = 0; close(out); next }
    inside { print > out }
    END { if (inside) { print "unterminated mermaid block at line " start > "/dev/stderr"; exit 1 } }
  ' "$file" || { echo "$file: unterminated mermaid block" >&2; failed=$((failed + 1)); continue; }
  count=$(ls "$work"/*.mmd 2>/dev/null | wc -l)
  [[ $count -gt 0 ]] || continue
  # fast path: the whole file in one browser session; only when it fails, block by block to name the failures
  rm -f "$work"/out*
  if mmdc --quiet -p "$work/puppeteer.json" -c "$work/mermaid.json" -i "$file" -o "$work/out.md" >"$work/log" 2>&1 \
     && [[ $(ls "$work"/out-*.svg 2>/dev/null | wc -l) -eq $count ]] \
     && ! grep -q 'Syntax error in text' "$work"/out-*.svg; then
    blocks=$((blocks + count))
    continue
  fi
  for line in $(cd "$work" && ls -- *.mmd 2>/dev/null | sed 's/\.mmd$//' | sort -n); do
    mmd="$work/$line.mmd"
    blocks=$((blocks + 1))
    if ! mmdc --quiet -p "$work/puppeteer.json" -c "$work/mermaid.json" -i "$mmd" -o "$work/out.svg" \
         >"$work/log" 2>&1 || ! grep -q '<svg' "$work/out.svg" || grep -q 'Syntax error in text' "$work/out.svg"; then
      failed=$((failed + 1))
      echo "$file:$line: the mermaid block does not render:" >&2
      grep -v -e '^\s*at ' -e 'mermaid-cli-intercept' "$work/log" | head -n 8 | sed 's/^/  /' >&2
    fi
    rm -f "$work"/out*
  done
done
if [[ $failed -gt 0 ]]; then
  echo "mermaid-check: $failed of $blocks block(s) do not render" >&2
  exit 1
fi
echo "mermaid-check: $blocks block(s) render"
