"""Checks of reftrace exports that need Python readers (run by run.sh).

Usage:
  checks.py titles CSL_JSON TEXT_FILE       every title of the export appears in the text
  checks.py ris RIS_FILE COUNT [CSL_JSON]   rispy reads COUNT records; strict line format;
                                            every record has a title, except those whose
                                            item in CSL_JSON (the same records) has none
  checks.py bibtexparser BIB_FILE COUNT     bibtexparser reads COUNT entries, no failed block
  checks.py typst YAML_FILE COUNT           Typst compiles a document citing every record
  checks.py academic CSL_JSON EXPECTED_JSON every item of EXPECTED_JSON (hand-written CSL-JSON)
                                            is in CSL_JSON (by id) with the same type and
                                            the same academic fields
Each prints what it found and exits 1 on any problem.
"""

import json
import re
import sys
import unicodedata
from pathlib import Path

QUOTES = str.maketrans({c: "'" for c in "\"'‘’“”`´"})
ACCENT_LOOKALIKES = str.maketrans({"ˆ": "^", "˜": "~", "−": "-"})


def normalise(text: str) -> str:
    """Text as a PDF or a formatter may show it: quotes unified, no whitespace."""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(ACCENT_LOOKALIKES).translate(QUOTES)
    return re.sub(r"\s+", "", text)


def titles(csl_json: str, text_file: str) -> list[str]:
    items = json.loads(Path(csl_json).read_text(encoding="utf-8"))
    haystack = normalise(Path(text_file).read_text(encoding="utf-8"))
    problems = []
    for item in items:
        title = item.get("title")
        if title and normalise(title) not in haystack:
            problems.append(f"title of {item['id']} not found exactly: {title!r}")
    print(f"looked for {len(items)} titles")
    return problems


def untitled_ids(csl_json: str | None) -> set[str]:
    """Ids of the CSL-JSON items that have no title (the records may lack one)."""
    if not csl_json:
        return set()
    items = json.loads(Path(csl_json).read_text(encoding="utf-8"))
    return {item["id"] for item in items if not item.get("title")}


def ris(path: str, count: int, csl_json: str | None = None) -> list[str]:
    import rispy

    untitled = untitled_ids(csl_json)
    text = Path(path).read_text(encoding="utf-8")
    problems = []
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for n, line in enumerate(lines, 1):
        if not re.fullmatch(r"[A-Z][A-Z0-9]  - .*", line):
            problems.append(f"line {n} is not `XX  - value`: {line!r}")
    ty = sum(1 for line in lines if line.startswith("TY  - "))
    er = sum(1 for line in lines if line.startswith("ER  - "))
    if ty != er:
        problems.append(f"{ty} TY lines but {er} ER lines")
    entries = rispy.loads(text)
    if len(entries) != count or ty != count:
        problems.append(f"expected {count} records, rispy read {len(entries)}, {ty} TY lines")
    for e in entries:
        if "unknown_tag" in e:
            problems.append(f"unknown tags in {e.get('id')}: {e['unknown_tag']}")
        if not e.get("title") and not e.get("primary_title") and e.get("id") not in untitled:
            problems.append(f"record {e.get('id')} has no title")
    print(f"rispy read {len(entries)} records")
    return problems


def bibtexparser_check(path: str, count: int) -> list[str]:
    import bibtexparser

    library = bibtexparser.parse_string(Path(path).read_text(encoding="utf-8"))
    problems = [f"failed block: {b.raw[:120]!r}" for b in library.failed_blocks]
    if len(library.entries) != count:
        problems.append(f"expected {count} entries, bibtexparser read {len(library.entries)}")
    keys = [e.key for e in library.entries]
    if len(set(keys)) != len(keys):
        problems.append("duplicate keys")
    print(f"bibtexparser read {len(library.entries)} entries")
    return problems


def typst_check(path: str, count: int) -> list[str]:
    import subprocess
    import typst

    yml = Path(path).resolve()
    doc = yml.with_suffix(".typ")
    pdf = yml.with_suffix(".typst.pdf")
    doc.write_text(
        "#set page(width: 80cm, height: auto)\n"
        f'#bibliography("{yml.name}", full: true, style: "apa")\n',
        encoding="utf-8",
    )
    problems = []
    try:
        _, warnings = typst.compile_with_warnings(str(doc), output=str(pdf), root=str(yml.parent))
    except Exception as e:  # typst raises TypstError with the compiler's message
        return [f"typst failed: {e}"]
    problems += [f"typst warning: {w}" for w in warnings]
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    entries = [line for line in text.splitlines() if line.strip()]
    if len(entries) < count:
        problems.append(f"expected {count} bibliography lines, the PDF has {len(entries)}")
    csl = yml.with_suffix(".json")
    if csl.exists():
        txt = yml.with_suffix(".typst.txt")
        txt.write_text(text, encoding="utf-8")
        problems += titles(str(csl), str(txt))
    print(f"typst compiled {count} records")
    return problems


ACADEMIC = ["type", "container-title", "collection-title", "volume", "issue", "page",
            "publisher", "publisher-place", "edition", "genre", "DOI", "ISBN"]


def academic(csl_json: str, expected_json: str) -> list[str]:
    got = {i["id"]: i for i in json.loads(Path(csl_json).read_text(encoding="utf-8"))}
    expected = json.loads(Path(expected_json).read_text(encoding="utf-8"))
    problems = []
    for item in expected:
        mine = got.get(item["id"])
        if mine is None:
            problems.append(f"{item['id']} is missing")
            continue
        for field in ACADEMIC:
            want, have = item.get(field), mine.get(field)
            if field == "DOI" and want:
                want = want.lower()
            if want != have:
                problems.append(f"{item['id']}: {field} {have!r}, expected {want!r}")
        for field in ["author", "editor", "translator"]:
            want = [(p.get("family"), p.get("given", "")) for p in item.get(field, [])]
            have = [(p.get("family"), p.get("given", "")) for p in mine.get(field, [])]
            if want != have:
                problems.append(f"{item['id']}: {field} {have!r}, expected {want!r}")
    print(f"compared {len(expected)} records")
    return problems


def main() -> int:
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "titles":
        problems = titles(*args)
    elif cmd == "ris":
        problems = ris(args[0], int(args[1]), args[2] if len(args) > 2 else None)
    elif cmd == "bibtexparser":
        problems = bibtexparser_check(args[0], int(args[1]))
    elif cmd == "typst":
        problems = typst_check(args[0], int(args[1]))
    elif cmd == "academic":
        problems = academic(args[0], args[1])
    else:
        print(__doc__)
        return 2
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
