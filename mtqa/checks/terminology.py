"""The glossary engine: variants to replace (TERM001) and correct forms in the wrong case (TERM002).

Generic code configured by glossary entries. One automaton pass per block finds every form of
every entry; each variant becomes a finding whose fix replaces it with the entry's replacement,
shaped like the text it replaces (case, plural, the article before it). Whether the fix is safe is
the entry's call: `fix: unsafe` for paraphrases, and `context.safe_near` for words that are only
safe to replace in one sense ("existence" of forces is a presence; of a document, it is not).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache

from ..documents.model import Block, Document
from ..findings import Applicability, Edit, Finding, Fix, Severity
from ..glossary.model import Context, Entry
from ..matching.automaton import CORRECT, TermMatcher
from ..matching.normalize import BLOCK_BREAK, FoldedText, fold_typography
from ..matching.shape import article_edit, is_title_cased, match_case, title_case
from .base import Check, CheckContext, Rule, RuleExample, make_finding

TERM_VARIANT = Rule(
    code="TERM001",
    name="glossary-variant",
    summary="Flags a form that the glossary lists as a variant, and suggests the preferred term.",
    why="Readers and indexes need one term for one concept and one spelling for each place, "
    "organisation and person; the glossary records which one.",
    severity=Severity.WARNING,
    fix="always",
    fix_safety="Safe when the glossary entry says so and, where the entry limits it to a context "
    "(`context.safe_near`), one of those words is near; otherwise unsafe. Never applied in a "
    "References section or a citation, where titles are cited as published.",
    examples=(
        RuleExample(
            "The US military existence in Iraq.", fixed="The US military presence in Iraq."
        ),
        RuleExample("Troops left an existence of bases.", fixed="Troops left a presence of bases."),
        RuleExample("The military presence in Iraq.", flagged=False),
    ),
    uses_glossary=True,
)

TERM_CASE = Rule(
    code="TERM002",
    name="glossary-case",
    summary="Flags a correct form written in another case, for entries marked `case_sensitive`.",
    why="Proper names have one spelling, capitals included (Strategic Framework Agreement).",
    severity=Severity.INFO,
    fix="always",
    fix_safety="Safe: only the case of the letters changes.",
    examples=(
        RuleExample(
            "They signed the strategic framework agreement.",
            fixed="They signed the Strategic Framework Agreement.",
        ),
        RuleExample("They signed the Strategic Framework Agreement.", flagged=False),
    ),
    uses_glossary=True,
)

RULES = (TERM_VARIANT, TERM_CASE)

_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")


def _window(folded: str, start: int, end: int, window: int) -> str:
    """The text of up to `window` words each side of [start, end), within the match's block."""
    reach = window * 24  # generous characters per word; bounded so huge blocks stay linear
    lo = max(0, start - reach)
    lo = max(lo, folded.rfind(BLOCK_BREAK, lo, start) + 1)
    hi = min(len(folded), end + reach)
    cut = folded.find(BLOCK_BREAK, end, hi)
    hi = hi if cut == -1 else cut
    before = _WORD.findall(folded, lo, start)[-window:]
    after = _WORD.findall(folded, end, hi)[:window]
    return " " + " ".join(before) + " | " + " ".join(after) + " "


@lru_cache(maxsize=1024)
def _pattern(words: tuple[str, ...]) -> re.Pattern:
    """One regex for a list of context words ("force*" is a prefix, "a b" a phrase)."""
    alternatives = [
        re.escape(w[:-1]) + r"[^\s|]*" if w.endswith("*") else re.escape(w) for w in words
    ]
    return re.compile(r" (?:" + "|".join(alternatives) + r")(?= )")


def _context_verdict(ctx: Context, folded: str, start: int, end: int) -> tuple[bool, str | None]:
    """(skip, unsafe_reason): skip when another sense is meant; unsafe when no safe context."""
    if ctx.is_empty:
        return False, None
    near = _window(folded, start, end, ctx.window)
    if ctx.avoid_near and _pattern(ctx.avoid_near).search(near):
        return True, None
    if ctx.safe_near and not _pattern(ctx.safe_near).search(near):
        shown = ", ".join(ctx.safe_near[:4])
        return False, f"no context word ({shown}, ...) within {ctx.window} words"
    return False, None


def _message(original: str, replacement: str, entry: Entry) -> str:
    msg = f"'{original}' is a variant of '{entry.preferred}': use '{replacement}'"
    if entry.note:
        msg += f". {entry.note}"
    return msg


@lru_cache(maxsize=4096)
def _shape(original: str, replacement: str, heading: bool) -> str:
    """The replacement in the case of the text it replaces (Title Case in a heading)."""
    shaped = match_case(original, replacement)
    if heading and is_title_cased(original) and not any(c.isupper() for c in replacement):
        shaped = title_case(replacement)
    return shaped


def _variant_finding(
    doc: Document, block: Block, ft: FoldedText, m, ctx: Context
) -> Finding | None:
    entry = m.target.entry
    skip, unsafe_reason = _context_verdict(ctx, ft.text, m.start, m.end)
    if skip:
        return None
    start, end = ft.span_to_original(m.start, m.end)
    original = doc.text[start:end]
    replacement = _shape(original, m.target.replacement, block.heading)
    variant = entry.variants[m.target.variant_index]
    applicability = variant.fix or entry.fix
    if unsafe_reason:
        applicability = Applicability.UNSAFE
    edits = []
    article = article_edit(doc.text, start, replacement)
    if article is not None:
        edits.append(Edit(*article))
    edits.append(Edit(start, end, replacement))
    suggestions = (
        (replacement,) if replacement == entry.preferred else (replacement, entry.preferred)
    )
    extra = {"unsafe_reason": unsafe_reason} if unsafe_reason else {}
    return make_finding(
        doc,
        TERM_VARIANT,
        start,
        end,
        _message(original, replacement, entry),
        region=block.kind,
        suggestions=suggestions,
        term=entry.id,
        fix=Fix(applicability, tuple(edits)),
        severity=entry.severity,
        extra=extra,
    )


def _case_finding(doc: Document, block: Block, ft: FoldedText, m) -> Finding | None:
    start, end = ft.span_to_original(m.start, m.end)
    original = doc.text[start:end]
    form = m.target.form
    written = fold_typography(original)
    if written == form or written[1:] == form[1:]:
        return None  # exact, or only the first letter differs (start of a sentence)
    if block.heading and is_title_cased(written):
        return None
    entry = m.target.entry
    return make_finding(
        doc,
        TERM_CASE,
        start,
        end,
        f"'{original}' is written '{form}'" + (f". {entry.note}" if entry.note else ""),
        region=block.kind,
        suggestions=(form,),
        term=entry.id,
        fix=Fix(Applicability.SAFE, (Edit(start, end, form),)),
    )


def run(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    matcher: TermMatcher | None = ctx.matcher
    if matcher is None or not doc.blocks:
        return
    # One folded text and one automaton pass for the whole document; blocks are separated by
    # holes, so no match crosses a paragraph, and each match is mapped back to its block.
    spans: list[tuple[int, int]] = []
    breaks: set[int] = set()
    for b in doc.blocks:
        breaks.add(len(spans))
        spans.extend(b.spans)
    ft = FoldedText(doc.text, spans, breaks)
    original_block_starts = [b.start for b in doc.blocks]
    for m in matcher.find(ft.text):
        start = ft.to_original(m.start)
        block = doc.blocks[bisect_right(original_block_starts, start) - 1]
        entry = m.target.entry
        if m.target.kind == CORRECT:
            if entry.case_sensitive:
                f = _case_finding(doc, block, ft, m)
                if f is not None:
                    yield f
            continue
        f = _variant_finding(doc, block, ft, m, entry.context)
        if f is not None:
            yield f


CHECK = Check(rules=RULES, run=run)
