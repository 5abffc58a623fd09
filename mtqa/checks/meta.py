"""The check families, declared without importing them.

The registry (`mtqa.checks`) iterates these declarations in order. Each family names its module
and the prefix every code of its rules starts with; the codes themselves are written once, in
the rules (`Rule.code`). A selection reaches only the families its codes or prefixes can name,
so `--select TERM001` imports the terminology family alone and never loads the bilingual or
punctuation checks, and a rule added to a family is added in that family's module alone. When
the registry imports a family it holds the module's rules to the declared prefix.
"""

from __future__ import annotations

from typing import NamedTuple


class Family(NamedTuple):
    module: str  # mtqa.checks.<module> defines CHECK
    prefix: str  # the start of every code of its rules (two families may share one)

    def reached_by(self, pattern: str) -> bool:
        """Whether a selection pattern (a code, the start of codes, or ALL) can name one of
        this family's rules."""
        return pattern == "ALL" or pattern.startswith(self.prefix) or self.prefix.startswith(pattern)


FAMILIES: tuple[Family, ...] = (
    Family("terminology", "TERM"),
    Family("repetition", "REP"),
    Family("whitespace", "WS"),
    Family("punctuation", "PUNC"),
    Family("script", "SCRIPT"),
    Family("bilingual", "BIL"),
    Family("source_target", "BIL"),
)
