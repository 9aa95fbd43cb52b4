"""Errors are Python exceptions with clear messages; nothing panics across the
boundary; bad content is diagnostics, not exceptions."""

from __future__ import annotations

import pytest

import reftrace


@pytest.mark.parametrize(
    "data, words",
    [
        (b"Title\n\nBody \xff text.\n", "not valid UTF-8 at byte 12 (line 3)"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"Title\x00\n", "binary"),
    ],
)
def test_unreadable_bytes_raise_input_error(data, words):
    with pytest.raises(reftrace.InputError) as err:
        reftrace.parse(data, source="x.txt")
    assert words in str(err.value)
    with pytest.raises(reftrace.InputError):
        reftrace.trace(data, source="x.txt")


def test_lone_surrogates_and_nul_in_str():
    with pytest.raises(reftrace.InputError):
        reftrace.parse("Title\ud800\n")
    with pytest.raises(reftrace.InputError):
        reftrace.parse("Title\x00 body\n")


def test_wrong_argument_types():
    with pytest.raises(TypeError):
        reftrace.parse(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        reftrace.export([42], to="ris")  # type: ignore[list-item]


def test_usage_errors():
    with pytest.raises(reftrace.UsageError, match="not bibtex, biblatex"):
        reftrace.export([], to="word")
    with pytest.raises(reftrace.UsageError, match="input_format"):
        reftrace.parse("x", input_format="pdf")
    with pytest.raises(reftrace.UsageError, match="between 0 and 1"):
        reftrace.trace("x", min_confidence=2.0)
    with pytest.raises(reftrace.UsageError, match="output"):
        reftrace.cite([], output="latex")


def test_style_errors():
    records = [{"title": "A title", "outlet": "Reuters", "date": "2023"}]
    with pytest.raises(reftrace.StyleError, match="unknown style"):
        reftrace.cite(records, style="no-such-style")
    with pytest.raises(reftrace.StyleError):
        reftrace.cite(records, style="apa", locale="xx-NOPE")


def test_record_errors():
    with pytest.raises(reftrace.RecordError, match="record 1: date `2023-13`"):
        reftrace.export([{"title": "T", "date": "2023-13"}], to="ris")
    with pytest.raises(reftrace.RecordError, match="type `poem`"):
        reftrace.export([{"title": "T", "type": "poem"}], to="ris")


def test_every_error_is_a_reftrace_error():
    for cls in (
        reftrace.InputError,
        reftrace.UsageError,
        reftrace.RecordError,
        reftrace.StyleError,
        reftrace.ExportError,
        reftrace.InternalError,
    ):
        assert issubclass(cls, reftrace.ReftraceError)


def test_a_panic_becomes_internal_error_and_the_module_goes_on(sample):
    from reftrace import _reftrace

    with pytest.raises(reftrace.InternalError, match="a panic raised on purpose"):
        _reftrace._panic_for_tests()
    assert len(reftrace.parse(sample).records) == 35


@pytest.mark.parametrize(
    "text, code",
    [("", "empty-input"), ("Just a title\n\nA body with no list.\n", "no-reference-section")],
)
def test_bad_content_is_a_diagnostic_not_an_exception(text, code):
    parsed = reftrace.parse(text)
    assert parsed.records == []
    assert parsed.has_errors
    assert parsed.diagnostics[0].code == code and parsed.diagnostics[0].severity == "error"
    traced = reftrace.trace(text)
    assert traced.claims == [] or all(not c.sources for c in traced.claims)
