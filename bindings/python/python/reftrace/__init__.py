"""reftrace: parse the informal reference lists of news-analysis articles, export
them (BibTeX, BibLaTeX, CSL-JSON, RIS, Hayagriva YAML), format them in any CSL
style, and trace each claim of the article to the references that support it.

>>> import reftrace
>>> text = open("article.txt", encoding="utf-8").read()      # doctest: +SKIP
>>> parsed = reftrace.parse(text, source="article.txt")      # doctest: +SKIP
>>> print(reftrace.export(parsed.records, to="biblatex"))    # doctest: +SKIP

The work is done in Rust with the GIL released, so threads run in parallel.
Support is judged from reference titles only: a link means consistent with the
title, never verified.
"""

from __future__ import annotations

import json
from typing import Any, Dict, Iterable, List, Optional, Tuple, Union

from . import _reftrace
from ._errors import (
    ExportError,
    InputError,
    InternalError,
    RecordError,
    ReftraceError,
    StyleError,
    UsageError,
)
from ._model import (
    Article,
    Claim,
    Contributor,
    Diagnostic,
    Evidence,
    Link,
    Parsed,
    Person,
    Record,
    ReferenceUse,
    Span,
    Trace,
)
from .tables import Rows, arrow_tables, rows

__version__: str = _reftrace.__version__

__all__ = [
    "parse",
    "trace",
    "export",
    "cite",
    "styles",
    "rows",
    "arrow_tables",
    "Rows",
    "Parsed",
    "Article",
    "Record",
    "Person",
    "Contributor",
    "Diagnostic",
    "Span",
    "Trace",
    "Claim",
    "Link",
    "Evidence",
    "ReferenceUse",
    "ReftraceError",
    "InputError",
    "UsageError",
    "RecordError",
    "StyleError",
    "ExportError",
    "InternalError",
]

Text = Union[str, bytes]
RecordLike = Union[Record, Dict[str, Any]]


def parse(
    text: Text,
    *,
    source: str = "<text>",
    list: bool = False,
    input_format: Optional[str] = None,
) -> Parsed:
    """Splits an article and parses its reference list into records.

    ``text`` is the article as ``str``, or ``bytes`` checked like a file (invalid
    UTF-8, a PDF or a binary file raise :class:`InputError`). ``source`` names it in
    the results; its extension (``.md``, ``.html``) and the content choose how it is
    read unless ``input_format`` (``"text"``, ``"markdown"``, ``"html"``) says.
    With ``list=True`` the text is a reference list alone, one entry per line.

    Never fails on content: problems become diagnostics, every entry a record.
    """
    out = _reftrace.parse(text, source, list, input_format)
    return Parsed.from_dict(json.loads(out))


def trace(
    text: Text,
    *,
    source: str = "<text>",
    list: bool = False,
    input_format: Optional[str] = None,
    min_confidence: Optional[float] = None,
) -> Trace:
    """Parses the article and traces each claim to the references that support it.

    Arguments as for :func:`parse`; ``min_confidence`` (0..1) drops weaker links
    (default: the CLI's). The result's ``to_dict()`` is ``reftrace trace --format
    json``; ``.parsed`` holds the parse.
    """
    out = json.loads(_reftrace.trace(text, source, list, input_format, min_confidence))
    return Trace.from_dicts(out["trace"], out["parsed"])


def _records_json(records: Iterable[RecordLike]) -> str:
    if isinstance(records, (Parsed, Trace)):
        records = records.records
    items: List[Dict[str, Any]] = []
    for r in records:
        if isinstance(r, Record):
            items.append(r.to_dict())
        elif isinstance(r, dict):
            items.append(r)
        else:
            raise TypeError(f"a record must be a reftrace.Record or a dict, not {type(r).__name__}")
    return json.dumps(items, ensure_ascii=False)


def export(
    records: Iterable[RecordLike],
    to: str = "biblatex",
    *,
    ascii: bool = False,
    keep_duplicates: bool = False,
) -> str:
    """Writes records as a bibliography file: ``to`` is ``bibtex``, ``biblatex``,
    ``csl-json``, ``ris`` or ``yaml`` (Hayagriva). The same text as ``reftrace
    export FILE --to FORMAT``.

    ``records`` are :class:`Record` objects or their dicts (a :class:`Parsed` or
    :class:`Trace` stands for its records). Probable duplicates are merged unless
    ``keep_duplicates``; ``ascii`` writes accent commands for classic BibTeX.
    """
    return _reftrace.export_records(_records_json(records), to, ascii, keep_duplicates)


def cite(
    records: Iterable[RecordLike],
    style: str = "apa",
    *,
    locale: Optional[str] = None,
    output: str = "text",
    keep_duplicates: bool = False,
) -> List[str]:
    """Formats records as a bibliography in a CSL style: one string per item, in the
    style's order. ``style`` is an archived style's name (``apa``,
    ``chicago-author-date``, ``ieee``, …; see :func:`styles`) or a ``.csl`` path;
    ``output`` is ``text``, ``html`` or ``markdown`` (record text escaped);
    ``locale`` a code such as ``en-US``. Unknown styles and locales raise
    :class:`StyleError`."""
    return _reftrace.cite(_records_json(records), style, locale, output, keep_duplicates)


def styles() -> List[Tuple[List[str], str]]:
    """The archived CSL styles ``cite`` knows by name: ``(names, title)`` pairs."""
    return [(list(names), title) for names, title in _reftrace.styles()]
