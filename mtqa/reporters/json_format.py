"""JSON (one object) and JSON Lines (one finding per line) output.

Both are produced as a stream of chunks, so a report of half a million findings is written as it
is rendered instead of being built as one string first.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import islice

from ..fingerprints import Located, fingerprints
from ..transport import Findings
from .meta import PLAIN, RenderOptions
from .model import RunReport

_encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def _dumps(value) -> str:
    return _encode(value)


def batched(items: Iterable[str], n: int) -> Iterator[list[str]]:
    it = iter(items)
    while batch := list(islice(it, n)):
        yield batch


def _array(items: Iterable[str]) -> Iterator[str]:
    """A JSON array, one item a line, in chunks of many items (one write per chunk, not per
    finding: 130,000 small writes took a tenth of a second)."""
    first = True
    for batch in batched(items, 1024):
        chunk = ",\n    ".join(batch)
        yield ("[\n    " if first else ",\n    ") + chunk
        first = False
    yield "[]" if first else "\n  ]"


def _finding_lines(findings: Findings) -> Iterator[str]:
    """Each finding's JSON with its fingerprint as the last key (older readers of the format
    see one key more and nothing else changed). Findings that pool workers sent back as JSON
    stay JSON: the fingerprint needs only where each one is and what it matched."""
    lines = list(findings.json_lines())
    located = [Located.of(json.loads(line)) for line in lines]
    for line, fingerprint in zip(lines, fingerprints(located), strict=True):
        yield f'{line[:-1]}, "fingerprint": "{fingerprint}"}}'


def render_chunks(report: RunReport, options: RenderOptions = PLAIN) -> Iterator[str]:
    """One JSON object; each finding on a line of its own (diffable, and the C encoder does the
    work: an indented dump of 10,000 findings takes seconds)."""
    yield "{\n"
    yield f'  "signature": {_dumps(report.signature.to_dict())},\n'
    yield f'  "summary": {_dumps(report.summary())},\n'
    yield '  "findings": '
    yield from _array(_finding_lines(report.findings))
    yield ',\n  "errors": '
    yield from _array(_dumps({"path": e.path, "message": e.reason}) for e in report.errors)
    yield "\n}\n"


def render(report: RunReport) -> str:
    return "".join(render_chunks(report))


def render_lines_chunks(report: RunReport, options: RenderOptions = PLAIN) -> Iterator[str]:
    """One finding per line; then one record per unreadable input, told apart by its "error"
    key (findings have none)."""
    for batch in batched(_finding_lines(report.findings), 1024):
        yield "\n".join(batch) + "\n"
    for e in report.errors:
        yield _dumps({"error": "input-error", "path": e.path, "message": e.reason}) + "\n"


def render_lines(report: RunReport) -> str:
    return "".join(render_lines_chunks(report))
