"""Type stubs of the native module (Rust, PyO3). Each function answers with JSON
text that the package turns into objects; use the package's functions instead."""

from typing import List, Optional, Sequence, Tuple, Union

__version__: str

def parse(
    text: Union[str, bytes],
    source: str,
    list: bool = ...,
    input_format: Optional[str] = ...,
) -> str: ...
def trace(
    text: Union[str, bytes],
    source: str,
    list: bool = ...,
    input_format: Optional[str] = ...,
    min_confidence: Optional[float] = ...,
) -> str: ...
def rows(
    articles: Sequence[Tuple[str, Union[str, bytes]]],
    input_format: Optional[str] = ...,
    min_confidence: Optional[float] = ...,
) -> str: ...
def export_records(
    records: str, to: str, ascii: bool = ..., keep_duplicates: bool = ...
) -> str: ...
def cite(
    records: str,
    style: str,
    locale: Optional[str] = ...,
    output: str = ...,
    keep_duplicates: bool = ...,
) -> List[str]: ...
def styles() -> List[Tuple[List[str], str]]: ...
def _panic_for_tests() -> None: ...
