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

from ..documents.model import CITATION, Block, Document
from ..findings import Applicability, Edit, Finding, Fix, Severity
from ..glossary.model import Category, Context, Entry
from ..matching.automaton import CORRECT, TermMatcher
from ..matching.normalize import BLOCK_BREAK, FoldedText, fold_typography
from ..matching.normalize import unescape_references as unescape
from ..matching.shape import article_edit, is_title_cased, match_case, title_case
from ..matching.verbs import used_as_verb
from ..readers import has_references
from ..regexes import Budget, run_budget
from .base import Check, CheckContext, Rule, RuleExample, make_finding

# The name machinery (..matching.name_groups: transliteration keys and their regexes, the name
# scan) is imported by the TERM003/TERM004 functions that use it, so a run without those rules
# never loads it (tests/test_cold_start.py).

TERM_VARIANT = Rule(
    code="TERM001",
    name="glossary-variant",
    summary="Flags a form that the glossary lists as a variant, and suggests the preferred term.",
    why="Readers and indexes need one term for one concept and one spelling for each place, "
    "organisation and person; the glossary records which one.",
    severity=Severity.WARNING,
    fix="always",
    fix_safety="Safe when the glossary entry says so and, where the entry limits it to a context "
    "(`context.safe_near`), one of those words is in the match's sentence; otherwise unsafe. Never applied in a "
    "References section or a citation, where titles are cited as published.",
    examples=(
        RuleExample(
            "The US military existence in Iraq.", fixed="The US military presence in Iraq."
        ),
        RuleExample("Troops left an existence of bases.", fixed="Troops left a presence of bases."),
        RuleExample("The military presence in Iraq.", flagged=False),
    ),
    uses_glossary=True,
    target_language_only=True,
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
    target_language_only=True,
)

TERM_DISCOVERED = Rule(
    code="TERM003",
    name="glossary-unlisted-variant",
    summary="Flags a spelling of a glossary name that the glossary does not list, found by its "
    "transliteration key (Ayn/Ain/Ein, al-/el-, Asad/Assad, q/k, doubled letters, ...).",
    why="No glossary lists every spelling a translator invents; one entity must have one "
    "spelling all the same.",
    severity=Severity.WARNING,
    fix="always",
    fix_safety="Unsafe: the match is inferred, so a reviewer confirms it is the same entity.",
    examples=(
        RuleExample(
            "Rockets hit Ayn al-Asad on Monday.", fixed="Rockets hit Ain al-Asad on Monday."
        ),
        RuleExample("They met at Al-Qayara.", fixed="They met at Qayyarah."),
        RuleExample("Bashar al-Assad spoke on Monday.", flagged=False),
        RuleExample("Ain al-Asad Air Base was hit.", flagged=False),
    ),
    uses_glossary=True,
    target_language_only=True,
)

TERM_MIXED = Rule(
    code="TERM004",
    name="mixed-forms",
    summary="Says once per document when one entity is written in more than one form, with "
    "every form and its count: a glossary entity (listed or discovered variants beside the "
    "preferred form), or a proper name no glossary lists, grouped by transliteration key "
    "(Abu Mahdi al-Muhandis / al-Mohandes). Names that merely look alike stay apart.",
    why="An article that spells one base three ways reads as if it spoke of three bases, and "
    "no glossary lists every name a translator meets.",
    severity=Severity.INFO,
    fix="sometimes",
    fix_safety="For a glossary entity, no fix of its own: the forms' TERM001/TERM003 findings "
    "carry the fixes. For a name no glossary lists, an unsafe fix that writes every occurrence "
    "in the majority form: the translator chooses the spelling.",
    examples=(
        RuleExample("Troops at Ain al-Asad and at Ein Al-Asaad stayed."),
        RuleExample("Troops at Ein Al-Asaad and at Ein Al-Asaad stayed.", flagged=False),
        RuleExample(
            "Abu Mahdi al-Muhandis spoke. Later Abu Mahdi al-Muhandis left. "
            "Abu Mahdi al-Mohandes returned.",
            fixed="Abu Mahdi al-Muhandis spoke. Later Abu Mahdi al-Muhandis left. "
            "Abu Mahdi al-Muhandis returned.",
        ),
        RuleExample("Bashar al-Assad never visited Ain Alasad.", flagged=False),
    ),
    uses_glossary=True,
    target_language_only=True,
)

RULES = (TERM_VARIANT, TERM_CASE, TERM_DISCOVERED, TERM_MIXED)

_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")


# The end of a sentence in folded text: terminal punctuation, closing quotes or brackets, then a
# space. Whether it really ends one is decided by `_ends_sentence` (abbreviations do not).
_SENTENCE_END = re.compile(r"[.!?\u2026]+[\"')\]]*(?= )")
# Abbreviations whose period is not a sentence end (folded to lower case; single letters, as in
# "U.S." or "J. Smith", never end one either). Only ones that are not also words that end
# sentences ("no", "co"): joining two sentences would let an avoid word drop a finding.
_ABBREVIATIONS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "maj",
        "gov",
        "jr",
        "sr",
        "vs",
        "etc",
        "eg",
        "ie",
        "cf",
        "al",
        "fig",
        "figs",
        "approx",
        "dept",
        "inc",
        "ltd",
        "corp",
        "vol",
        "pp",
        "eds",
        "nos",
    }
)
_WORD_BEFORE = re.compile(r"([^\W_]+)(?:\.[^\W_]+)*$")


def _ends_sentence(folded: str, m: re.Match) -> bool:
    if folded[m.start()] != ".":
        return True
    word = _WORD_BEFORE.search(folded, max(0, m.start() - 24), m.start())
    if word is None:
        return True  # "...", or a period after a number or a quote
    if "." in word.group():
        return False  # "u.s.", "e.g."
    return len(word.group(1)) > 1 and word.group(1) not in _ABBREVIATIONS


def _sentence(folded: str, start: int, end: int, reach: int) -> tuple[int, int, int, int]:
    """(paragraph lo, sentence lo, sentence hi, paragraph hi) around a match, within `reach`."""
    lo = max(0, start - reach)
    lo = max(lo, folded.rfind(BLOCK_BREAK, lo, start) + 1)
    hi = min(len(folded), end + reach)
    cut = folded.find(BLOCK_BREAK, end, hi)
    hi = hi if cut == -1 else cut
    s_lo = lo
    for m in _SENTENCE_END.finditer(folded, lo, start):
        if _ends_sentence(folded, m):
            s_lo = m.end()
    s_hi = hi
    for m in _SENTENCE_END.finditer(folded, end, hi):
        if _ends_sentence(folded, m):
            s_hi = m.end()
            break
    return lo, s_lo, s_hi, hi


@lru_cache(maxsize=1024)
def _pattern(words: tuple[str, ...]) -> re.Pattern:
    """One regex for a list of context words ("force*" is a prefix, "a b" a phrase)."""
    alternatives = [
        re.escape(w[:-1]) + r"[^\s|]*" if w.endswith("*") else re.escape(w) for w in words
    ]
    return re.compile(r" (?:" + "|".join(alternatives) + r")(?= )")


def _context_verdict(ctx: Context, folded: str, start: int, end: int) -> tuple[bool, str | None]:
    """(skip, unsafe_reason): skip when another sense is meant; unsafe when no safe context.

    The context of a match is its own sentence (at most `window` words each side): an
    `avoid_near` word there means another sense (not reported), unless a `safe_near` word is
    there too (mixed: reported, fix unsafe); a `safe_near` word alone makes the fix safe.
    Neighbouring sentences count only when the sentence has neither kind of word: an avoid
    word there makes the sense unclear (reported, fix unsafe). A fix whose entry lists safe
    words is safe only with one of them in the sentence.
    """
    if ctx.is_empty:
        return False, None
    reach = ctx.window * 24  # generous characters per word; bounded so huge blocks stay linear
    lo, s_lo, s_hi, hi = _sentence(folded, start, end, reach)
    before = _WORD.findall(folded, s_lo, start)[-ctx.window :]
    after = _WORD.findall(folded, end, s_hi)[: ctx.window]
    sentence = " " + " ".join(before) + " | " + " ".join(after) + " "
    avoid = _pattern(ctx.avoid_near) if ctx.avoid_near else None
    safe = _pattern(ctx.safe_near).search(sentence) if ctx.safe_near else None
    avoided = avoid.search(sentence) if avoid is not None else None
    if avoided and safe:
        return False, (
            f"its sentence has both '{safe.group().strip()}' and "
            f"'{avoided.group().strip()}': the sense is unclear"
        )
    if avoided:
        return True, None
    if safe:
        return False, None
    if avoid is not None:
        window_left = ctx.window - len(before)
        window_right = ctx.window - len(after)
        neighbours = (_WORD.findall(folded, lo, s_lo)[-window_left:] if window_left > 0 else []) + (
            _WORD.findall(folded, s_hi, hi)[:window_right] if window_right > 0 else []
        )
        found = avoid.search(" " + " ".join(neighbours) + " ")
        if found:
            return False, (
                f"'{found.group().strip()}' in a neighbouring sentence may mean another sense"
            )
    if ctx.safe_near:
        shown = ", ".join(ctx.safe_near[:4])
        return False, f"no context word ({shown}, ...) in its sentence"
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


def _case_finding(
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


# Entries that name one entity (a place, a group, a person); vocabulary entries do not count.
_ENTITY_CATEGORIES = (Category.NAME, Category.TRANSLITERATION)


def _lines(doc: Document, starts: dict[str, list[int]]) -> dict[str, list[int]]:
    """The lines each form is used on, so a report can say where to look."""
    return {form: sorted({doc.position(s)[0] for s in at}) for form, at in starts.items()}


class _FormTally:
    """The forms each entity is written in within one document, for TERM004: glossary entries
    by id, and names no glossary lists by transliteration key (grouped as the corpus does)."""

    def __init__(self):
        self.forms: dict[str, dict[str, list]] = {}
        # Unlisted names: key -> lower-cased form -> [form, count, [(start, end, heading)]].
        self.names: dict[tuple[str, ...], dict[str, list]] = {}

    def add(self, entry: Entry, label: str, start: int, end: int, correct: bool = False) -> None:
        """One use of a glossary entity, in the form written (`correct`: a form the glossary
        accepts)."""
        forms = self.forms.setdefault(entry.id, {})
        slot = forms.setdefault(label.lower(), [label, 0, start, end, [], correct])
        slot[1] += 1
        slot[4].append(start)

    def add_name(self, key: tuple[str, ...], form: str, start: int, end: int, heading: bool):
        """One use of an unlisted name, by its counted form (name_groups.form_of)."""
        slot = self.names.setdefault(key, {}).setdefault(form.lower(), [form, 0, [], {}])
        slot[1] += 1
        slot[2].append((start, end, heading))
        slot[3][form] = slot[3].get(form, 0) + 1

    def findings(self, doc: Document, entries: dict[str, Entry]) -> Iterator[Finding]:
        for entry_id, forms in self.forms.items():
            entry = entries[entry_id]
            if len(forms) < 2 or entry.category not in _ENTITY_CATEGORIES:
                continue
            if all(f[5] for f in forms.values()):
                continue  # only forms the glossary accepts (Ain al-Asad, Ain al-Asad Air Base)
            ordered = sorted(forms.values(), key=lambda f: f[2])
            first_other = next(f for f in ordered if not f[5])
            counts = ", ".join(f"'{f[0]}' ×{f[1]}" for f in ordered)
            yield make_finding(
                doc,
                TERM_MIXED,
                first_other[2],
                first_other[3],
                f"one entity is written {len(forms)} ways in this document: {counts}; "
                f"the glossary prefers '{entry.preferred}'",
                term=entry.id,
                extra={
                    "forms": {f[0]: f[1] for f in ordered},
                    "lines": _lines(doc, {f[0]: f[4] for f in ordered}),
                    "preferred": entry.preferred,
                },
            )
        yield from self._name_findings(doc)

    def _name_findings(self, doc: Document) -> Iterator[Finding]:
        from ..matching.name_groups import display_form, majority_key, merge_keys

        groups: dict[tuple[str, ...], list[list]] = {}
        for key, root in merge_keys(self.names).items():
            groups.setdefault(root, []).extend(self.names[key].values())
        for forms in groups.values():
            if len(forms) < 2:
                continue
            forms.sort(key=lambda f: f[2][0][0])  # in order of first use
            for f in forms:
                f[0] = display_form(f[3])  # forms that differ only in case, as the corpus
            counts = ", ".join(f"'{f[0]}' ×{f[1]}" for f in forms)
            extra = {
                "forms": {f[0]: f[1] for f in forms},
                "lines": _lines(doc, {f[0]: [at[0] for at in f[2]] for f in forms}),
                "unlisted": True,
            }
            ranked = sorted(f[1] for f in forms)
            if ranked[-1] == ranked[-2]:
                # No majority: a fix would write one correct spelling over another at random.
                first = min(at for f in forms[1:] for at in f[2])
                yield make_finding(
                    doc,
                    TERM_MIXED,
                    first[0],
                    first[1],
                    f"one name is written {len(forms)} ways in this document: {counts}; no "
                    "glossary entry lists it and no form is used most: choose one and write it "
                    "that way",
                    extra={**extra, "preferred": None},
                )
                continue
            majority = min(forms, key=lambda f: majority_key(f[0], f[1]))[0]
            others = [f for f in forms if f[0] != majority]
            where = [at for f in others for at in f[2]]
            first = min(where)
            edits = tuple(
                Edit(s, e, _shape(doc.text[s:e], majority, heading))
                for s, e, heading in sorted(where)
            )
            yield make_finding(
                doc,
                TERM_MIXED,
                first[0],
                first[1],
                f"'{majority}' is written {len(forms)} ways in this document: {counts}; "
                f"no glossary entry lists it: write it one way ('{majority}' is the most used)",
                suggestions=(majority,),
                fix=Fix(Applicability.UNSAFE, edits),
                extra={**extra, "preferred": majority},
            )


def _discovered(
    doc: Document,
    ctx: CheckContext,
    taken: list[tuple[int, int]],
    tally: _FormTally | None,
    report: bool,
    correct: dict[tuple[int, int], str] | None = None,
    held: list[tuple[int, int]] | None = None,
):
    """TERM003 findings (when `report`): names in the prose that are unlisted spellings of
    glossary entries; and every name's form in the tally, for TERM004. `correct` gives the
    entry of each taken span that is a correct form; the spans of unlisted spellings that hold
    one ("Ghasem Soleimani" holding "Soleimani") are added to `held`."""
    from ..matching.name_groups import NameScan, form_of, grouped_names, proper_names
    from ..matching.translit import variant_reasons

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
        replacement = _shape(name, hit_.suggestion, block.heading)
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


def _unlisted_names_only(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    """Without a glossary, TERM004 still groups the names of the text by transliteration."""
    if ctx.enabled(TERM_MIXED.code):
        tally = _FormTally()
        yield from _discovered(doc, ctx, [], tally, report=False)
        yield from tally.findings(doc, {})


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


def _exact_findings(
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


def run(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    matcher: TermMatcher | None = ctx.matcher
    if not doc.blocks:
        return
    if matcher is None:
        yield from _unlisted_names_only(doc, ctx)
        return
    want_discovery = ctx.enabled(TERM_DISCOVERED.code)
    tally = _FormTally() if ctx.enabled(TERM_MIXED.code) else None
    if not (matcher.has_folded or want_discovery or tally is not None):
        # Exact variants only (an imported prh or Vale rule set): no folded pass to make.
        yield from _exact_findings(doc, matcher, [], run_budget())
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
                    f = _case_finding(doc, block, ft, m, entities)
                    if f is not None:
                        yield f
                continue
            f = _variant_finding(doc, block, ft, m, entry.context)
            if f is not None:
                if matcher.has_exact and not (want_discovery or tally is not None):
                    taken.append((start, end))  # (already there when discovery keeps them)
                yield f
    if matcher.has_exact:
        yield from _exact_findings(doc, matcher, taken, budget)
    held: list[tuple[int, int]] = []
    if want_discovery or tally is not None:
        yield from _discovered(doc, ctx, taken, tally, want_discovery, correct, held)
    if tally is not None:
        for entry, label, start, end in correct_uses:
            if not any(s <= start and end <= e for s, e in held):
                tally.add(entry, label, start, end, correct=True)
        yield from tally.findings(doc, ctx.entries_by_id)


CHECK = Check(rules=RULES, run=run)
