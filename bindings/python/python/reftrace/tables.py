"""Tables of traced articles: one row per claim–source link and one per record.

The rows are those of ``reftrace trace DIR --out DIR --format parquet``
(``links.parquet`` and ``records.parquet``), column for column: see the README's
"Tables" section. :func:`rows` gives them as lists of dicts; :func:`arrow_tables`
as pyarrow Tables (``pip install pyarrow``), ready for DuckDB, pandas or Spark.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Tuple, Union

from . import _reftrace

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow

__all__ = ["Rows", "rows", "arrow_tables", "link_schema", "record_schema"]


@dataclass
class Rows:
    """The rows of some traced articles.

    ``links``: one dict per claim–source link; ``records``: one dict per record;
    ``errors``: ``(id, message)`` for each article that could not be read (it adds
    no rows).
    """

    links: List[Dict[str, Any]] = field(default_factory=list)
    records: List[Dict[str, Any]] = field(default_factory=list)
    errors: List[Tuple[str, str]] = field(default_factory=list)


def rows(
    articles: Iterable[Tuple[str, Union[str, bytes]]],
    *,
    input_format: Optional[str] = None,
    min_confidence: Optional[float] = None,
) -> Rows:
    """Parses and traces each ``(id, text)`` article; the id names it in the
    ``article`` column. The work runs without the GIL."""
    out = json.loads(
        _reftrace.rows(list(articles), input_format=input_format, min_confidence=min_confidence)
    )
    return Rows(out["links"], out["records"], [tuple(e) for e in out["errors"]])


def link_schema() -> "pyarrow.Schema":
    """The Arrow schema of the link table (that of ``links.parquet``)."""
    import pyarrow as pa

    strings = pa.list_(pa.field("item", pa.string(), nullable=False))
    return pa.schema(
        [
            pa.field("article", pa.string(), nullable=False),
            pa.field("claim", pa.int32(), nullable=False),
            pa.field("claim_text", pa.string(), nullable=False),
            pa.field("claim_kind", pa.string(), nullable=False),
            pa.field("claim_status", pa.string(), nullable=False),
            pa.field("byte_start", pa.int64(), nullable=False),
            pa.field("byte_end", pa.int64(), nullable=False),
            pa.field("reference", pa.int32(), nullable=False),
            pa.field("reference_key", pa.string(), nullable=False),
            pa.field("rank", pa.int32(), nullable=False),
            pa.field("score", pa.float64(), nullable=False),
            pa.field("evidence", strings, nullable=False),
            pa.field("conflicts", strings, nullable=False),
        ]
    )


def record_schema() -> "pyarrow.Schema":
    """The Arrow schema of the record table (that of ``records.parquet``)."""
    import pyarrow as pa

    return pa.schema(
        [
            pa.field("article", pa.string(), nullable=False),
            pa.field("index", pa.int32(), nullable=False),
            pa.field("key", pa.string(), nullable=False),
            pa.field("line", pa.int64(), nullable=False),
            pa.field("parsed", pa.bool_(), nullable=False),
            pa.field("authors", pa.list_(pa.field("item", pa.string(), nullable=False)), nullable=False),
            pa.field("outlet", pa.string()),
            pa.field("title", pa.string()),
            pa.field("date", pa.string()),
            pa.field("year", pa.int32()),
            pa.field("url", pa.string()),
            pa.field("work_type", pa.string()),
            pa.field("doi", pa.string()),
            pa.field("continues", pa.int32()),
            pa.field("duplicate_of", pa.int32()),
            pa.field("claims", pa.list_(pa.field("item", pa.int32(), nullable=False)), nullable=False),
            pa.field("raw", pa.string(), nullable=False),
        ]
    )


def arrow_tables(
    articles: Iterable[Tuple[str, Union[str, bytes]]],
    *,
    input_format: Optional[str] = None,
    min_confidence: Optional[float] = None,
) -> Tuple["pyarrow.Table", "pyarrow.Table"]:
    """:func:`rows` as two pyarrow Tables, ``(links, records)``, with the schemas of
    the Parquet files. Articles that could not be read are left out (see
    :func:`rows` for their errors)."""
    import pyarrow as pa

    r = rows(articles, input_format=input_format, min_confidence=min_confidence)
    return (
        pa.Table.from_pylist(r.links, schema=link_schema()),
        pa.Table.from_pylist(r.records, schema=record_schema()),
    )
