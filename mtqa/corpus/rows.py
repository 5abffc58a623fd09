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


def document_rows(doc: Document, ctx: CheckContext, discover_names: bool = True) -> list[Row]:
    counts: Counter[tuple[str, str, str, str]] = Counter()
    taken: list[tuple[int, int]] = []
    blocks = [b for b in doc.blocks if b.kind != CITATION]
    if ctx.glossary is not None and blocks:
        spans = [sp for b in blocks for sp in b.spans]
        entities = has_references(doc)  # XLIFF/TMX: Kata&apos;ib is Kata'ib
        ft = FoldedText(doc.text, spans, entities=entities)
        for m in ctx.matcher.find(ft.text):
            start, end = ft.span_to_original(m.start, m.end)
            taken.append((start, end))
            entry = m.target.entry
            form = (
                entry.preferred
                if m.target.kind == CORRECT
                else fold_typography(
                    unescape_references(doc.text[start:end]) if entities else doc.text[start:end]
                )
            )
            counts[(entry.id, GLOSSARY, entry.preferred, form)] += 1
    # The same scan as lint's TERM003/TERM004 (matching/name_groups.py): one set of rules.
    taken.sort()
    unlisted = []
    for hit in scan_names(doc.text, blocks, taken, ctx.variant_finder):
        if hit.match is not None:
            e_ = hit.match.entry
            counts[(e_.id, GLOSSARY, e_.preferred, fold_typography(hit.name))] += 1
        elif discover_names:
            unlisted.append(hit)
    for hit in proper_names(unlisted):
        counts[("~" + " ".join(hit.key), DISCOVERED, "", fold_typography(hit.name))] += 1
    return [Row(doc.path, ent, src, pref, form, n) for (ent, src, pref, form), n in counts.items()]
