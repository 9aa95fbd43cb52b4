#!/usr/bin/env bash
# End-to-end speed and memory of `reftrace parse` on 100,000 entries (9.8 MB): the
# seed article's list repeated as benches/parse.rs builds it, run through the release
# binary with its output written to a file, under /usr/bin/time.
#
#   scripts/bench_e2e.sh [RUNS]      # default 5 runs per format
#
# A list this long is made on two threads (src/cli/chunked.rs), so the speed that counts
# is wall time: MB/s is reported from the fastest and the median run's wall time, beside
# the median CPU time (user + system). On a shared machine wall time varies from run to
# run: run it quiet, with several runs. Peak memory is the maximum resident set size (it
# does not depend on load). Needs python3 and GNU time (/usr/bin/time).
# REFTRACE_BIN=path times another build.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
bin=${REFTRACE_BIN:-target/release/reftrace}
[ -x "$bin" ] || cargo build --release
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work/big.txt" <<'PY'
import sys
lines = open("refs/musings-2023-11-22-us-retaliates.txt", encoding="utf-8").read().split("\n")
head, body = "\n".join(lines[:23]), "\n".join(lines[23:113])
open(sys.argv[1], "w", encoding="utf-8").write(head + "\n" + "".join(body + "\n\n" for _ in range(2858)))
PY
size=$(stat -c %s "$work/big.txt")
printf '%-6s %8s %8s %8s %8s %8s %8s %8s %8s\n' format wall_min wall_med MB/s_min MB/s_med cpu_med peak_MB peak/in out_MB
for format in json jsonl table; do
    : >"$work/times"
    for _ in $(seq "$runs"); do
        /usr/bin/time -f '%U %S %e %M' -o "$work/time" "$bin" parse "$work/big.txt" --format "$format" >"$work/out" 2>/dev/null || true
        cat "$work/time" >>"$work/times"
    done
    out=$(stat -c %s "$work/out")
    python3 - "$work/times" "$format" "$size" "$out" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
fmt, size, out = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
wall = sorted(r[2] for r in rows)
cpu = statistics.median(r[0] + r[1] for r in rows)
peak = max(r[3] for r in rows) * 1024
lo, med = wall[0], statistics.median(wall)
print(f"{fmt:6} {lo:8.2f} {med:8.2f} {size / 1e6 / max(lo, 0.01):8.1f} {size / 1e6 / max(med, 0.01):8.1f} "
      f"{cpu:8.2f} {peak / 1e6:8.1f} {peak / size:8.1f} {out / 1e6:8.1f}")
PY
done
echo "input: $size bytes, 100,030 entries; $runs runs per format; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
