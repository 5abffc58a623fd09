"""Verification of a candidate translation before anyone is offered it.

A candidate is put in place of the segment's target and the document is linted again with
mtqa's own rules. It is accepted only when the segment then has no finding (the old ones are
cleared and none is introduced), the file keeps its structure, every number of the source is in
it (and no other), its inline codes all came back, and it stays close to the current translation.

Closeness is chrF (sacrebleu, character 6-grams, beta 2) against the current target. The current
target is a draft with a few wrong words, not a bad translation, so a good candidate shares most of
its character n-grams. CHRF_THRESHOLD is set above what unrelated sentences of the same article
score against each other (measured on the seed article: see docs/retranslation.md),
so a candidate that drops half the sentence or says something else is turned down.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..checks import CheckContext
from ..documents import Document, Segment
from ..documents.coded import plain
from ..linter import lint_document
from ..readers import reader_of, reread
from ..selection import RuleSelection

CHRF_THRESHOLD = 40.0

_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def numbers(text: str) -> Counter:
    """The numbers of a text (Arabic-Indic digits read as ASCII, thousands separators dropped)."""
    text = text.translate(_ARABIC_DIGITS).replace("٬", ",").replace("٫", ".")
    return Counter(re.sub(r",(?=\d{3}\b)", "", m.group()) for m in _NUMBER.finditer(text))


def chrf(candidate: str, reference: str) -> float:
    from sacrebleu.metrics import CHRF

    return CHRF().sentence_score(candidate, [reference]).score


def current_target(doc: Document, segment: Segment) -> str:
    """The segment's target as a reader sees it (entities decoded, inline codes left out) where
    the reader says, else the raw text of its range."""
    seen = getattr(segment, "target", None)
    return seen if seen is not None else doc.text[segment.target_start : segment.target_end]


@dataclass(frozen=True, slots=True)
class Verdict:
    accepted: bool
    reasons: tuple[str, ...]
    chrf: float
    findings: int


def verify(
    doc: Document,
    segment: Segment,
    candidate: str | None,
    context: CheckContext,
    selection: RuleSelection | None = None,
    threshold: float = CHRF_THRESHOLD,
    written: str | None = None,
    raw: str | None = None,
) -> Verdict:
    """Judge `candidate` as the new target of `segment` in `doc` (None: a placeholder was lost).

    `candidate` is the text a reader would see; `written` is what goes into the file (default:
    the candidate escaped for the format; a coded candidate brings its inline codes' markup).
    `raw` is the model's output, scored for the record when its codes could not be put back."""
    if candidate is None:
        score = chrf(raw, current_target(doc, segment)) if raw else 0.0
        return Verdict(False, ("inline codes lost, repeated or invented",), score, 0)
    current = current_target(doc, segment)
    reasons: list[str] = []
    reader = reader_of(doc)
    if written is None:
        written = reader.escape(candidate)
    text = doc.text[: segment.target_start] + written + doc.text[segment.target_end :]
    after = reread(doc, text)
    end = segment.target_start + len(written)
    found = [
        f
        for f in lint_document(after, selection=selection, context=context)
        if f.start < end and f.end > segment.target_start
    ]
    if found:
        codes = ", ".join(sorted({f.code for f in found}))
        reasons.append(f"still has findings ({codes})")
    problem = reader.structure_change(doc, after)
    if problem:
        reasons.append(f"breaks the file: {problem}")
    # A coded source leaves out what its codes hold (a protected span's number travels inside
    # its code), as the candidate's words do.
    source = plain(segment.source_coded) if segment.source_inline else segment.source
    if numbers(candidate) != numbers(source):
        reasons.append("numbers differ from the source")
    score = chrf(candidate, current)
    if score < threshold:
        reasons.append(f"chrF {score:.1f} below {threshold:g} against the current translation")
    return Verdict(not reasons, tuple(reasons), score, len(found))
