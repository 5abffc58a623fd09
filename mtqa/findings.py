"""The values every part of mtqa exchanges: findings, fixes and their edits.

A finding is immutable and carries 0-based character offsets into the file's text (after
decoding, without a BOM). Line and column are derived when a finding is made, so reporters never
recount. A fix is separate from the finding that proposes it: a list of edits plus an
applicability that says whether it may be applied without a human looking first.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, NamedTuple


class Severity(StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    @classmethod
    def parse(cls, value: str) -> Severity:
        try:
            return cls(value.lower())
        except ValueError:
            allowed = ", ".join(s.value for s in cls)
            raise ValueError(f"unknown severity {value!r} (expected one of: {allowed})") from None


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class Applicability(StrEnum):
    """How far a fix may be trusted (after ruff): only SAFE fixes are applied by default."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


# Edit, Fix and Finding are named tuples: immutable values, and one is made for every match of a
# run (13,000 for 200 articles). A named tuple is built in one C call; a frozen dataclass sets
# each field through object.__setattr__, six times slower for the seventeen of a Finding.
class Edit(NamedTuple):
    """Replace text[start:end] with `text`."""

    start: int
    end: int
    text: str


class Fix(NamedTuple):
    applicability: Applicability
    edits: tuple[Edit, ...]

    @property
    def start(self) -> int:
        return min(e.start for e in self.edits)

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)


class _NoExtra(Mapping):
    """An empty mapping that cannot be changed, and that pickles as itself."""

    __slots__ = ()

    def __getitem__(self, key: str) -> Any:
        raise KeyError(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def __reduce__(self) -> str:
        return "NO_EXTRA"  # the module's own instance


# What a finding without extra facts holds: one shared mapping that cannot be changed.
NO_EXTRA: Mapping[str, Any] = _NoExtra()


class Finding(NamedTuple):
    path: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    severity: Severity
    message: str
    text: str
    suggestions: tuple[str, ...] = ()
    term: str | None = None
    fix: Fix | None = None
    # The region kind the finding sits in ("prose", "citation", "front-matter", ...).
    region: str = "prose"
    # Facts a check adds (the segment of a bilingual file, the forms of a name); not compared.
    extra: Mapping[str, Any] = NO_EXTRA

    # Equal to findings only (a bare tuple of the same fields is no finding), whatever `extra`.
    def __eq__(self, other: object) -> bool:
        return isinstance(other, Finding) and self[:_COMPARED] == other[:_COMPARED]

    def __ne__(self, other: object) -> bool:
        return not self.__eq__(other)

    def __hash__(self) -> int:
        return hash(self[:_COMPARED])

    def to_dict(self) -> dict:
        """The JSON shape of a finding (stable: golden files and other tools read it)."""
        d = {
            "path": self.path,
            "start": self.start,
            "end": self.end,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "text": self.text,
            "suggestions": list(self.suggestions),
            "term": self.term,
            "region": self.region,
            "fix": None
            if self.fix is None
            else {
                "applicability": self.fix.applicability.value,
                "edits": [{"start": e.start, "end": e.end, "text": e.text} for e in self.fix.edits],
            },
        }
        if self.extra:
            d["extra"] = dict(self.extra)
        return d

    def to_json(self) -> str:
        """`json.dumps(self.to_dict(), ensure_ascii=False)`, written field by field: no dict per
        finding, one C call per string (the JSON of 13,000 findings took a tenth of a lint run).
        tests/test_json_fast.py holds it equal to the dict's dump."""
        (path, start, end, line, column, end_line, end_column, code, rule, severity, message,
         text, suggestions, term, fix, region, extra) = self  # one unpacking, no lookups
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

    @classmethod
    def from_dict(cls, d: dict) -> Finding:
        """The finding `to_dict` (or its JSON) describes."""
        fix = d["fix"]
        return cls(
            d["path"],
            d["start"],
            d["end"],
            d["line"],
            d["column"],
            d["end_line"],
            d["end_column"],
            d["code"],
            d["rule"],
            _SEVERITIES[d["severity"]],
            d["message"],
            d["text"],
            tuple(d["suggestions"]),
            d["term"],
            None
            if fix is None
            else Fix(
                _APPLICABILITIES[fix["applicability"]],
                tuple(Edit(e["start"], e["end"], e["text"]) for e in fix["edits"]),
            ),
            d["region"],
            d.get("extra", {}),
        )

    @property
    def tally_key(self) -> tuple[str, str, str | None, str | None]:
        """What a run's summary counts: severity, code, term and fix applicability."""
        fix = self.fix
        # `_value_`, the member's plain value: `.value` is a property, and this runs per finding.
        return (
            self.severity._value_,
            self.code,
            self.term,
            None if fix is None else fix.applicability._value_,
        )


# The fields that make two findings equal: all before `extra`, the last.
_COMPARED = Finding._fields.index("extra")

_encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
# The C string encoder that json.dumps(ensure_ascii=False) uses for every string.
_string = json.encoder.encode_basestring

_SEVERITIES = {s.value: s for s in Severity}
_APPLICABILITIES = {a.value: a for a in Applicability}


def sort_key(f: Finding) -> tuple:
    return (f.path, f.start, f.end, f.code)


@dataclass(frozen=True, slots=True)
class EncodedFindings:
    """The findings of one file as pool workers send them back: each finding's JSON line and
    the counts a summary needs. Strings pickle as bytes; Finding objects would each be rebuilt
    in the parent (13,000 of them took longer to unpickle than to find)."""

    lines: tuple[str, ...]
    tally: tuple[tuple[tuple[str, str, str | None, str | None], int], ...]

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> EncodedFindings:
        findings = list(findings)
        return cls(
            tuple(f.to_json() for f in findings),
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
        """Each finding's JSON (`Finding.to_json`), in order, without decoding encoded parts."""
        for part in self._parts:
            if isinstance(part, list):
                for f in part:
                    yield f.to_json()
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


def place(finding: Finding) -> str:
    """Where a finding is, in its format's own terms: "body, paragraph 2, character 12" in a
    Word document (its story, the paragraph in it), "line 3, column 5" elsewhere."""
    extra = finding.extra
    if "story" in extra:
        return (
            f"{extra['story']}, paragraph {extra['paragraph']}, character {extra['char'] + 1}"
        )
    return f"line {finding.line}, column {finding.column}"
