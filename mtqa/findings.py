"""The values every part of mtqa exchanges: findings, fixes and their edits.

A finding is immutable and carries 0-based character offsets into the file's text (after
decoding, without a BOM). Line and column are derived when a finding is made, so reporters never
recount. A fix is separate from the finding that proposes it: a list of edits plus an
applicability that says whether it may be applied without a human looking first.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
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

_SEVERITIES = {s.value: s for s in Severity}
_APPLICABILITIES = {a.value: a for a in Applicability}


def sort_key(f: Finding) -> tuple:
    return (f.path, f.start, f.end, f.code)


def place(finding: Finding) -> str:
    """Where a finding is, in its format's own terms: "body, paragraph 2, character 12" in a
    Word document (its story, the paragraph in it), "line 3, column 5" elsewhere."""
    extra = finding.extra
    if "story" in extra:
        return (
            f"{extra['story']}, paragraph {extra['paragraph']}, character {extra['char'] + 1}"
        )
    return f"line {finding.line}, column {finding.column}"
