"""Source-aware checks: what only a file with the source beside each target lets one see.

They run on the segments a bilingual reader fills (XLIFF, TMX, TSV/CSV, a target aligned with
its source) and say nothing on a monolingual document. Each finding covers the segment's target
(or, for a missing target, the point where it would be) and names the segment, so every report
format can point at it. None of them fixes anything: the right translation is a translator's call.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..documents.model import Document, Segment
from ..findings import Finding, Severity
from ..matching.normalize import fold
from .base import Check, CheckContext, Rule, RuleExample, make_finding

KEY_TERM = Rule(
    code="BIL001",
    name="key-term-missing",
    summary="Flags a segment whose source contains a glossary source term (after Arabic "
    "normalisation) while its target has neither the entry's preferred form nor a known variant.",
    why="A key term that vanished or was paraphrased in translation breaks terminology that a "
    "monolingual check cannot see: there is nothing wrong to find, only something missing.",
    severity=Severity.WARNING,
    fix="never",
    fix_safety="No fix: where the term belongs in the sentence is the translator's call.",
    examples=(
        RuleExample("وهاجمت كتائب حزب الله القاعدة\tThe militia attacked the base.", format="tsv"),
        RuleExample(
            "وهاجمت كتائب حزب الله القاعدة\tKata'ib Hezbollah attacked the base.",
            False,
            format="tsv",
        ),
        RuleExample(
            "وهاجمت كتائب حزب الله القاعدة\tHezbollah Brigades attacked the base.",
            False,
            format="tsv",
        ),
    ),
    uses_glossary=True,
)

NUMBERS = Rule(
    code="BIL002",
    name="number-mismatch",
    summary="Flags a segment whose numbers differ between source and target, reading Arabic-Indic "
    "and Eastern Arabic digits and normalising separators (٢٠٢٠ = 2020, ٣٫٥ = 3.5, 1,000 = 1000).",
    why="A changed date, count or calibre is a factual error that reads fluently.",
    severity=Severity.WARNING,
    fix="never",
    fix_safety="No fix: which side is wrong needs a reader.",
    examples=(
        RuleExample("في عام ٢٠٢٠ سقط ٣ صواريخ\tIn 2019, 3 rockets fell.", format="tsv"),
        RuleExample("في عام ٢٠٢٠ سقط ٣ صواريخ\tIn 2020, 3 rockets fell.", False, format="tsv"),
        RuleExample("بنسبة ٣٫٥ بالمئة\tby 3.5 percent", False, format="tsv"),
    ),
)

UNTRANSLATED = Rule(
    code="BIL003",
    name="untranslated",
    summary="Flags a segment with a missing or empty target, a target identical to its source, "
    "or a target still written in the source's Arabic script.",
    why="An untranslated segment ships the source language to readers of the translation.",
    severity=Severity.WARNING,
    fix="never",
    fix_safety="No fix: the segment needs translating.",
    examples=(
        RuleExample("القوات الأمريكية\t", format="tsv"),
        RuleExample("القوات الأمريكية\tالقوات الأمريكية", format="tsv"),
        RuleExample("القوات الأمريكية\tUS forces", False, format="tsv"),
    ),
)

INCONSISTENT = Rule(
    code="BIL004",
    name="inconsistent-translation",
    summary="Flags a source segment translated differently elsewhere in the file, and one target "
    "used for different sources.",
    why="A repeated sentence translated two ways makes readers look for a difference that is "
    "not there; one translation for two sources may hide a copy-paste error.",
    severity=Severity.INFO,
    fix="never",
    fix_safety="No fix: which translation to keep is the translator's call.",
    examples=(
        RuleExample(
            "الوجود العسكري\tthe military presence\nالوجود العسكري\tthe military existence",
            format="tsv",
        ),
        RuleExample(
            "الوجود العسكري\tthe military presence\nالوجود العسكري\tthe military presence",
            False,
            format="tsv",
        ),
    ),
)

TAGS = Rule(
    code="BIL005",
    name="inline-code-mismatch",
    summary="Flags inline codes (XLIFF g/x/bx/ex/bpt/ept/ph/it, pc/sc/ec, TMX bpt/ept/ph/it/hi/ut) "
    "missing from the target, duplicated or added in it, or reordered where the format forbids it.",
    why="A lost or extra code breaks the formatting, links or placeholders of the document that "
    "the translation is merged back into.",
    severity=Severity.ERROR,
    fix="never",
    fix_safety="No fix: where a code goes in the target depends on its words.",
    examples=(
        RuleExample(
            '<xliff version="1.2"><file><body><trans-unit id="1"><source>Read <g id="1">the '
            "report</g></source><target>Read the report</target></trans-unit></body></file>"
            "</xliff>",
            format="xliff",
        ),
        RuleExample(
            '<xliff version="1.2"><file><body><trans-unit id="1"><source>Read <g id="1">the '
            'report</g></source><target>Read <g id="1">the report</g></target></trans-unit>'
            "</body></file></xliff>",
            flagged=False,
            format="xliff",
        ),
    ),
)

RULES = (KEY_TERM, NUMBERS, UNTRANSLATED, INCONSISTENT, TAGS)

# ---- numbers

_DIGITS = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬",
    "01234567890123456789.,",
)
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$")


def numbers(text: str) -> Counter:
    """The numbers of a text as canonical strings ("1,000" and "1000" are one number)."""
    found: Counter = Counter()
    for m in _NUMBER.finditer(text.translate(_DIGITS)):
        n = m.group()
        if _THOUSANDS.match(n):
            n = n.replace(",", "")
        elif n.count(",") == 1 and "." not in n:
            n = n.replace(",", ".")  # a decimal comma
        if "." in n:
            n = n.rstrip("0").rstrip(".") or "0"
        found[n.lstrip("0") or "0"] += 1
    return found


# ---- helpers

_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_LETTER = re.compile(r"[^\W\d_]")
_SPACES = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()


def _finding(doc: Document, rule: Rule, seg: Segment, message: str, **extra) -> Finding:
    return make_finding(
        doc,
        rule,
        seg.target_start,
        seg.target_end,
        f"{seg.kind} {seg.id}: {message}",
        extra={"segment": seg.id, "unit": seg.unit, "source": seg.source, **extra},
    )


def _key_terms(doc: Document, ctx: CheckContext, seg: Segment) -> Iterator[Finding]:
    index = ctx.arabic_terms
    if not index:
        return
    hits = index.find(seg.source)
    if not hits:
        return
    present = {m.target.entry.id for m in ctx.matcher.find(fold(seg.target or ""))}
    reported: set[str] = set()
    for words, entry in hits:
        if entry.id in present or entry.id in reported:
            continue
        reported.add(entry.id)
        yield _finding(
            doc,
            KEY_TERM,
            seg,
            f"the source has '{words}' but the target has no '{entry.preferred}' "
            "(nor a known variant)",
            term=entry.id,
        )


def _numbers(doc: Document, seg: Segment) -> Iterator[Finding]:
    src, tgt = numbers(seg.source), numbers(seg.target or "")
    if src == tgt:
        return
    missing = sorted((src - tgt).elements())
    added = sorted((tgt - src).elements())
    parts = []
    if missing:
        parts.append("missing from the target: " + ", ".join(missing))
    if added:
        parts.append("not in the source: " + ", ".join(added))
    yield _finding(doc, NUMBERS, seg, "numbers differ (" + "; ".join(parts) + ")")


def _untranslated(doc: Document, seg: Segment) -> Iterator[Finding]:
    if seg.locked or not _LETTER.search(seg.source):
        return
    target = seg.target
    if target is None or not target.strip():
        what = "no target" if target is None else "empty target"
        yield _finding(doc, UNTRANSLATED, seg, f"{what} for a source with text")
        return
    if _norm(target) == _norm(seg.source):
        yield _finding(doc, UNTRANSLATED, seg, "the target is the source, copied")
        return
    if _ARABIC_LETTER.search(seg.source):
        letters = _LETTER.findall(target)
        arabic = sum(1 for c in letters if _ARABIC_LETTER.match(c))
        if letters and arabic * 2 > len(letters):
            yield _finding(doc, UNTRANSLATED, seg, "the target is still in Arabic script")


def _inconsistent(doc: Document, segments: list[Segment]) -> Iterator[Finding]:
    by_source: dict[str, Segment] = {}
    by_target: dict[str, Segment] = {}
    for seg in segments:
        source, target = _norm(seg.source), _norm(seg.target or "")
        if not target or not _LETTER.search(source):
            continue
        first = by_source.setdefault(source, seg)
        if first is not seg and _norm(first.target or "") != target:
            yield _finding(
                doc,
                INCONSISTENT,
                seg,
                f"the same source is translated '{first.target}' in segment {first.id}",
                other=first.id,
            )
        first = by_target.setdefault(target, seg)
        if first is not seg and _norm(first.source) != source:
            yield _finding(
                doc,
                INCONSISTENT,
                seg,
                f"the same target translates a different source in segment {first.id}",
                other=first.id,
            )


def inconsistent_across(docs: list[Document]) -> list[Finding]:
    """BIL004 between files: a source translated one way in one file and another way in a later
    one (pairs within one file are the per-document check's). For `lint` over several files."""
    first_seen: dict[str, tuple[Document, Segment]] = {}
    found: list[Finding] = []
    for doc in docs:
        local: dict[str, Segment] = {}
        for seg in doc.segments:
            source, target = _norm(seg.source), _norm(seg.target or "")
            if not target or not _LETTER.search(source) or source in local:
                continue
            local[source] = seg
            other = first_seen.get(source)
            if other is None:
                continue
            other_doc, other_seg = other
            if other_doc is not doc and _norm(other_seg.target or "") != target:
                found.append(
                    _finding(
                        doc,
                        INCONSISTENT,
                        seg,
                        f"the same source is translated '{other_seg.target}' in "
                        f"{other_doc.path}, segment {other_seg.id}",
                        other=other_seg.id,
                        other_path=other_doc.path,
                    )
                )
        for source, seg in local.items():
            first_seen.setdefault(source, (doc, seg))
    return found


def findings_across_files(paths: list[str], enabled) -> list[Finding]:
    """Cross-file BIL004 for the bilingual files among `paths` (re-read; none when off)."""
    from ..errors import InputError
    from ..readers import read_document, reader_for_path

    if not enabled(INCONSISTENT.code):
        return []
    docs = []
    for path in paths:
        reader = reader_for_path(path)
        if reader is not None and reader.bilingual:
            try:
                docs.append(read_document(path))
            except InputError:
                continue  # already reported by the per-file pass
    return inconsistent_across(docs) if len(docs) > 1 else []


def _tags(doc: Document, seg: Segment) -> Iterator[Finding]:
    src, tgt = Counter(seg.source_codes), Counter(seg.target_codes)
    if src != tgt:
        problems = []
        for code, n in sorted((src - tgt).items()):
            problems.append(f"<{code[0]}{_id(code)}> missing" + (f" ×{n}" if n > 1 else ""))
        for code, n in sorted((tgt - src).items()):
            word = "duplicated" if code in src else "added"
            problems.append(f"<{code[0]}{_id(code)}> {word}" + (f" ×{n}" if n > 1 else ""))
        yield _finding(doc, TAGS, seg, "inline codes differ: " + ", ".join(problems))
    elif seg.fixed_order and seg.source_codes != seg.target_codes:
        yield _finding(doc, TAGS, seg, "inline codes reordered where the file forbids it")


def _id(code: tuple[str, str]) -> str:
    return f' id="{code[1]}"' if code[1] else ""


def run(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    if not doc.segments:
        return
    want = ctx.enabled
    keys = want(KEY_TERM.code) and ctx.glossary is not None
    translated = []
    for seg in doc.segments:
        if want(UNTRANSLATED.code):
            yield from _untranslated(doc, seg)
        if not seg.target or not seg.target.strip():
            continue
        translated.append(seg)
        if keys:
            yield from _key_terms(doc, ctx, seg)
        if want(NUMBERS.code):
            yield from _numbers(doc, seg)
        if want(TAGS.code):
            yield from _tags(doc, seg)
    if want(INCONSISTENT.code):
        yield from _inconsistent(doc, translated)


CHECK = Check(rules=RULES, run=run)
