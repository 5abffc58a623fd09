"""JSON (one object) and JSON Lines (one finding per line) output.

Both are produced as a stream of chunks, so a report of half a million findings is written as it
is rendered instead of being built as one string first.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from .model import RunReport

_encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def _dumps(value) -> str:
    return _encode(value)


def _array(items: Iterator[str]) -> Iterator[str]:
    first = True
    for item in items:
        yield ("[\n    " if first else ",\n    ") + item
        first = False
    yield "[]" if first else "\n  ]"


def render_chunks(report: RunReport) -> Iterator[str]:
    """One JSON object; each finding on a line of its own (diffable, and the C encoder does the
    work: an indented dump of 10,000 findings takes seconds)."""
    yield "{\n"
    yield f'  "signature": {_dumps(report.signature.to_dict())},\n'
    yield f'  "summary": {_dumps(report.summary())},\n'
    yield '  "findings": '
    yield from _array(report.findings.json_lines())
    yield ',\n  "errors": '
    yield from _array(_dumps({"path": e.path, "message": e.reason}) for e in report.errors)
    yield "\n}\n"


def render(report: RunReport) -> str:
    return "".join(render_chunks(report))


def render_lines_chunks(report: RunReport) -> Iterator[str]:
    """One finding per line; then one record per unreadable input, told apart by its "error"
    key (findings have none)."""
    for line in report.findings.json_lines():
        yield line + "\n"
    for e in report.errors:
        yield _dumps({"error": "input-error", "path": e.path, "message": e.reason}) + "\n"


def render_lines(report: RunReport) -> str:
    return "".join(render_lines_chunks(report))
