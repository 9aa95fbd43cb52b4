"""The Python API on the sample article: objects, attributes, and the same JSON as
the CLI's contract."""

from __future__ import annotations

import json

import pytest

import reftrace


def test_parse_gives_records_with_attributes(sample):
    parsed = reftrace.parse(sample, source="sample.txt")
    assert isinstance(parsed, reftrace.Parsed)
    assert parsed.source == "sample.txt"
    assert len(parsed.records) == 35
    second = parsed.records[1]
    assert isinstance(second, reftrace.Record)
    assert [str(a) for a in second.authors] == ["Ali, Idrees", "Stewart, Phil", "Azhari, Timour"]
    assert second.authors[0].family == "Ali" and second.authors[0].given == "Idrees"
    assert second.title.startswith("U.S. forces carry out series of strikes")
    assert second.date == "2023-11-21"
    assert second.index == 2 and second.key == "ali2023s"
    assert parsed.article.title == "US Finally Retaliates Against Pro-Iran Groups In Iraq"
    assert parsed.article.date == "2023-11-22"
    assert parsed.article.found_by.startswith("lines 24–113: 35 entries")
    assert parsed.date_order == "month-day"
    assert not parsed.has_errors


def test_diagnostics_are_objects(sample):
    parsed = reftrace.parse(sample, source="sample.txt")
    d = parsed.diagnostics[0]
    assert isinstance(d, reftrace.Diagnostic)
    assert (d.code, d.id, d.severity) == ("date-order", "R107", "info")
    assert (d.line, d.column) == (24, 1)
    assert "month/day" in d.message
    everything = parsed.all_diagnostics()
    assert everything[0] == d and len(everything) >= len(parsed.diagnostics)


def test_parse_to_dict_is_the_cli_json(sample_path, sample, cli):
    want = json.loads(cli("parse", sample_path, "--format", "json").stdout)
    parsed = reftrace.parse(sample, source=str(sample_path))
    assert parsed.to_dict() == want
    assert json.loads(parsed.to_json()) == want


def test_trace_to_dict_is_the_cli_json(sample_path, sample, cli):
    # trace exits 1 exactly when a factual claim has no source.
    done = cli("trace", sample_path, "--format", "json", ok=(0, 1))
    want = json.loads(done.stdout)
    assert done.returncode == (1 if want["unsupported_claims"] else 0)
    traced = reftrace.trace(sample, source=str(sample_path))
    assert traced.to_dict() == want
    assert traced.unsupported_claims == want["unsupported_claims"]
    assert len(traced.records) == 35 and traced.parsed.records[0].index == 1


def test_trace_objects(sample):
    traced = reftrace.trace(sample, source="sample.txt")
    claim = next(c for c in traced.claims if c.text.startswith("A joint US-Iraq patrol"))
    assert isinstance(claim, reftrace.Claim)
    assert claim.kind == "factual" and claim.status == "supported"
    best = claim.sources[0]
    assert isinstance(best, reftrace.Link)
    assert best.index == 20 and 0.5 < best.score <= 1.0
    assert any(e.kind == "place" and "Ninewa" in e.text for e in best.evidence)
    assert traced.count("supported") + traced.count("partial") + traced.count(
        "unsupported"
    ) + traced.count("not-checkable") == len(traced.claims)
    # A higher bar drops links.
    strict = reftrace.trace(sample, min_confidence=0.9)
    assert sum(len(c.sources) for c in strict.claims) < sum(len(c.sources) for c in traced.claims)
    assert strict.min_confidence == 0.9


def test_records_round_trip_through_dicts(sample):
    parsed = reftrace.parse(sample)
    for r in parsed.records:
        assert reftrace.Record.from_dict(r.to_dict()) == r
    assert reftrace.Parsed.from_dict(parsed.to_dict()) == parsed


def test_hand_made_records_export_and_cite():
    records = [
        reftrace.Record(
            title="Drone attack on Erbil airport",
            outlet="Kurdistan 24",
            authors=[reftrace.Person("Van Wilgenburg", "Wladimir")],
            date="2023-11-06",
        ),
        {"title": "Explosive device near Mosul", "outlet": "Reuters", "date": "2023-11-09"},
    ]
    bib = reftrace.export(records, to="biblatex")
    assert "@article{ref1," in bib and "journaltitle = {Kurdistan 24}" in bib
    assert "{Mosul}" in bib and "@article{ref2," in bib
    ris = reftrace.export(records, to="ris")
    assert ris.startswith("TY  - NEWS\n")
    items = reftrace.cite(records, style="apa")
    assert items[0].startswith("Reuters. (2023, November 9).") or items[1].startswith(
        "Van Wilgenburg, W. (2023, November 6)."
    )
    assert any(i.startswith("Van Wilgenburg, W. (2023, November 6).") for i in items)
    html = reftrace.cite(records, style="ieee", output="html")
    assert len(html) == 2 and any("<i>" in i or "“" in i for i in html)


def test_list_and_markdown_inputs():
    listing = 'Reuters, "Drone attack on Erbil," 11/10/23\n- "Rocket fire near Baghdad," 11/12/23\n'
    parsed = reftrace.parse(listing, list=True)
    assert [r.continues for r in parsed.records] == [None, 1]
    assert parsed.records[1].outlet == "Reuters"
    md = "# A title\n\nSome *body* text.\n\n" + listing
    assert len(reftrace.parse(md, source="post.md").records) == 2
    assert len(reftrace.parse(md, input_format="markdown").records) == 2


def test_bytes_are_read_like_a_file(sample):
    assert reftrace.parse(sample.encode("utf-8")).to_dict() == reftrace.parse(sample).to_dict()


def test_styles_are_listed():
    names = [n for names, _ in reftrace.styles() for n in names]
    assert "apa" in names and "ieee" in names


def test_rows_of_the_sample(sample):
    traced = reftrace.trace(sample)
    rows = reftrace.rows([("sample", sample)])
    assert rows.errors == []
    assert len(rows.links) == sum(len(c.sources) for c in traced.claims)
    assert len(rows.records) == 35
    first = rows.links[0]
    claim = next(c for c in traced.claims if c.sources)
    assert (first["article"], first["claim"], first["rank"]) == ("sample", claim.index, 1)
    assert first["reference"] == claim.sources[0].index
    assert first["score"] == claim.sources[0].score
    assert rows.records[1]["authors"] == ["Ali, Idrees", "Stewart, Phil", "Azhari, Timour"]


def test_academic_dates_beside_the_date(root, cli):
    """A range's end, an original date and an access date are attributes, survive the
    round trip through dicts, and export as the CLI exports them."""
    path = root / "tests" / "data" / "academic-dates.txt"
    parsed = reftrace.parse(path.read_text(encoding="utf-8"), list=True)
    by_title = {r.title.split(":")[0]: r for r in parsed.records}
    assert by_title["The correspondence of Charles Darwin (Vols. 1–23)"].date_end == "2015"
    assert by_title["The ego and the id"].original_date == "1923"
    assert by_title["Canal flow sensors"].accessed == "2024-03-03"
    for r in parsed.records:
        assert reftrace.Record.from_dict(r.to_dict()) == r
    want = cli("export", path, "--list", "--to", "biblatex").stdout
    assert reftrace.export(parsed.records, to="biblatex") == want
    assert "origdate = {1923}" in want and "date = {1985/2015}" in want


def test_described_works_keep_their_types(root, cli):
    """A film, a data set, a video and a program (APA's `[Film]`, `[Data set]`, ...) keep
    their CSL types through dicts, and export as the CLI exports them."""
    path = root / "tests" / "data" / "academic-media.txt"
    parsed = reftrace.parse(path.read_text(encoding="utf-8"), list=True)
    types = [r.to_dict()["type"] for r in parsed.records]
    assert types == [
        "motion_picture",
        "dataset",
        "motion_picture",
        "software",
        "thesis",
        "motion_picture",
        "motion_picture",
    ]
    # Directors and producers keep their roles through dicts.
    film = parsed.records[5].to_dict()
    assert film["authors"] == []
    assert [(c["role"], c["family"]) for c in film["contributors"]] == [
        ("producer", "Chaffin"),
        ("producer", "Kennedy"),
        ("director", "Fincher"),
    ]
    assert reftrace.Record.from_dict(film).contributors[2] == reftrace.Contributor(
        "director", "Fincher", "D."
    )
    bad = dict(film, contributors=[{"role": "gaffer", "family": "X"}])
    with pytest.raises(reftrace.RecordError, match="role `gaffer`"):
        reftrace.export([bad], to="ris")
    for r in parsed.records:
        assert reftrace.Record.from_dict(r.to_dict()) == r
    for fmt in ("biblatex", "csl-json", "ris"):
        want = cli("export", path, "--list", "--to", fmt).stdout
        assert reftrace.export(parsed.records, to=fmt) == want
