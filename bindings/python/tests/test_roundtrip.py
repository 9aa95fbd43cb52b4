"""`parse` then `export` (and `cite`) from Python give exactly the CLI's output,
also after the records went through plain dicts and back."""

from __future__ import annotations

import json

import pytest

import reftrace

FORMATS = ["bibtex", "biblatex", "csl-json", "ris", "yaml"]


@pytest.mark.parametrize("to", FORMATS)
def test_export_equals_the_cli(sample_path, sample, cli, to):
    want = cli("export", sample_path, "--to", to).stdout
    parsed = reftrace.parse(sample, source=str(sample_path))
    assert reftrace.export(parsed.records, to=to) == want
    # The same after the records went through JSON and back.
    again = [reftrace.Record.from_dict(d) for d in json.loads(json.dumps([r.to_dict() for r in parsed.records]))]
    assert reftrace.export(again, to=to) == want
    # ... and as plain dicts.
    assert reftrace.export([r.to_dict() for r in parsed.records], to=to) == want


@pytest.mark.parametrize("flags", [["--ascii"], ["--keep-duplicates"]])
def test_export_options_equal_the_cli(sample_path, sample, cli, flags):
    want = cli("export", sample_path, "--to", "bibtex", *flags).stdout
    parsed = reftrace.parse(sample, source=str(sample_path))
    got = reftrace.export(
        parsed, to="bibtex", ascii="--ascii" in flags, keep_duplicates="--keep-duplicates" in flags
    )
    assert got == want


@pytest.mark.parametrize("style", ["apa", "ieee", "chicago-author-date"])
def test_cite_equals_the_cli(sample_path, sample, cli, style):
    want = cli("cite", sample_path, "--style", style).stdout
    items = reftrace.cite(reftrace.parse(sample).records, style=style)
    assert "".join(f"{i}\n" for i in items) == want


def test_export_of_a_list_equals_the_cli(tmp_path, cli):
    listing = (
        'Reuters, "Drone attack on Erbil," 11/10/23\n'
        '- "Rocket fire near Baghdad," 11/12/23\n'
        'Knights, Michael, "The militias after the strikes," Washington Institute, 11/14/23\n'
    )
    path = tmp_path / "list.txt"
    path.write_text(listing, encoding="utf-8")
    for to in FORMATS:
        want = cli("export", path, "--list", "--to", to).stdout
        assert reftrace.export(reftrace.parse(listing, list=True).records, to=to) == want
