"""The map step: one document in, rows of counts out (never its text).

A row says: in this document, this entity (a glossary entry, or a name found in the text) is
written in this form this many times. Citations are left out: titles are cited as published.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ..checks.base import CheckContext
from ..documents.model import CITATION, Document
from ..matching.automaton import CORRECT
from ..matching.name_groups import proper_names, scan_names
from ..matching.normalize import FoldedText, fold_typography, unescape_references
from ..readers import has_references

GLOSSARY = "glossary"
DISCOVERED = "discovered"


@dataclass(frozen=True, slots=True)
class Row:
    document: str
    entity: str  # glossary entry id, or "~" + the name's transliteration key
    source: str  # GLOSSARY or DISCOVERED
    preferred: str  # the glossary's preferred form ("" for discovered names)
    form: str
    count: int
    # The form is one the glossary accepts (its preferred form or an accepted one).
    correct: bool = False


def document_rows(doc: Document, ctx: CheckContext, discover_names: bool = True) -> list[Row]:
    counts: Counter[tuple[str, str, str, str, bool]] = Counter()
    taken: list[tuple[int, int]] = []
    # Correct forms: each span's entry, and its use, counted once the scan has said which of
    # them an unlisted spelling holds (the accepted "Soleimani" of "Ghasem Soleimani").
    correct: dict[tuple[int, int], str] = {}
    correct_uses: list[tuple[int, int, tuple[str, str, str, str, bool]]] = []
    blocks = [b for b in doc.blocks if b.kind != CITATION]
    if ctx.glossary is not None and blocks:
        spans = [sp for b in blocks for sp in b.spans]
        entities = has_references(doc)  # XLIFF/TMX: Kata&apos;ib is Kata'ib
        ft = FoldedText(doc.text, spans, entities=entities)
        for m in ctx.matcher.find(ft.text):
            start, end = ft.span_to_original(m.start, m.end)
            taken.append((start, end))
            entry = m.target.entry
            # The form as written, correct or not: a count is of what the document says.
            written = doc.text[start:end]
            form = fold_typography(unescape_references(written) if entities else written)
            row = (entry.id, GLOSSARY, entry.preferred, form, m.target.kind == CORRECT)
            if m.target.kind == CORRECT:
                correct[(start, end)] = entry.id
                correct_uses.append((start, end, row))
            else:
                counts[row] += 1
    # The same scan as lint's TERM003/TERM004 (matching/name_groups.py): one set of rules.
    taken.sort()
    unlisted = []
    held = []
    for hit in scan_names(doc.text, blocks, taken, ctx.variant_finder, correct):
        if hit.match is not None:
            e_ = hit.match.entry
            counts[(e_.id, GLOSSARY, e_.preferred, fold_typography(hit.name), False)] += 1
            held.append((hit.start, hit.end))
        elif discover_names:
            unlisted.append(hit)
    for start, end, row in correct_uses:
        if not any(s <= start and end <= e for s, e in held):
            counts[row] += 1
    for hit in proper_names(unlisted):
        counts[("~" + " ".join(hit.key), DISCOVERED, "", fold_typography(hit.name), False)] += 1
    return [
        Row(doc.path, ent, src, pref, form, n, ok)
        for (ent, src, pref, form, ok), n in counts.items()
    ]
