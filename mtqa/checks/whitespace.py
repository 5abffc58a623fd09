"""Doubled spaces between words inside a line of prose."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..documents.model import Document
from ..findings import Applicability, Edit, Finding, Fix, Severity
from .base import Check, CheckContext, Rule, RuleExample, make_finding

DOUBLED_SPACE = Rule(
    code="WS001",
    name="doubled-space",
    summary="Flags two or more spaces between words on one line.",
    why="Doubled spaces are left over from editing or conversion and show in justified text.",
    severity=Severity.INFO,
    fix="always",
    fix_safety="Safe: the run becomes one space. Indentation and the two trailing spaces of a "
    "Markdown line break are not touched.",
    examples=(
        RuleExample("The US  forces left.", fixed="The US forces left."),
        RuleExample("A hard break  \nstays.", flagged=False),
    ),
)

RULES = (DOUBLED_SPACE,)

_RUN = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")


def run(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    text = doc.text
    for block in doc.blocks:
        for s, e in block.spans:
            for m in _RUN.finditer(text, s, e):
                yield make_finding(
                    doc,
                    DOUBLED_SPACE,
                    m.start(),
                    m.end(),
                    f"{m.end() - m.start()} spaces where one is expected",
                    region=block.kind,
                    suggestions=(" ",),
                    fix=Fix(Applicability.SAFE, (Edit(m.start(), m.end(), " "),)),
                )


CHECK = Check(rules=RULES, run=run)
