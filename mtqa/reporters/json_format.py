"""JSON (one object) and JSON Lines (one finding per line) output."""

from __future__ import annotations

import json

from .model import RunReport


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False)


def _array(items: list[str]) -> str:
    if not items:
        return "[]"
    return "[\n    " + ",\n    ".join(items) + "\n  ]"


def render(report: RunReport) -> str:
    """One JSON object; each finding on a line of its own, so large reports stay diffable and
    the C encoder does the work (an indented dump of 10,000 findings takes seconds)."""
    findings = _array([_dumps(f.to_dict()) for f in report.findings])
    errors = _array([_dumps({"path": e.path, "message": e.reason}) for e in report.errors])
    return (
        "{\n"
        f'  "signature": {_dumps(report.signature.to_dict())},\n'
        f'  "summary": {_dumps(report.summary())},\n'
        f'  "findings": {findings},\n'
        f'  "errors": {errors}\n'
        "}\n"
    )


def render_lines(report: RunReport) -> str:
    return "".join(json.dumps(f.to_dict(), ensure_ascii=False) + "\n" for f in report.findings)
