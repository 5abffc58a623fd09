"""What every reporter renders: the findings of a run, its input errors, and its signature."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .. import __version__
from ..errors import InputError
from ..findings import Applicability, Finding
from ..glossary.model import Glossary


@dataclass(frozen=True)
class Signature:
    """Enough to reproduce a run (after sacrebleu's signatures)."""

    version: str
    glossary: str
    glossary_hash: str
    rules: tuple[str, ...]

    @classmethod
    def of(cls, glossary: Glossary | None, rules: tuple[str, ...]) -> Signature:
        return cls(
            version=__version__,
            glossary=glossary.name if glossary else "none",
            glossary_hash=glossary.hash if glossary else "",
            rules=rules,
        )

    def to_dict(self) -> dict:
        return {
            "mtqa": self.version,
            "glossary": self.glossary,
            "glossary_hash": self.glossary_hash,
            "rules": list(self.rules),
        }

    def __str__(self) -> str:
        g = f"{self.glossary}@{self.glossary_hash}" if self.glossary_hash else self.glossary
        return f"mtqa:{self.version}|glossary:{g}|rules:{','.join(self.rules)}"


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
