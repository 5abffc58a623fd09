"""JSON (one object) and JSON Lines (one finding per line) output.

Both are produced as a stream of chunks, so a report of half a million findings is written as it
is rendered instead of being built as one string first.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from ..findings import Finding
from .model import RunReport

_encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
# The C string encoder that json.dumps(ensure_ascii=False) uses for every string.
_string = json.encoder.encode_basestring


def _dumps(value) -> str:
    return _encode(value)


def _opt(value: str | None) -> str:
    return "null" if value is None else _string(value)


def finding_json(f: Finding) -> str:
    """`json.dumps(f.to_dict(), ensure_ascii=False)`, written field by field: no dict per
    finding, one C call per string (the JSON of 13,000 findings took a tenth of a lint run).
    tests/test_json_fast.py holds it equal to the dict's dump."""
    fix = f.fix
    if fix is None:
        fix_json = "null"
    else:
        edits = ", ".join(
            f'{{"start": {e.start}, "end": {e.end}, "text": {_string(e.text)}}}' for e in fix.edits
        )
        fix_json = f'{{"applicability": {_string(fix.applicability.value)}, "edits": [{edits}]}}'
    out = (
        f'{{"path": {_string(f.path)}, "start": {f.start}, "end": {f.end}, '
        f'"line": {f.line}, "column": {f.column}, '
        f'"end_line": {f.end_line}, "end_column": {f.end_column}, '
        f'"code": {_string(f.code)}, "rule": {_string(f.rule)}, '
        f'"severity": {_string(f.severity.value)}, "message": {_string(f.message)}, '
        f'"text": {_string(f.text)}, '
        f'"suggestions": [{", ".join(map(_string, f.suggestions))}], '
        f'"term": {_opt(f.term)}, "region": {_string(f.region)}, "fix": {fix_json}'
    )
    if f.extra:
        return out + f', "extra": {_encode(dict(f.extra))}}}'
    return out + "}"


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
    yield from _array(finding_json(f) for f in report.findings)
    yield ',\n  "errors": '
    yield from _array(_dumps({"path": e.path, "message": e.reason}) for e in report.errors)
    yield "\n}\n"


def render(report: RunReport) -> str:
    return "".join(render_chunks(report))


def render_lines_chunks(report: RunReport) -> Iterator[str]:
    """One finding per line; then one record per unreadable input, told apart by its "error"
    key (findings have none)."""
    for f in report.findings:
        yield finding_json(f) + "\n"
    for e in report.errors:
        yield _dumps({"error": "input-error", "path": e.path, "message": e.reason}) + "\n"


def render_lines(report: RunReport) -> str:
    return "".join(render_lines_chunks(report))
