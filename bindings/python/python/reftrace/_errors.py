"""The exceptions reftrace raises. Every one is a :class:`ReftraceError`."""

from __future__ import annotations

__all__ = [
    "ReftraceError",
    "InputError",
    "UsageError",
    "RecordError",
    "StyleError",
    "ExportError",
    "InternalError",
]


class ReftraceError(Exception):
    """Base class of every error reftrace raises."""


class InputError(ReftraceError, ValueError):
    """The article cannot be read: not text (a PDF, a binary file, NUL bytes),
    invalid UTF-8 in ``bytes``, or a ``str`` with lone surrogates."""


class UsageError(ReftraceError, ValueError):
    """An argument out of range: an unknown ``input_format``, ``to`` or ``output``,
    or a ``min_confidence`` outside 0..1."""


class RecordError(ReftraceError, ValueError):
    """A record handed to :func:`reftrace.export` or :func:`reftrace.cite` that
    cannot be read back (a date that is not ``YYYY[-MM[-DD]]``, an unknown type)."""


class StyleError(ReftraceError, ValueError):
    """An unknown CSL style or locale, or a style that cannot format a
    bibliography."""


class ExportError(ReftraceError):
    """An export that could not be written."""


class InternalError(ReftraceError, RuntimeError):
    """A bug inside reftrace (a Rust panic, caught before it reached Python)."""
