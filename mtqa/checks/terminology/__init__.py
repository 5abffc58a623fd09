"""The glossary engine: variants to replace (TERM001), correct forms in the wrong case (TERM002),
unlisted spellings of names (TERM003) and one entity written several ways (TERM004).

Generic code configured by glossary entries. One automaton pass per block finds every form of
every entry; each variant becomes a finding whose fix replaces it with the entry's replacement,
shaped like the text it replaces (case, plural, the article before it). Whether the fix is safe is
the entry's call: `fix: unsafe` for paraphrases, and `context.safe_near` for words that are only
safe to replace in one sense ("existence" of forces is a presence; of a document, it is not).

One pass here, `run`, feeds the rules' modules: `variants.py` (TERM001/TERM002), `context.py`
(the sense of a match), `unlisted.py` (TERM003) and `consistency.py` (TERM004); `rules.py`
holds the four rules.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator

from ...documents.model import CITATION, Document
from ...findings import Finding
from ...glossary.model import Entry
from ...matching.automaton import CORRECT, TermMatcher
from ...matching.names.verbs import used_as_verb
from ...normalize import FoldedText, fold_typography
from ...readers import has_references
from ...readers.xmltree import unescape
from ...regexes import run_budget
from ..base import Check, CheckContext
from .consistency import FormTally
from .rules import RULES, TERM_CASE, TERM_DISCOVERED, TERM_MIXED, TERM_VARIANT
from .unlisted import discovered_names, unlisted_names_only
from .variants import case_finding, exact_findings, variant_finding

__all__ = ["CHECK", "RULES", "TERM_CASE", "TERM_DISCOVERED", "TERM_MIXED", "TERM_VARIANT", "run"]


def run(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    matcher: TermMatcher | None = ctx.matcher
    if not doc.blocks:
        return
    if matcher is None:
        yield from unlisted_names_only(doc, ctx)
        return
    want_discovery = ctx.enabled(TERM_DISCOVERED.code)
    tally = FormTally() if ctx.enabled(TERM_MIXED.code) else None
    if not (matcher.has_folded or want_discovery or tally is not None):
        # Exact variants only (an imported prh or Vale rule set): no folded pass to make.
        yield from exact_findings(doc, matcher, [], run_budget())
        return
    taken: list[tuple[int, int]] = []
    # Correct forms: their spans (an unlisted spelling may hold one), and their uses for the
    # tally, counted once discovery has said which of them such a spelling holds.
    correct: dict[tuple[int, int], str] = {}
    correct_uses: list[tuple[Entry, str, int, int]] = []
    budget = run_budget()  # backtracking-regex time of the run (mtqa.regexes)
    if matcher.has_folded:  # else no folded match can be found: the folded text is not built
        # One folded text and one automaton pass for the whole document; blocks are separated
        # by holes, so no match crosses a paragraph, and each match is mapped back to its block.
        spans: list[tuple[int, int]] = []
        breaks: set[int] = set()
        for b in doc.blocks:
            breaks.add(len(spans))
            spans.extend(b.spans)
        entities = has_references(doc)
        ft = FoldedText(doc.text, spans, breaks, entities=entities)
        original_block_starts = [b.start for b in doc.blocks]
        for m in matcher.find(ft.text, budget=budget):
            start, end = ft.span_to_original(m.start, m.end)
            block = doc.blocks[bisect_right(original_block_starts, start) - 1]
            entry = m.target.entry
            if (
                m.target.kind != CORRECT
                and entry.part_of_speech == "noun"
                and used_as_verb(ft.text, m.start, m.end, doc.text[start : start + 1].isupper())
            ):
                continue  # a noun entry's word used as a verb ("to file a complaint")
                taken.append((start, end))
            if tally is not None and block.kind != CITATION:
                # The form as written (never the preferred form in its place).
                written = doc.text[start:end]
                label = fold_typography(unescape(written) if entities else written)
                if m.target.kind == CORRECT:
                    correct_uses.append((entry, label, start, end))
                else:
                    tally.add(entry, label, start, end)
            if m.target.kind == CORRECT:
                correct[(start, end)] = entry.id
                if entry.case_sensitive:
                    f = case_finding(doc, block, ft, m, entities)
                    if f is not None:
                        yield f
                continue
            f = variant_finding(doc, block, ft, m, entry.context)
            if f is not None:
                if matcher.has_exact and not (want_discovery or tally is not None):
                    taken.append((start, end))  # (already there when discovery keeps them)
                yield f
    if matcher.has_exact:
        yield from exact_findings(doc, matcher, taken, budget)
    held: list[tuple[int, int]] = []
    if want_discovery or tally is not None:
        yield from discovered_names(doc, ctx, taken, tally, want_discovery, correct, held)
    if tally is not None:
        for entry, label, start, end in correct_uses:
            if not any(s <= start and end <= e for s, e in held):
                tally.add(entry, label, start, end, correct=True)
        yield from tally.findings(doc, ctx.entries_by_id)


CHECK = Check(rules=RULES, run=run)
