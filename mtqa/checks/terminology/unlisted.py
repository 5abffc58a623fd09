"""TERM003: names in the prose that are unlisted spellings of glossary entries; and every name's
form, counted for TERM004.

The name machinery (matching.names: transliteration keys and their regexes, the name scan) is
imported by the functions that use it, so a run without these rules never loads it
(tests/test_cold_start.py).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...documents.model import CITATION, Document
from ...findings import Applicability, Edit, Finding, Fix
from ..base import CheckContext, make_finding
from .consistency import FormTally
from .rules import TERM_DISCOVERED, TERM_MIXED
from .variants import shaped


def discovered_names(
    doc: Document,
    ctx: CheckContext,
    taken: list[tuple[int, int]],
    tally: FormTally | None,
    report: bool,
    correct: dict[tuple[int, int], str] | None = None,
    held: list[tuple[int, int]] | None = None,
):
    """TERM003 findings (when `report`): names in the prose that are unlisted spellings of
    glossary entries; and every name's form in the tally, for TERM004. `correct` gives the
    entry of each taken span that is a correct form; the spans of unlisted spellings that hold
    one ("Ghasem Soleimani" holding "Soleimani") are added to `held`."""
    from ...matching.names.groups import form_of, grouped_names
    from ...matching.names.scan import NameScan, proper_names
    from ...matching.names.translit import variant_reasons

    taken.sort()
    scan = NameScan(doc.text, doc.blocks, ctx.variant_finder)
    # Only names that can end up in a group of two forms are walked one by one; the others
    # (most capitalised words of a text) never make a TERM004 finding. Telling them apart
    # takes a first walk, cheap where the scan keeps it; a very long text is walked once, whole.
    wanted: set[str] | None = set()
    if tally is not None:
        wanted = grouped_names(scan.unlisted_forms()) if scan.keeps_windows else None
    unlisted = []
    for hit in scan.hits(taken, wanted, correct):
        block, ns, ne, name = hit.block, hit.start, hit.end, hit.name
        if hit.match is None:
            if tally is not None and block.kind != CITATION:
                unlisted.append(hit)
            continue
        if hit.match.listed:
            continue  # a listed spelling not matched by the glossary engine: another sense
        if held is not None and correct:
            held.append((ns, ne))
        if tally is not None and block.kind != CITATION:
            tally.add(hit.match.entry, name, ns, ne)
        if not report:
            continue
        hit_ = hit.match
        replacement = shaped(name, hit_.suggestion, block.heading)
        reasons = variant_reasons(name, hit_.form)
        how = (
            f"{', '.join(reasons)} from '{hit_.form}'"
            if reasons
            else f"same transliteration key as '{hit_.form}'"
        )
        yield make_finding(
            doc,
            TERM_DISCOVERED,
            ns,
            ne,
            f"'{name}' looks like an unlisted spelling of '{hit_.entry.preferred}' "
            f"({how}): use '{replacement}'",
            region=block.kind,
            suggestions=(replacement,),
            term=hit_.entry.id,
            fix=Fix(Applicability.UNSAFE, (Edit(ns, ne, replacement),)),
            extra={"matched_form": hit_.form, "reasons": list(reasons)},
        )
    for hit in proper_names(unlisted):
        tally.add_name(hit.key, form_of(hit.name), hit.start, hit.end, hit.block.heading)


def unlisted_names_only(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Without a glossary, TERM004 still groups the names of the text by transliteration."""
    if ctx.enabled(TERM_MIXED.code):
        tally = FormTally()
        yield from discovered_names(doc, ctx, [], tally, report=False)
        yield from tally.findings(doc, {})
