"""Repeated words ("the the") and repeated phrases ("in the first place in the first place")."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..documents.model import Document
from ..findings import Applicability, Edit, Finding, Fix, Severity
from .base import Check, CheckContext, Rule, RuleExample, make_finding

REPEATED_WORD = Rule(
    code="REP001",
    name="repeated-word",
    summary="Flags a word written twice in a row.",
    why="A doubled word is almost always a slip of editing or of PDF conversion.",
    severity=Severity.WARNING,
    fix="always",
    fix_safety='Safe, except for words English doubles on purpose ("that that", "had had"), '
    "where the fix is unsafe.",
    examples=(
        RuleExample("It was the the first base.", fixed="It was the first base."),
        RuleExample("He said that that was wrong.", fixed="He said that was wrong."),
        RuleExample("It was the first base.", flagged=False),
    ),
)

REPEATED_PHRASE = Rule(
    code="REP002",
    name="repeated-phrase",
    summary="Flags a phrase of two to eight words written twice in a row.",
    why="Repeated phrases come from copy-paste or from a line repeated across a PDF page break.",
    severity=Severity.WARNING,
    fix="always",
    fix_safety="Unsafe: deleting a phrase deserves a look, though the repeat is rarely intended.",
    examples=(
        RuleExample(
            "It led to the rise of ISIS in the first place in the first place.",
            fixed="It led to the rise of ISIS in the first place.",
        ),
        RuleExample("Step by step, they left.", flagged=False),
    ),
)

RULES = (REPEATED_WORD, REPEATED_PHRASE)

# Words that English legitimately doubles; their fix is offered but unsafe.
_LEGIT_DOUBLES = frozenset({"that", "had", "is", "do", "bye", "very", "so", "no", "ha", "really"})

_REPEATED_WORD = re.compile(
    r"(?<![\w'-])([^\W\d_]+)([ \t\u00a0]+|[ \t]*\r?\n[ \t]*)(\1)(?![\w'-])", re.I
)
_REPEATED_PHRASE = re.compile(
    r"(?<![\w'-])((?:[^\W\d_]+[ \t,]+){1,7}[^\W\d_]+)([ \t\u00a0]+|[ \t]*\r?\n[ \t]*)(\1)(?![\w'-])",
    re.I,
)


def run(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    text = doc.text
    for block in doc.blocks:
        for s, e in block.spans:
            for m in _REPEATED_WORD.finditer(text, s, e):
                word = m.group(1)
                safe = word.lower() not in _LEGIT_DOUBLES
                yield make_finding(
                    doc,
                    REPEATED_WORD,
                    m.start(),
                    m.end(),
                    f"'{word}' is repeated",
                    region=block.kind,
                    suggestions=(word,),
                    fix=Fix(
                        Applicability.SAFE if safe else Applicability.UNSAFE,
                        (Edit(m.end(1), m.end(), ""),),
                    ),
                )
            for m in _REPEATED_PHRASE.finditer(text, s, e):
                phrase = m.group(1)
                if len(phrase.split()) < 2:
                    continue
                yield make_finding(
                    doc,
                    REPEATED_PHRASE,
                    m.start(),
                    m.end(),
                    f"the phrase '{phrase}' is repeated",
                    region=block.kind,
                    suggestions=(phrase,),
                    fix=Fix(Applicability.UNSAFE, (Edit(m.end(1), m.end(), ""),)),
                )


CHECK = Check(rules=RULES, run=run)
