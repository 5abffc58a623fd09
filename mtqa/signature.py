"""A run's signature: enough to reproduce it (after sacrebleu's signatures).

Built by the library's run (api) and printed by every reporter, so it sits below both.
"""

from __future__ import annotations

from dataclasses import dataclass

from .glossary.model import Glossary
from .version import __version__


@dataclass(frozen=True)
class Signature:
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
