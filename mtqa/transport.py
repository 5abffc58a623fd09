"""How findings travel back from pool workers, and a run's sequence of them.

A worker sends each file's findings as JSON lines with the counts a summary needs
(`EncodedFindings`): strings pickle as bytes, while Finding objects would each be rebuilt in
the parent (13,000 of them took longer to unpickle than to find). `Findings` holds a run's
findings in order and decodes the encoded parts only when someone asks for the objects; the
JSON reporter and the summary read them as they are.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from .findings import Finding

_encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
# The C string encoder that json.dumps(ensure_ascii=False) uses for every string.
_string = json.encoder.encode_basestring


def finding_json(finding: Finding) -> str:
    """`json.dumps(finding.to_dict(), ensure_ascii=False)`, written field by field: no dict per
    finding, one C call per string (the JSON of 13,000 findings took a tenth of a lint run).
    tests/reporters/test_json_fast.py holds it equal to the dict's dump."""
    (path, start, end, line, column, end_line, end_column, code, rule, severity, message,
     text, suggestions, term, fix, region, extra) = finding  # one unpacking, no lookups
    string = _string  # severity and applicability are str enums: encoded as their values
    if fix is None:
        fix_json = "null"
    else:
        applicability, edits = fix
        fix_json = (
            f'{{"applicability": {string(applicability)}, "edits": ['
            + ", ".join(
                f'{{"start": {s}, "end": {e}, "text": {string(t)}}}' for s, e, t in edits
            )
            + "]}"
        )
    out = (
        f'{{"path": {string(path)}, "start": {start}, "end": {end}, '
        f'"line": {line}, "column": {column}, '
        f'"end_line": {end_line}, "end_column": {end_column}, '
        f'"code": {string(code)}, "rule": {string(rule)}, '
        f'"severity": {string(severity)}, "message": {string(message)}, '
        f'"text": {string(text)}, '
        f'"suggestions": [{", ".join(map(string, suggestions))}], '
        f'"term": {"null" if term is None else string(term)}, '
        f'"region": {string(region)}, "fix": {fix_json}'
    )
    if extra:
        return out + f', "extra": {_encode(dict(extra))}}}'
    return out + "}"


@dataclass(frozen=True, slots=True)
class EncodedFindings:
    """The findings of one file as pool workers send them back: each finding's JSON line and
    the counts a summary needs."""

    lines: tuple[str, ...]
    tally: tuple[tuple[tuple[str, str, str | None, str | None], int], ...]

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> EncodedFindings:
        findings = list(findings)
        return cls(
            tuple(finding_json(f) for f in findings),
            tuple(Counter(f.tally_key for f in findings).items()),
        )

    def decode(self) -> list[Finding]:
        loads = json.loads
        return [Finding.from_dict(loads(line)) for line in self.lines]


class Findings:
    """The findings of a run, in order: a list-like sequence whose parts are either Finding
    objects or files of EncodedFindings, decoded only when someone asks for the objects. The
    JSON reporter and the summary read the encoded parts as they are."""

    __slots__ = ("_parts",)

    def __init__(self, findings: Iterable[Finding] = ()) -> None:
        self._parts: list[list[Finding] | EncodedFindings] = []
        self.extend(findings)

    # ---- building
    def append(self, finding: Finding) -> None:
        if self._parts and isinstance(self._parts[-1], list):
            self._parts[-1].append(finding)
        else:
            self._parts.append([finding])

    def extend(self, findings: Iterable[Finding] | Findings | EncodedFindings) -> None:
        if isinstance(findings, Findings):
            for part in findings._parts:
                self._parts.append(list(part) if isinstance(part, list) else part)
        elif isinstance(findings, EncodedFindings):
            if findings.lines:
                self._parts.append(findings)
        else:
            items = list(findings)
            if not items:
                return
            if self._parts and isinstance(self._parts[-1], list):
                self._parts[-1].extend(items)
            else:
                self._parts.append(items)

    def sort(self, key=None) -> None:
        ordered = sorted(self, key=key)
        self._parts = [ordered] if ordered else []

    # ---- reading
    def _objects(self) -> list[Finding]:
        if any(isinstance(p, EncodedFindings) for p in self._parts) or len(self._parts) > 1:
            objects = [f for p in self._parts for f in (p if isinstance(p, list) else p.decode())]
            self._parts = [objects] if objects else []
        return self._parts[0] if self._parts else []

    def __iter__(self) -> Iterator[Finding]:
        return iter(self._objects())

    def __len__(self) -> int:
        return sum(len(p) if isinstance(p, list) else len(p.lines) for p in self._parts)

    def __bool__(self) -> bool:
        return len(self) > 0

    def __getitem__(self, index):
        return self._objects()[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, (Findings, list, tuple)):
            return self._objects() == list(other)
        return NotImplemented

    __hash__ = None  # mutable, like a list

    def __repr__(self) -> str:
        return f"Findings({self._objects()!r})"

    def json_lines(self) -> Iterator[str]:
        """Each finding's JSON (`finding_json`), in order, without decoding encoded parts."""
        for part in self._parts:
            if isinstance(part, list):
                for f in part:
                    yield finding_json(f)
            else:
                yield from part.lines

    def tally(self) -> Counter:
        """Counts by `Finding.tally_key`, without decoding encoded parts."""
        counts: Counter = Counter()
        for part in self._parts:
            if isinstance(part, list):
                counts.update(f.tally_key for f in part)
            else:
                counts.update(dict(part.tally))
        return counts
