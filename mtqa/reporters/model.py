"""What every reporter renders: the findings of a run, its input errors, and its signature."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..errors import InputError
from ..findings import Applicability, Finding
from ..signature import Signature


@dataclass
class RunReport:
    findings: list[Finding]
    signature: Signature
    files: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    words: int = 0

    def summary(self) -> dict:
        by_severity = Counter(f.severity.value for f in self.findings)
        fixes = Counter(f.fix.applicability.value for f in self.findings if f.fix)
        return {
            "files": len(self.files),
            "words": self.words,
            "findings": len(self.findings),
            "errors": len(self.errors),
            "by_severity": {k: by_severity.get(k, 0) for k in ("error", "warning", "info")},
            "by_code": dict(sorted(Counter(f.code for f in self.findings).items())),
            "by_term": dict(sorted(Counter(f.term for f in self.findings if f.term).items())),
            "fixable": {
                "safe": fixes.get(Applicability.SAFE.value, 0),
                "unsafe": fixes.get(Applicability.UNSAFE.value, 0),
            },
        }
