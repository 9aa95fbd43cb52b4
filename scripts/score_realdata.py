#!/usr/bin/env python3
"""Scores `reftrace parse` on every document of ../shared/realdata (or DIR).

  scripts/score_realdata.py [--bin PATH] [--dir DIR] [--misses] [--min RATE]

For each NAME.txt with a NAME.references.json beside it, runs
`reftrace parse NAME.txt --format json`, scores it with ../shared/eval/score.py and
prints one row per document (records exact, fields right, extra records), then the
mean of the record-exact rates. `--misses` prints score.py's list of misses under
each row; `--min RATE` exits 1 when any document is below RATE (0-1).
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, "target", "release", "reftrace"))
    ap.add_argument("--dir", default=os.path.join(ROOT, "..", "shared", "realdata"))
    ap.add_argument("--score", default=os.path.join(ROOT, "..", "shared", "eval", "score.py"))
    ap.add_argument("--misses", action="store_true")
    ap.add_argument("--min", type=float, default=None)
    args = ap.parse_args()

    names = sorted(
        f[: -len(".txt")]
        for f in os.listdir(args.dir)
        if f.endswith(".txt") and os.path.exists(os.path.join(args.dir, f[:-4] + ".references.json"))
    )
    if not names:
        print(f"no documents in {args.dir}", file=sys.stderr)
        return 2
    rates = []
    below = []
    print(f"{'document':<50} {'exact':>9} {'rate':>7} {'fields':>9} {'extra':>5}")
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            out = os.path.join(tmp, name + ".json")
            with open(out, "w", encoding="utf-8") as f:
                subprocess.run(
                    [args.bin, "parse", os.path.join(args.dir, name + ".txt"), "--format", "json"],
                    stdout=f,
                    stderr=subprocess.DEVNULL,
                )
            res = subprocess.run(
                [sys.executable, args.score, "parse", os.path.join(args.dir, name + ".references.json"), out],
                capture_output=True,
                text=True,
            )
            m = re.search(
                r"parse: (\d+)/(\d+) records exact, (\d+)/(\d+) fields right, (-?\d+) extra",
                res.stdout,
            )
            if not m:
                print(f"{name:<50} score failed: {res.stdout.strip()[-200:]}")
                rates.append(0.0)
                below.append(name)
                continue
            exact, n, fields, nf, extra = map(int, m.groups())
            rate = exact / n if n else 1.0
            rates.append(rate)
            if args.min is not None and rate < args.min:
                below.append(name)
            print(f"{name:<50} {exact:>4}/{n:<4} {rate:>7.1%} {fields:>4}/{nf:<4} {extra:>5}")
            if args.misses:
                for line in res.stdout.splitlines():
                    if line.startswith("  miss"):
                        print("    " + line.strip())
    print(f"{'mean of ' + str(len(rates)) + ' documents':<50} {'':>9} {sum(rates) / len(rates):>7.1%}")
    if args.min is not None and below:
        print(f"below {args.min:.0%}: {', '.join(below)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
