#!/usr/bin/env bash
# Browser checks of the HTML report in Debian's chromium (install with install.sh).
# Builds reftrace, writes the seed's report and a hostile article's report, then drives
# chromium through check.js: PASS/FAIL per check, screenshots under target/browser/,
# a last line "N passed, M failed". Exits non-zero on any failure or missing tool.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$root"

missing=0
for tool in /usr/bin/chromium node cargo; do
    if ! command -v "$tool" >/dev/null; then echo "FAIL missing tool: $tool"; missing=1; fi
done
if [ ! -d "$here/node_modules/playwright-core" ]; then
    echo "FAIL missing tool: playwright-core (run tests/browser/install.sh)"; missing=1
fi
if [ "$missing" != 0 ]; then echo "0 passed, 1 failed"; exit 1; fi

out="$root/target/browser"
mkdir -p "$out"
if ! cargo build --quiet 2>"$out/build.log"; then
    cat "$out/build.log"; echo "FAIL cargo build"; echo "0 passed, 1 failed"; exit 1
fi
bin="${CARGO_TARGET_DIR:-$root/target}/debug/reftrace"
seed="refs/musings-2023-11-22-us-retaliates.txt"

# Exit code 1 means "unsupported claims found", which the seed has; 2 is a real error.
report() {
    local rc=0
    "$bin" trace "$@" || rc=$?
    if [ "$rc" -gt 1 ]; then echo "FAIL reftrace trace $* exited $rc"; echo "0 passed, 1 failed"; exit 1; fi
}
report "$seed" --format html -o "$out/seed.html"
report "$seed" --format json -o "$out/seed.json"
report tests/data/hostile.txt --format html -o "$out/hostile.html"
echo "report $out/seed.html ($(wc -c < "$out/seed.html") bytes)"

node "$here/check.js" "$out/seed.html" "$out/seed.json" "$out/hostile.html" "$out"
