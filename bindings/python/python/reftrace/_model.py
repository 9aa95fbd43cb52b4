"""Result objects: dataclasses built from reftrace's JSON contract.

Every object has attributes named as the contract's fields, ``to_dict()`` giving
back the contract's dict (the JSON of ``reftrace parse --format json`` or
``reftrace trace --format json``), and ``to_json()``.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from typing import Any, ClassVar, Dict, List, Optional, Tuple

__all__ = [
    "Span",
    "Person",
    "Diagnostic",
    "Record",
    "Article",
    "Parsed",
    "Evidence",
    "Link",
    "Claim",
    "ReferenceUse",
    "Trace",
]


def _plain(value: Any) -> Any:
    if isinstance(value, _Model):
        return value.to_dict()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


class _Model:
    """What every result object shares: ``to_dict()`` and ``to_json()``."""

    # Fields left out of the dict when None or empty, as the contract leaves them out.
    _omit_empty: ClassVar[Tuple[str, ...]] = ()
    # Fields that are not part of the contract's dict.
    _not_in_dict: ClassVar[Tuple[str, ...]] = ()

    def to_dict(self) -> Dict[str, Any]:
        """The object as the JSON contract's dict (plain lists, dicts and scalars)."""
        out: Dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            if f.name in self._not_in_dict:
                continue
            value = getattr(self, f.name)
            if f.name in self._omit_empty and (value is None or value == []):
                continue
            out[f.name] = _plain(value)
        return out

    def to_json(self, *, indent: Optional[int] = None) -> str:
        """``to_dict()`` as JSON text (UTF-8 characters kept as they are)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)


@dataclass
class Span(_Model):
    """Byte offsets into the article's UTF-8 text: ``start`` up to, not including, ``end``."""

    start: int
    end: int

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Span":
        return cls(d["start"], d["end"])


@dataclass
class Person(_Model):
    """A person named in an entry: ``family`` (whole, with particles) and ``given``."""

    family: str
    given: str = ""

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Person":
        return cls(d["family"], d.get("given", ""))

    def __str__(self) -> str:
        return f"{self.family}, {self.given}" if self.given else self.family


@dataclass
class Contributor(_Model):
    """A person of a role other than author, editor or translator: ``role`` is the CSL
    name variable (``director``, ``producer``, ``executive-producer``,
    ``script-writer``, ``composer``, ``narrator``, ``performer``)."""

    role: str
    family: str
    given: str = ""

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Contributor":
        return cls(d["role"], d["family"], d.get("given", ""))


@dataclass
class Diagnostic(_Model):
    """A repair reftrace made or a problem it found.

    ``code`` is the kebab-case name (``author-separator-missing``), ``id`` the short
    code of the README's table (``R101``), ``severity`` one of ``info``, ``warning``,
    ``error``; ``line`` and ``column`` are 1-based.
    """

    severity: str
    code: str
    id: str
    message: str
    help: Optional[str] = None
    span: Span = field(default_factory=lambda: Span(0, 0))
    line: Optional[int] = None
    column: Optional[int] = None

    _omit_empty: ClassVar[Tuple[str, ...]] = ("help", "line", "column")

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Diagnostic":
        return cls(
            severity=d["severity"],
            code=d["code"],
            id=d["id"],
            message=d["message"],
            help=d.get("help"),
            span=Span.from_dict(d["span"]),
            line=d.get("line"),
            column=d.get("column"),
        )


_ACADEMIC = (
    "type",
    "container_title",
    "collection_title",
    "volume",
    "issue",
    "pages",
    "publisher",
    "location",
    "editors",
    "translators",
    "contributors",
    "edition",
    "genre",
    "version",
    "doi",
    "isbn",
    "date_end",
    "original_date",
    "accessed",
    "citation_number",
)


@dataclass
class Record(_Model):
    """One entry of a reference list.

    Made by :func:`reftrace.parse`, or by hand for :func:`reftrace.export` and
    :func:`reftrace.cite` (then ``index`` 0 means "its place in the list" and an
    empty ``key`` becomes ``ref<index>``). ``date`` is ``YYYY-MM-DD``, ``YYYY-MM`` or
    ``YYYY``; ``provenance`` says per field where its value came from. The academic
    fields (``type``, ``container_title``, ``volume``, …) are None for news entries.
    """

    title: Optional[str] = None
    outlet: Optional[str] = None
    authors: List[Person] = field(default_factory=list)
    date: Optional[str] = None
    index: int = 0
    line: int = 0
    span: Span = field(default_factory=lambda: Span(0, 0))
    raw: str = ""
    parsed: bool = True
    date_text: Optional[str] = None
    url: Optional[str] = None
    note: Optional[str] = None
    continues: Optional[int] = None
    head: Optional[str] = None
    provenance: Dict[str, Any] = field(default_factory=dict)
    duplicate_of: Optional[int] = None
    key: str = ""
    diagnostics: List[Diagnostic] = field(default_factory=list)
    type: Optional[str] = None
    container_title: Optional[str] = None
    collection_title: Optional[str] = None
    volume: Optional[str] = None
    issue: Optional[str] = None
    pages: Optional[str] = None
    publisher: Optional[str] = None
    location: Optional[str] = None
    editors: List[Person] = field(default_factory=list)
    translators: List[Person] = field(default_factory=list)
    contributors: List[Contributor] = field(default_factory=list)
    edition: Optional[str] = None
    genre: Optional[str] = None
    version: Optional[str] = None
    doi: Optional[str] = None
    isbn: Optional[str] = None
    date_end: Optional[str] = None
    original_date: Optional[str] = None
    accessed: Optional[str] = None
    citation_number: Optional[str] = None

    _omit_empty: ClassVar[Tuple[str, ...]] = _ACADEMIC

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Record":
        people = lambda key: [Person.from_dict(p) for p in d.get(key, [])]  # noqa: E731
        return cls(
            title=d.get("title"),
            outlet=d.get("outlet"),
            authors=people("authors"),
            date=d.get("date"),
            index=d.get("index", 0),
            line=d.get("line", 0),
            span=Span.from_dict(d["span"]) if "span" in d else Span(0, 0),
            raw=d.get("raw", ""),
            parsed=d.get("parsed", True),
            date_text=d.get("date_text"),
            url=d.get("url"),
            note=d.get("note"),
            continues=d.get("continues"),
            head=d.get("head"),
            provenance=dict(d.get("provenance", {})),
            duplicate_of=d.get("duplicate_of"),
            key=d.get("key", ""),
            diagnostics=[Diagnostic.from_dict(x) for x in d.get("diagnostics", [])],
            type=d.get("type"),
            container_title=d.get("container_title"),
            collection_title=d.get("collection_title"),
            volume=d.get("volume"),
            issue=d.get("issue"),
            pages=d.get("pages"),
            publisher=d.get("publisher"),
            location=d.get("location"),
            editors=people("editors"),
            translators=people("translators"),
            contributors=[Contributor.from_dict(c) for c in d.get("contributors", [])],
            edition=d.get("edition"),
            genre=d.get("genre"),
            version=d.get("version"),
            doi=d.get("doi"),
            isbn=d.get("isbn"),
            date_end=d.get("date_end"),
            original_date=d.get("original_date"),
            accessed=d.get("accessed"),
            citation_number=d.get("citation_number"),
        )

    def to_dict(self) -> Dict[str, Any]:
        out = super().to_dict()
        if out.get("head") is None:
            out.pop("head", None)
        if not out.get("provenance"):
            out.pop("provenance", None)
        return out


@dataclass
class Article(_Model):
    """The parts of the article: ``title``, ``date`` (``YYYY-MM-DD``), spans of the
    header, body, paragraphs and footer, the 1-based ``body_lines`` and
    ``reference_lines``, and ``references`` (the list's span, heading, entries and
    ``found_by``, as a dict)."""

    title: Optional[str]
    date: Optional[str]
    title_span: Optional[Span]
    date_span: Optional[Span]
    captions: List[Span]
    header: Span
    body: Span
    paragraphs: List[Span]
    references: Optional[Dict[str, Any]]
    footer: Optional[Span]
    body_lines: Optional[List[int]]
    reference_lines: Optional[List[int]]

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Article":
        span = lambda v: Span.from_dict(v) if v is not None else None  # noqa: E731
        return cls(
            title=d.get("title"),
            date=d.get("date"),
            title_span=span(d.get("title_span")),
            date_span=span(d.get("date_span")),
            captions=[Span.from_dict(s) for s in d.get("captions", [])],
            header=Span.from_dict(d["header"]),
            body=Span.from_dict(d["body"]),
            paragraphs=[Span.from_dict(s) for s in d.get("paragraphs", [])],
            references=d.get("references"),
            footer=span(d.get("footer")),
            body_lines=d.get("body_lines"),
            reference_lines=d.get("reference_lines"),
        )

    @property
    def found_by(self) -> Optional[str]:
        """How the reference list was found (and which reader read it)."""
        return None if self.references is None else self.references.get("found_by")


@dataclass
class Parsed(_Model):
    """An article read and its reference list parsed (:func:`reftrace.parse`).

    ``records`` is every entry in order; ``diagnostics`` the article- and list-wide
    diagnostics (each record has its own too; :meth:`all_diagnostics` gives both).
    ``to_dict()`` is the JSON of ``reftrace parse --format json``, whose list is
    named ``references``.
    """

    source: str
    article: Article
    records: List[Record]
    diagnostics: List[Diagnostic]
    date_order: Optional[str]

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Parsed":
        return cls(
            source=d["source"],
            article=Article.from_dict(d["article"]),
            records=[Record.from_dict(r) for r in d["references"]],
            diagnostics=[Diagnostic.from_dict(x) for x in d["diagnostics"]],
            date_order=d.get("date_order"),
        )

    def to_dict(self) -> Dict[str, Any]:
        return {
            "source": self.source,
            "article": self.article.to_dict(),
            "references": [r.to_dict() for r in self.records],
            "diagnostics": [x.to_dict() for x in self.diagnostics],
            "date_order": self.date_order,
        }

    def all_diagnostics(self) -> List[Diagnostic]:
        """Every diagnostic: the article's, then each record's, in order."""
        return list(self.diagnostics) + [x for r in self.records for x in r.diagnostics]

    @property
    def has_errors(self) -> bool:
        """Whether any diagnostic is an error."""
        return any(x.severity == "error" for x in self.all_diagnostics())


@dataclass
class Evidence(_Model):
    """One piece of evidence for a link: its ``kind`` (``words``, ``name``,
    ``place``, ``event``, ``date``, …) and its ``text`` for people."""

    kind: str
    text: str

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Evidence":
        return cls(d["kind"], d["text"])


@dataclass
class Link(_Model):
    """A source linked to a claim: the record's 1-based ``index`` and ``key``, the
    calibrated probability ``score`` (0..1), and the evidence for and against."""

    index: int
    key: str
    score: float
    evidence: List[Evidence]
    conflicts: List[Evidence]

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Link":
        return cls(
            index=d["index"],
            key=d["key"],
            score=d["score"],
            evidence=[Evidence.from_dict(e) for e in d["evidence"]],
            conflicts=[Evidence.from_dict(e) for e in d["conflicts"]],
        )


@dataclass
class Claim(_Model):
    """A claim (the title or a body sentence) with its sources, best first.

    ``kind``: ``factual``, ``opinion``, ``forecast`` or ``question``; ``status``:
    ``supported``, ``partial``, ``unsupported`` or ``not-checkable``.
    """

    index: int
    text: str
    byte_start: int
    byte_end: int
    kind: str
    title: bool
    status: str
    sources: List[Link]
    thin_titles: List[int] = field(default_factory=list)

    _omit_empty: ClassVar[Tuple[str, ...]] = ("thin_titles",)

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "Claim":
        return cls(
            index=d["index"],
            text=d["text"],
            byte_start=d["byte_start"],
            byte_end=d["byte_end"],
            kind=d["kind"],
            title=d["title"],
            status=d["status"],
            sources=[Link.from_dict(x) for x in d["sources"]],
            thin_titles=list(d.get("thin_titles", [])),
        )


@dataclass
class ReferenceUse(_Model):
    """A record with the claims (1-based) that it supports."""

    index: int
    key: str
    claims: List[int]

    @classmethod
    def from_dict(cls, d: Dict[str, Any]) -> "ReferenceUse":
        return cls(d["index"], d["key"], list(d["claims"]))


@dataclass
class Trace(_Model):
    """Each claim of an article traced to its sources (:func:`reftrace.trace`).

    ``to_dict()`` is the JSON of ``reftrace trace --format json``; ``parsed`` (the
    article's :class:`Parsed`) is an attribute but not part of that dict.
    Support is judged from titles only: a link means consistent with the title,
    never verified.
    """

    source: str
    min_confidence: float
    claims: List[Claim]
    references: List[ReferenceUse]
    unused_references: List[int]
    unsupported_claims: List[int]
    pairs_scored: int
    citation_order: bool
    parsed: Parsed

    _not_in_dict: ClassVar[Tuple[str, ...]] = ("parsed",)

    @classmethod
    def from_dicts(cls, trace: Dict[str, Any], parsed: Dict[str, Any]) -> "Trace":
        return cls(
            source=trace["source"],
            min_confidence=trace["min_confidence"],
            claims=[Claim.from_dict(c) for c in trace["claims"]],
            references=[ReferenceUse.from_dict(r) for r in trace["references"]],
            unused_references=list(trace["unused_references"]),
            unsupported_claims=list(trace["unsupported_claims"]),
            pairs_scored=trace["pairs_scored"],
            citation_order=trace["citation_order"],
            parsed=Parsed.from_dict(parsed),
        )

    @property
    def records(self) -> List[Record]:
        """The records of the article's list (``parsed.records``)."""
        return self.parsed.records

    def count(self, status: str) -> int:
        """How many claims have ``status``."""
        return sum(1 for c in self.claims if c.status == status)
