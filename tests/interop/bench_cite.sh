#!/usr/bin/env bash
# Times `reftrace cite --style apa` against `pandoc --citeproc` with APA on the same
# records (our CSL-JSON export), for a generated article of N references (default
# 10,000). Both are whole runs of the programs: reading, formatting, writing.
# Usage: tests/interop/bench_cite.sh [N]   (needs a release build and pandoc)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n="${1:-10000}"
apa_csl="${APA_CSL:-/usr/share/citation-style-language/styles/apa.csl}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$root" && cargo build --release --quiet)
reftrace="${CARGO_TARGET_DIR:-$root/target}/release/reftrace"

python3 - "$n" >"$work/article.txt" <<'PY'
import sys
n = int(sys.argv[1])
families = ["Van Wilgenburg", "Müller", "O’Brien", "Al-Kaabi", "Szuba", "Núñez", "Salem"]
given = ["Wladimir", "Zoë", "Seán", "Amir", "Jared", "José", "Amr"]
outlets = ["Kurdistan 24", "Reuters", "Rudaw", "The National", "Shafaq News"]
words = ["drone", "attack", "US", "base", "Ain", "al-Assad", "Erbil", "strikes",
         "militia", "coalition", "rockets", "Iraq", "Syria", "forces", "targets"]
print("A Generated Article With Many References\n\n22 November 2023\n")
print("Body text of the generated article.\n\nSources\n")
for i in range(n):
    f, g = families[i % 7], given[(i * 3) % 7]
    title = " ".join(words[(i * k + k) % len(words)] for k in range(1, 8)) + f" {i}"
    date = f"{i % 12 + 1}/{i % 28 + 1}/23"
    if i % 4 == 0:
        print(f'{outlets[i % 5]}, "{title.capitalize()}," {date}\n')
    else:
        print(f'{f}, {g}, "{title.capitalize()}," {outlets[i % 5]}, {date}\n')
PY

"$reftrace" export "$work/article.txt" --to csl-json -o "$work/refs.json"
count="$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$work/refs.json")"
printf -- '---\nnocite: |\n  @*\n---\n' >"$work/nocite.md"

time_of() { # prints seconds of one run of the command
    local start end
    start=$(date +%s.%N)
    "$@" >/dev/null
    end=$(date +%s.%N)
    python3 -c "print(f'{$end - $start:.2f}')"
}
ours=$(time_of "$reftrace" cite "$work/article.txt" --style apa)
theirs=$(time_of pandoc -f markdown --citeproc --bibliography="$work/refs.json" \
    --csl="$apa_csl" -t plain --wrap=none "$work/nocite.md")
echo "records: $count"
echo "reftrace cite --style apa: ${ours}s"
echo "pandoc --citeproc (apa.csl): ${theirs}s"
python3 -c "print(f'ratio pandoc/reftrace: {$theirs / $ours:.2f}')"
