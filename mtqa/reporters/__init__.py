"""Output formats, all in one registry (see `registry.py`): the CLI and the library pick a
reporter by kind and name (or by the output file's extension) and call it one way."""

from __future__ import annotations

from .model import RunReport, Signature
from .registry import (
    CORPUS,
    LINT,
    REPORT,
    RETRANSLATE,
    SCORE,
    RenderOptions,
    Reporter,
    for_output,
    get,
    names,
)

__all__ = [
    "CORPUS",
    "LINT",
    "REPORT",
    "RETRANSLATE",
    "SCORE",
    "RenderOptions",
    "Reporter",
    "RunReport",
    "Signature",
    "for_output",
    "get",
    "names",
]
