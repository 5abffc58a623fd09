"""Arabic script left in English text (an untranslated word, or a source fragment)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..documents.model import Document
from ..findings import Applicability, Edit, Finding, Fix, Severity
from ..matching.normalize import fold
from .base import Check, CheckContext, Rule, RuleExample, make_finding

ARABIC_SCRIPT = Rule(
    code="SCRIPT001",
    name="arabic-script",
    summary="Flags Arabic script in the English text; when it is the source term of a glossary "
    "entry, suggests that entry's preferred form.",
    why="A word left in the source script is untranslated, or a fragment of the source that "
    "slipped into the translation.",
    severity=Severity.WARNING,
    fix="sometimes",
    fix_safety="Unsafe, and only when the Arabic is exactly a glossary source term.",
    examples=(
        RuleExample("The US وجود in Iraq."),
        RuleExample("The US presence in Iraq.", flagged=False),
    ),
    uses_glossary=True,
    target_language_only=True,
)

RULES = (ARABIC_SCRIPT,)

_ARABIC = "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
_ARABIC_RUN = re.compile(rf"[{_ARABIC}]+(?:[ \u00a0]+[{_ARABIC}]+)*")


def _may_have_arabic(text: str) -> bool:
    """False when no character of `text` is in the Arabic blocks (ranges a little wider than
    _ARABIC): one numpy pass over the code points, several times faster than the regex."""
    if text.isascii():
        return False
    from ..matching.chars import code_points, windows  # numpy, shared with the name scan

    for lo, hi in windows(0, len(text)):  # a long text's code points are never all held
        cps = code_points(text, lo, hi)
        if (((cps >= 0x600) & (cps < 0x900)) | ((cps >= 0xFB50) & (cps < 0xFF00))).any():
            return True
    return False


def run(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    text = doc.text
    if not _may_have_arabic(text):
        return
    for block in doc.blocks:
        for s, e in block.spans:
            for m in _ARABIC_RUN.finditer(text, s, e):
                preferred = ctx.source_terms.get(fold(m.group()))
                fix = (
                    Fix(Applicability.UNSAFE, (Edit(m.start(), m.end(), preferred),))
                    if preferred
                    else None
                )
                message = f"Arabic script in English text: '{m.group()}'"
                if preferred:
                    message += f" (the glossary translates it as '{preferred}')"
                yield make_finding(
                    doc,
                    ARABIC_SCRIPT,
                    m.start(),
                    m.end(),
                    message,
                    region=block.kind,
                    suggestions=(preferred,) if preferred else (),
                    fix=fix,
                )


CHECK = Check(rules=RULES, run=run)
