"""The values every part of mtqa exchanges: findings, fixes and their edits.

A finding is immutable and carries 0-based character offsets into the file's text (after
decoding, without a BOM). Line and column are derived when a finding is made, so reporters never
recount. A fix is separate from the finding that proposes it: a list of edits plus an
applicability that says whether it may be applied without a human looking first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


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


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace text[start:end] with `text`."""

    start: int
    end: int
    text: str

    def __reduce__(self):
        return Edit, (self.start, self.end, self.text)


@dataclass(frozen=True, slots=True)
class Fix:
    applicability: Applicability
    edits: tuple[Edit, ...]

    def __reduce__(self):
        return _fix, (self.applicability.value, self.edits)

    @property
    def start(self) -> int:
        return min(e.start for e in self.edits)

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)


@dataclass(frozen=True, slots=True)
class Finding:
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
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    # Pool workers send findings back pickled. A frozen slots dataclass pickles its state by
    # a Python-level __getstate__/__setstate__ per object; a constructor call with the fields
    # as arguments unpickles in about half the time (the parent unpickles every finding, on
    # the critical path), enums as their values.
    def __reduce__(self):
        return _finding, (
            self.path,
            self.start,
            self.end,
            self.line,
            self.column,
            self.end_line,
            self.end_column,
            self.code,
            self.rule,
            self.severity.value,
            self.message,
            self.text,
            self.suggestions,
            self.term,
            self.fix,
            self.region,
            self.extra,
        )

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


_SEVERITIES = {s.value: s for s in Severity}
_APPLICABILITIES = {a.value: a for a in Applicability}


def _finding(path, start, end, line, column, end_line, end_column, code, rule, severity, *rest):
    return Finding(
        path,
        start,
        end,
        line,
        column,
        end_line,
        end_column,
        code,
        rule,
        _SEVERITIES[severity],
        *rest,
    )


def _fix(applicability: str, edits: tuple[Edit, ...]) -> Fix:
    return Fix(_APPLICABILITIES[applicability], edits)


def sort_key(f: Finding) -> tuple:
    return (f.path, f.start, f.end, f.code)
