#!/usr/bin/env bash
# The Python package's checks, run by .ci/run after `cargo test`: builds the wheel with
# maturin, installs it in a fresh venv (and checks it imports there with nothing else),
# installs pytest, pyarrow and pyspark and a Java runtime for Spark when none is
# present, then runs bindings/python/tests (API, errors, threads, round trips against
# the CLI, the Parquet tables, and the Spark job in local mode). Anything missing fails
# the run. Needs the release CLI (`cargo build --release`) for the comparisons.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
step() { printf '\n--- %s (%s)\n' "$*" "$(date -u +%H:%M:%S)"; }

bin="$root/target/release/reftrace"
[ -x "$bin" ] || { echo "missing $bin: run cargo build --release first"; exit 1; }

step "a Java runtime for Spark"
if ! command -v java >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    sudo_cmd=""
    if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo"; fi
    $sudo_cmd apt-get update -qq
    $sudo_cmd apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless >/dev/null
fi
java -version 2>&1 | head -1

step "tools venv: maturin, pytest, pyarrow, pyspark"
tools="$root/target/python/tools"
python3 -m venv "$tools"
"$tools/bin/pip" install -q --upgrade pip
"$tools/bin/pip" install -q -r "$root/bindings/python/requirements-test.txt"

step "the wheel (maturin build --release)"
wheels="$root/target/python/wheels"
rm -rf "$wheels"
(cd "$root/bindings/python" && "$tools/bin/maturin" build --release --out "$wheels")
wheel="$(ls "$wheels"/reftrace-*.whl)"
echo "built $wheel"

step "pip install of the wheel in a fresh venv"
fresh="$root/target/python/fresh"
rm -rf "$fresh"
python3 -m venv "$fresh"
"$fresh/bin/pip" install -q "$wheel"
"$fresh/bin/python" - "$root/refs/musings-2023-11-22-us-retaliates.txt" <<'PY'
import sys, reftrace
text = open(sys.argv[1], encoding="utf-8").read()
parsed = reftrace.parse(text, source="sample.txt")
assert len(parsed.records) == 35, len(parsed.records)
assert reftrace.export(parsed.records, to="ris").startswith("TY  - ")
print(f"reftrace {reftrace.__version__} from a fresh venv: {len(parsed.records)} records")
PY

step "pytest (the Python API, tables and the Spark job)"
"$tools/bin/pip" install -q --force-reinstall --no-deps "$wheel"
REFTRACE_BIN="$bin" "$tools/bin/python" -m pytest "$root/bindings/python/tests" -v -p no:cacheprovider
