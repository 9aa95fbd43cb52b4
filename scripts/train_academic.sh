#!/bin/sh
# Trains the academic reference tagger on AnyStyle's tagged references (BSD-2-Clause; see
# data/academic-model.md) and writes data/academic-model.bin. Deterministic.
#   scripts/train_academic.sh [DATA_DIR]     (default ../shared/academic)
set -eu
dir="${1:-../shared/academic}"
cargo run --release --example academic_train -- "$dir" data/academic-model.bin
