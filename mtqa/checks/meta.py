"""Which rules each check family provides, declared without importing it.

The registry (`mtqa.checks`) iterates these declarations in order: choosing rules (and refusing
an unknown `--select`) needs only the codes, and a family's module, with its regexes and rule
documentation, is imported when a run enables one of its rules, so `--select TERM001` never
loads the bilingual or punctuation checks. When the registry imports a family it holds the
module's rules to this declaration, so the two cannot drift apart unnoticed.
"""

from __future__ import annotations

from typing import NamedTuple


class Family(NamedTuple):
    module: str  # mtqa.checks.<module> defines CHECK, whose rules have these codes in order
    codes: tuple[str, ...]


FAMILIES: tuple[Family, ...] = (
    Family("terminology", ("TERM001", "TERM002", "TERM003", "TERM004")),
    Family("repetition", ("REP001", "REP002")),
    Family("whitespace", ("WS001",)),
    Family("punctuation", ("PUNC001", "PUNC002")),
    Family("script", ("SCRIPT001",)),
    Family("bilingual", ("BIL001", "BIL002", "BIL003", "BIL004", "BIL005")),
    Family("source_target", ("BIL006", "BIL007", "BIL008", "BIL009", "BIL010")),
)
