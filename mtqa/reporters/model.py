"""What every reporter renders: the findings of a run, its input errors, and its signature."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..errors import InputError
from ..findings import Applicability, Finding
from ..signature import Signature
from ..transport import Findings


@dataclass
class RunReport:
    findings: Findings | list[Finding]
    signature: Signature
    files: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    words: int = 0
    # Lines for the user beside the findings (a file whose target-language rules were skipped).
    notes: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        if not isinstance(self.findings, Findings):
            self.findings = Findings(self.findings)

    def summary(self) -> dict:
        # From the counts, so findings that pool workers sent back encoded stay encoded.
        by_severity: Counter = Counter()
        by_code: Counter = Counter()
        by_term: Counter = Counter()
        fixes: Counter = Counter()
        for (severity, code, term, applicability), n in self.findings.tally().items():
            by_severity[severity] += n
            by_code[code] += n
            if term:
                by_term[term] += n
            if applicability:
                fixes[applicability] += n
        return {
            "files": len(self.files),
            "words": self.words,
            "findings": len(self.findings),
            "errors": len(self.errors),
            "by_severity": {k: by_severity.get(k, 0) for k in ("error", "warning", "info")},
            "by_code": dict(sorted(by_code.items())),
            "by_term": dict(sorted(by_term.items())),
            "fixable": {
                "safe": fixes.get(Applicability.SAFE.value, 0),
                "unsafe": fixes.get(Applicability.UNSAFE.value, 0),
            },
        }
