#!/usr/bin/env bash
# End-to-end speed and memory of `reftrace parse` on 100,000 entries (9.8 MB): the
# seed article's list repeated as benches/parse.rs builds it, run through the release
# binary with its output written to a file, under /usr/bin/time.
#
#   scripts/bench_e2e.sh [RUNS]      # default 5 runs per format; best run is reported
#
# On a shared machine wall time says little, so speed is reported from CPU time (user +
# system) of the best run; peak memory is the maximum resident set size (it does not
# depend on load). Needs python3 and GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
bin=target/release/reftrace
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
printf '%-6s %9s %9s %9s %10s %9s %10s\n' format cpu_s wall_s MB/s peak_MB peak/in out_MB
for format in json jsonl table; do
    best=""
    for _ in $(seq "$runs"); do
        /usr/bin/time -f '%U %S %e %M' -o "$work/time" "$bin" parse "$work/big.txt" --format "$format" >"$work/out" 2>/dev/null || true
        read -r user sys wall kb <"$work/time"
        cpu=$(python3 -c "print(round($user + $sys, 2))")
        if [ -z "$best" ] || python3 -c "import sys; sys.exit(0 if $cpu < ${best%% *} else 1)"; then
            best="$cpu $wall $kb"
        fi
    done
    read -r cpu wall kb <<<"$best"
    out=$(stat -c %s "$work/out")
    python3 -c "
size, cpu, kb, out = $size, $cpu, $kb, $out
print(f'%-6s %9.2f %9s %9.1f %10.1f %9.1f %10.1f' % ('$format', cpu, '$wall', size / 1e6 / max(cpu, 0.01), kb * 1024 / 1e6, kb * 1024 / size, out / 1e6))"
done
echo "input: $size bytes, 100,030 entries; best of $runs runs by CPU time"
