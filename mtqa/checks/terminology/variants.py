"""TERM001 and TERM002 findings for the glossary's matches: a variant replaced by the entry's
preferred form shaped like the text it replaces, a correct form in the wrong case, and the exact
variants of imported prh and Vale rules (replaced as their engine replaces)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache

from ...documents.model import Block, Document
from ...findings import Applicability, Edit, Finding, Fix
from ...glossary.model import Context, Entry
from ...matching.automaton import TermMatcher
from ...matching.shape import article_edit, is_title_cased, match_case, title_case
from ...normalize import FoldedText, fold_typography
from ...readers.xmltree import unescape
from ...regexes import Budget
from ..base import make_finding
from .context import context_verdict
from .rules import TERM_CASE, TERM_VARIANT


def _message(original: str, replacement: str, entry: Entry) -> str:
    msg = f"'{original}' is a variant of '{entry.preferred}': use '{replacement}'"
    if entry.note:
        msg += f". {entry.note}"
    return msg


@lru_cache(maxsize=4096)
def shaped(original: str, replacement: str, heading: bool) -> str:
    """The replacement in the case of the text it replaces (Title Case in a heading)."""
    shaped = match_case(original, replacement)
    if heading and is_title_cased(original) and not any(c.isupper() for c in replacement):
        shaped = title_case(replacement)
    return shaped


def variant_finding(
    doc: Document, block: Block, ft: FoldedText, m, ctx: Context
) -> Finding | None:
    entry = m.target.entry
    skip, unsafe_reason = context_verdict(ctx, ft.text, m.start, m.end)
    if skip:
        return None
    start, end = ft.span_to_original(m.start, m.end)
    original = doc.text[start:end]
    replacement = shaped(original, m.target.replacement, block.heading)
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


def case_finding(
    doc: Document, block: Block, ft: FoldedText, m, entities: bool = False
) -> Finding | None:
    start, end = ft.span_to_original(m.start, m.end)
    original = doc.text[start:end]
    form = m.target.form
    written = fold_typography(unescape(original) if entities else original)
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


def _exact_edits(block: Block, start: int, original: str, replacement: str) -> list[Edit] | None:
    """The edits that turn `original` (at `start`) into `replacement`, all in prose; None when
    the change would touch a hole (code, a tag, a URL) inside the match."""
    spans = block.spans
    if any(s <= start and start + len(original) <= e for s, e in spans):
        return [Edit(start, start + len(original), replacement)]
    import difflib

    edits = []
    ops = difflib.SequenceMatcher(None, original, replacement, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            continue
        a, b = start + i1, start + i2
        if not any(s <= a and b <= e for s, e in spans):
            return None
        edits.append(Edit(a, b, replacement[j1:j2]))
    return edits


def exact_findings(
    doc: Document, matcher: TermMatcher, taken: list[tuple[int, int]], budget: Budget | None = None
) -> Iterator[Finding]:
    """TERM001 for exact variants (imported prh and Vale rules): matched per paragraph on the
    text as written, replaced as their engine replaces (groups filled in, no re-casing)."""
    taken_sorted = sorted(taken)
    starts = [s for s, _ in taken_sorted]
    blocks = [b for b in doc.blocks if b.spans]
    ranges = [(b.spans[0][0], b.spans[-1][1]) for b in blocks]
    text = doc.text
    for block, matches in zip(blocks, matcher.find_exact(text, ranges, budget), strict=True):
        for m in matches:
            if starts:
                i = bisect_right(starts, m.end - 1) - 1
                if i >= 0 and taken_sorted[i][1] > m.start:
                    continue  # a glossary variant of mtqa's own semantics has this place
            original = text[m.start : m.end]
            edits = None
            for s, e in block.spans:
                if s <= m.start and m.end <= e:  # the common case: all in one span of prose
                    edits = [Edit(m.start, m.end, m.replacement)]
                    break
            else:
                if not any(s < m.end and m.start < e for s, e in block.spans):
                    continue  # wholly inside a hole
                edits = _exact_edits(block, m.start, original, m.replacement)
            if not edits:
                continue
            entry = m.target.entry
            variant = entry.variants[m.target.variant_index]
            use = f"use '{m.replacement}'" if m.replacement else "delete it"
            message = f"'{original}' is a variant of '{entry.preferred}': {use}"
            if not entry.preferred:
                message = f"'{original}': {use}"
            if entry.note:
                # A Vale message names the text found with `%s`.
                message += ". " + entry.note.replace("%s", original, 1)
            yield make_finding(
                doc,
                TERM_VARIANT,
                m.start,
                m.end,
                message,
                region=block.kind,
                suggestions=(m.replacement,),
                term=entry.id,
                fix=Fix(variant.fix or entry.fix, tuple(edits)),
                severity=entry.severity,
            )
