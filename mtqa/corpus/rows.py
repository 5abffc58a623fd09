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
from ..matching.discovery import has_acronym, is_common_name, iter_names
from ..matching.normalize import FoldedText, fold_typography, unescape_references
from ..matching.translit import name_key
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
    finder = ctx.variant_finder
    taken.sort()
    ti = 0
    for block in blocks:
        for s, e in block.spans:
            for ns, ne, name in iter_names(doc.text, s, e):
                while ti < len(taken) and taken[ti][1] <= ns:
                    ti += 1
                if ti < len(taken) and taken[ti][0] < ne:
                    continue  # part of a glossary form already counted
                hit = finder.identify(name) if finder is not None else None
                if hit is not None:
                    e_ = hit.entry
                    counts[(e_.id, GLOSSARY, e_.preferred, fold_typography(name))] += 1
                elif discover_names and not is_common_name(name) and not has_acronym(name):
                    key = name_key(name)
                    if key and sum(map(len, key)) >= 4:
                        counts[("~" + " ".join(key), DISCOVERED, "", fold_typography(name))] += 1
    return [Row(doc.path, ent, src, pref, form, n) for (ent, src, pref, form), n in counts.items()]
