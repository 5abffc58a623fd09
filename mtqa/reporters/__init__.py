"""Output formats. Each reporter renders the same RunReport; the CLI only picks one."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from . import csv_format, github, json_format, sarif, text
from .model import RunReport, Signature

REPORTERS: dict[str, Callable[..., str]] = {
    "text": text.render,
    "json": json_format.render,
    "jsonl": json_format.render_lines,
    "csv": csv_format.render,
    "sarif": sarif.render,
    "github": github.render,
}

# Formats whose output can be large are also offered as a stream of chunks.
STREAMING: dict[str, Callable[..., Iterator[str]]] = {
    "json": json_format.render_chunks,
    "jsonl": json_format.render_lines_chunks,
}

__all__ = ["REPORTERS", "STREAMING", "RunReport", "Signature"]
