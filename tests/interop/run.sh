#!/usr/bin/env bash
# Real-tool checks of `reftrace export` and `reftrace cite` (issues 3, 8 and 11). Builds the
# binary, exports the seed article, tests/data/specials.txt (awkward text),
# tests/data/incomplete.txt (records without a title or a date) and the academic list
# tests/data/academic-list.txt (read with --list: journal articles, books, chapters,
# theses, conference papers), tests/data/academic-dates.txt and tests/data/academic-media.txt
# (APA's described works: a film, a data set, a video, a program) to every format, and runs
# every check: biber, bibtex (no warnings), pdflatex+biber, bibtexparser,
# check-jsonschema, pandoc, citation-js, rispy and Typst; then compares `reftrace cite`
# with pandoc's citeproc. Prints `PASS name` / `FAIL name` per check and ends with
# `N passed, M failed`. A missing tool is a failure, never a skip.
# Install the tools first with tests/interop/install.sh.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
shared="${REFTRACE_SHARED:-$root/../shared}"
schema="$shared/interop/csl-data.schema.json"
apa_csl="${APA_CSL:-/usr/share/citation-style-language/styles/apa.csl}"
export PATH="$root/.venv/bin:$PATH"
export NODE_PATH="$here/node_modules"
python="$root/.venv/bin/python"
checks="$here/checks.py"

passed=0
failed=0
pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() {
    echo "FAIL $1"
    if [ -n "${2:-}" ]; then printf '%s\n' "$2" | head -40 | sed 's/^/    /'; fi
    failed=$((failed + 1))
}
# check NAME COMMAND...: passes when the command exits 0.
check() {
    local name="$1"; shift
    local out
    if out="$("$@" 2>&1)"; then pass "$name"; else fail "$name" "$out"; fi
}
# clean_log NAME COMMAND...: passes when the command exits 0 and prints no WARN/ERROR.
clean_log() {
    local name="$1"; shift
    local out rc
    out="$("$@" 2>&1)"; rc=$?
    if [ $rc -eq 0 ] && ! grep -qE 'WARN|ERROR' <<<"$out"; then
        pass "$name"
    else
        fail "$name" "exit $rc; $(grep -E 'WARN|ERROR' <<<"$out")"
    fi
}

missing=0
for tool in cargo biber bibtex pdflatex pdftotext pandoc node check-jsonschema; do
    if ! command -v "$tool" >/dev/null 2>&1; then fail "tool-$tool" "$tool is not installed"; missing=1; fi
done
for f in "$python" "$schema" "$apa_csl" "$here/node_modules/@citation-js/core/package.json"; do
    if [ ! -e "$f" ]; then fail "file-$(basename "$f")" "$f is missing"; missing=1; fi
done
if [ $missing -eq 1 ]; then
    echo "$passed passed, $failed failed"
    exit 1
fi

if ! build_out="$(cd "$root" && cargo build --quiet 2>&1)"; then
    fail "build" "$build_out"
    echo "$passed passed, $failed failed"
    exit 1
fi
reftrace="${CARGO_TARGET_DIR:-$root/target}/debug/reftrace"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

bibtex_run() { # bibtex_run DIR BIB: classic bibtex over every entry; 0 only when clean
    local dir="$1" bib="$2" out
    mkdir -p "$dir" && cp "$bib" "$dir/x.bib"
    printf '\\citation{*}\n\\bibdata{x}\n\\bibstyle{plain}\n' >"$dir/x.aux"
    out="$(cd "$dir" && bibtex -terse x 2>&1)" || { echo "$out"; return 1; }
    # bibtex exits 0 after warnings such as `empty year in KEY`: they count as failures.
    if grep -E 'Warning--|error message' <<<"$out"; then return 1; fi
}

latex_run() { # latex_run DIR BIB JSON: pdflatex + biber + pdflatex, titles in the PDF
    local dir="$1" bib="$2" json="$3"
    mkdir -p "$dir" && cp "$bib" "$dir/refs.bib"
    cat >"$dir/doc.tex" <<'TEX'
\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{lmodern}
\usepackage[backend=biber,style=authoryear]{biblatex}
\addbibresource{refs.bib}
\pdfpagewidth=150cm \paperwidth=150cm \textwidth=140cm \hoffset=-1in \oddsidemargin=2cm
\hyphenpenalty=10000 \exhyphenpenalty=10000
\begin{document}
\nocite{*}
\printbibliography
\end{document}
TEX
    (
        cd "$dir" || exit 1
        pdflatex -interaction=nonstopmode -halt-on-error doc.tex >/dev/null || { grep -A3 '^!' doc.log; exit 1; }
        out="$(biber doc 2>&1)" || { echo "$out"; exit 1; }
        if grep -E 'WARN|ERROR' <<<"$out"; then exit 1; fi
        pdflatex -interaction=nonstopmode -halt-on-error doc.tex >/dev/null || { grep -A3 '^!' doc.log; exit 1; }
        if grep -E '^!|Missing character' doc.log; then exit 1; fi
        pdftotext -layout doc.pdf doc.txt
    ) || return 1
    "$python" "$checks" titles "$json" "$dir/doc.txt"
}

pandoc_run() { # pandoc_run DIR JSON: citeproc with APA, no warnings, every title shown
    local dir="$1" json="$2"
    mkdir -p "$dir"
    printf -- '---\nnocite: |\n  @*\n---\n' >"$dir/nocite.md"
    pandoc -f markdown --citeproc --bibliography="$json" --csl="$apa_csl" -t plain \
        --wrap=none --fail-if-warnings -o "$dir/apa.txt" "$dir/nocite.md" || return 1
    "$python" "$checks" titles "$json" "$dir/apa.txt"
}

for article in "seed:$root/refs/musings-2023-11-22-us-retaliates.txt" \
    "specials:$root/tests/data/specials.txt" "incomplete:$root/tests/data/incomplete.txt" \
    "academic:--list:$root/tests/data/academic-list.txt" \
    "academic-dates:--list:$root/tests/data/academic-dates.txt" \
    "academic-media:--list:$root/tests/data/academic-media.txt"; do
    name="${article%%:*}"
    file="${article#*:}"
    list=()
    if [ "${file%%:*}" = "--list" ]; then list=(--list); file="${file#*:}"; fi
    d="$work/$name"
    mkdir -p "$d"
    ok=1
    for spec in biblatex:bib bibtex:bt.bib csl-json:json ris:ris yaml:yml; do
        fmt="${spec%%:*}"
        ext="${spec#*:}"
        if out="$("$reftrace" export "${list[@]}" "$file" --to "$fmt" -o "$d/refs.$ext" 2>&1)" && [ -s "$d/refs.$ext" ]; then
            pass "export-$name-$fmt"
        else
            fail "export-$name-$fmt" "$out"; ok=0
        fi
    done
    if out="$("$reftrace" export "${list[@]}" "$file" --to bibtex --ascii -o "$d/refs.ascii.bib" 2>&1)" && grep -qP '^[\x00-\x7F]*$' "$d/refs.ascii.bib" && ! grep -qP '[^\x00-\x7F]' "$d/refs.ascii.bib"; then
        pass "export-$name-bibtex-ascii"
    else
        fail "export-$name-bibtex-ascii" "$out"; ok=0
    fi
    [ $ok -eq 1 ] || continue
    count="$("$python" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$d/refs.json")"

    clean_log "biber-validate-$name" biber --tool -V --dieondatamodel --nolog --output-file=/dev/null "$d/refs.bib"
    check "bibtex-$name" bibtex_run "$d/bibtex" "$d/refs.bt.bib"
    check "bibtex-ascii-$name" bibtex_run "$d/bibtex-ascii" "$d/refs.ascii.bib"
    check "latex-biber-pdf-$name" latex_run "$d/latex" "$d/refs.bib" "$d/refs.json"
    check "bibtexparser-biblatex-$name" "$python" "$checks" bibtexparser "$d/refs.bib" "$count"
    check "bibtexparser-bibtex-$name" "$python" "$checks" bibtexparser "$d/refs.bt.bib" "$count"
    check "csl-json-schema-$name" check-jsonschema --schemafile "$schema" "$d/refs.json"
    check "pandoc-citeproc-$name" pandoc_run "$d/pandoc" "$d/refs.json"
    check "citation-js-csl-$name" node "$here/citation_js_check.js" csl "$d/refs.json" "$count" "$d/refs.json"
    check "citation-js-bibtex-$name" node "$here/citation_js_check.js" bibtex "$d/refs.bib" "$count"
    check "citation-js-ris-$name" node "$here/citation_js_check.js" ris "$d/refs.ris" "$count" "$d/refs.json"
    check "ris-rispy-lines-$name" "$python" "$checks" ris "$d/refs.ris" "$count" "$d/refs.json"
    mkdir -p "$d/typst" && cp "$d/refs.yml" "$d/typst/refs.yml" && cp "$d/refs.json" "$d/typst/refs.json"
    check "typst-$name" "$python" "$checks" typst "$d/typst/refs.yml" "$count"
done

# The library (issue 12): a collection built from both articles and an overlapping .bib,
# exported from the library database, passes the same real-tool checks.
d="$work/library"
mkdir -p "$d"
db="$d/library.sqlite"
lib_ok=1
if out="$("$reftrace" library --db "$db" add "$root/refs/musings-2023-11-22-us-retaliates.txt" \
    "$root/tests/data/specials.txt" --collection interop 2>&1)"; then
    pass "library-add"
else
    fail "library-add" "$out"; lib_ok=0
fi
# overlap.bib holds two broken entries on purpose: exit 1, the others imported.
out="$("$reftrace" library --db "$db" import "$root/tests/data/library/overlap.bib" --collection interop 2>&1)"
if [ $? -eq 1 ]; then pass "library-import"; else fail "library-import" "$out"; lib_ok=0; fi
for spec in biblatex:bib bibtex:bt.bib csl-json:json ris:ris yaml:yml; do
    fmt="${spec%%:*}"
    ext="${spec#*:}"
    if out="$("$reftrace" library --db "$db" export --collection interop --to "$fmt" -o "$d/refs.$ext" 2>&1)" && [ -s "$d/refs.$ext" ]; then
        pass "library-export-$fmt"
    else
        fail "library-export-$fmt" "$out"; lib_ok=0
    fi
done
if [ $lib_ok -eq 1 ]; then
    count="$("$python" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$d/refs.json")"
    clean_log "biber-validate-library" biber --tool -V --dieondatamodel --nolog --output-file=/dev/null "$d/refs.bib"
    check "bibtex-library" bibtex_run "$d/bibtex" "$d/refs.bt.bib"
    check "latex-biber-pdf-library" latex_run "$d/latex" "$d/refs.bib" "$d/refs.json"
    check "bibtexparser-biblatex-library" "$python" "$checks" bibtexparser "$d/refs.bib" "$count"
    check "csl-json-schema-library" check-jsonschema --schemafile "$schema" "$d/refs.json"
    check "pandoc-citeproc-library" pandoc_run "$d/pandoc" "$d/refs.json"
    check "citation-js-bibtex-library" node "$here/citation_js_check.js" bibtex "$d/refs.bib" "$count"
    check "ris-rispy-lines-library" "$python" "$checks" ris "$d/refs.ris" "$count"
    mkdir -p "$d/typst" && cp "$d/refs.yml" "$d/typst/refs.yml" && cp "$d/refs.json" "$d/typst/refs.json"
    check "typst-library" "$python" "$checks" typst "$d/typst/refs.yml" "$count"
fi

# Academic records in the library (issue 11): hand-written CSL-JSON records (an edited
# book, a translated book with a series and an ISBN, chapters, theses, conference papers
# with DOIs) imported, the academic list added (the same works, merged by DOI and title),
# exported from the database through every format and every tool.
d="$work/library-academic"
mkdir -p "$d"
db="$d/library.sqlite"
acad_ok=1
if out="$("$reftrace" library --db "$db" import "$root/tests/data/academic.json" --collection acad 2>&1)"; then
    pass "library-academic-import"
else
    fail "library-academic-import" "$out"; acad_ok=0
fi
if out="$("$reftrace" library --db "$db" add "$root/tests/data/academic-list.txt" --collection acad 2>&1)"; then
    pass "library-academic-add"
else
    fail "library-academic-add" "$out"; acad_ok=0
fi
for spec in biblatex:bib bibtex:bt.bib csl-json:json ris:ris yaml:yml; do
    fmt="${spec%%:*}"
    ext="${spec#*:}"
    if out="$("$reftrace" library --db "$db" export --collection acad --to "$fmt" -o "$d/refs.$ext" 2>&1)" && [ -s "$d/refs.$ext" ]; then
        pass "library-academic-export-$fmt"
    else
        fail "library-academic-export-$fmt" "$out"; acad_ok=0
    fi
done
if [ $acad_ok -eq 1 ]; then
    count="$("$python" -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$d/refs.json")"
    clean_log "biber-validate-library-academic" biber --tool -V --dieondatamodel --nolog --output-file=/dev/null "$d/refs.bib"
    check "bibtex-library-academic" bibtex_run "$d/bibtex" "$d/refs.bt.bib"
    check "latex-biber-pdf-library-academic" latex_run "$d/latex" "$d/refs.bib" "$d/refs.json"
    check "bibtexparser-biblatex-library-academic" "$python" "$checks" bibtexparser "$d/refs.bib" "$count"
    check "bibtexparser-bibtex-library-academic" "$python" "$checks" bibtexparser "$d/refs.bt.bib" "$count"
    check "csl-json-schema-library-academic" check-jsonschema --schemafile "$schema" "$d/refs.json"
    check "pandoc-citeproc-library-academic" pandoc_run "$d/pandoc" "$d/refs.json"
    check "citation-js-csl-library-academic" node "$here/citation_js_check.js" csl "$d/refs.json" "$count" "$d/refs.json"
    check "citation-js-bibtex-library-academic" node "$here/citation_js_check.js" bibtex "$d/refs.bib" "$count"
    check "citation-js-ris-library-academic" node "$here/citation_js_check.js" ris "$d/refs.ris" "$count" "$d/refs.json"
    check "ris-rispy-lines-library-academic" "$python" "$checks" ris "$d/refs.ris" "$count" "$d/refs.json"
    check "academic-fields-kept-library-academic" "$python" "$checks" academic "$d/refs.json" "$root/tests/data/academic.json"
    mkdir -p "$d/typst" && cp "$d/refs.yml" "$d/typst/refs.yml" && cp "$d/refs.json" "$d/typst/refs.json"
    check "typst-library-academic" "$python" "$checks" typst "$d/typst/refs.yml" "$count"
fi

check "cite-apa-agrees-with-pandoc" env REFTRACE_INTEROP=1 APA_CSL="$apa_csl" \
    cargo test --quiet --manifest-path "$root/Cargo.toml" --test cite_pandoc -- --nocapture

check "cite-order-and-suffixes-agree-with-citeproc" env REFTRACE_INTEROP=1 \
    cargo test --quiet --manifest-path "$root/Cargo.toml" --test cite_citeproc -- --nocapture

check "cite-academic-agrees-with-citeproc" env REFTRACE_INTEROP=1 \
    cargo test --quiet --manifest-path "$root/Cargo.toml" --test cite_academic -- --nocapture

echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
