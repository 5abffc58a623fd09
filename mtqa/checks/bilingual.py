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
from ..languages import arabic_script, same_language
from ..matching.normalize import fold
from ..matching.numbers import compare as compare_numbers
from .base import Check, CheckContext, Rule, RuleExample, segment_finding

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
    summary="Flags a segment whose numbers differ between source and target, naming each number "
    "missing from the target or added in it. Reads Arabic-Indic and Persian digits, separators in "
    "both scripts (٢٠٢٠ = 2020, ٣٫٥ = 3.5, 1,000 = ١٬٠٠٠), digits glued to Arabic prefixes "
    "(و70 = 70), ranges and percentages, and numbers written as words in English and Arabic "
    "(two = اثنان = 2); identifiers such as ACE2, COVID-19 or U07.1 are compared verbatim. A "
    "difference that a looser reading explains (an Arabic dual for 2, a '1' left unwritten) is "
    "reported at info level.",
    why="A changed date, count or calibre is a factual error that reads fluently.",
    severity=Severity.WARNING,
    fix="never",
    fix_safety="No fix: which side is wrong needs a reader.",
    examples=(
        RuleExample("في عام ٢٠٢٠ سقط ٣ صواريخ\tIn 2019, 3 rockets fell.", format="tsv"),
        RuleExample("في عام ٢٠٢٠ سقط ٣ صواريخ\tIn 2020, 3 rockets fell.", False, format="tsv"),
        RuleExample("بنسبة ٣٫٥ بالمئة\tby 3.5 percent", False, format="tsv"),
        RuleExample("بين 60 و70%\tbetween 60 and 70%", False, format="tsv"),
        RuleExample("لمدة أسبوعين\tfor two weeks", False, format="tsv"),
        RuleExample("الرمز U07.1\tcode U07.2", format="tsv"),
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

# ---- helpers

_ARABIC_LETTER = re.compile("[\u0621-\u064a\u0671-\u06d3]")
_LETTER = re.compile(r"[^\W\d_]")
_SPACES = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _SPACES.sub(" ", text).strip().casefold()




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
        yield segment_finding(
            doc,
            KEY_TERM,
            seg,
            f"the source has '{words}' but the target has no '{entry.preferred}' "
            "(nor a known variant)",
            term=entry.id,
        )


def _numbers(doc: Document, seg: Segment) -> Iterator[Finding]:
    diff = compare_numbers(seg.source, seg.target or "", seg.source_lang, seg.target_lang)
    if not diff:
        return
    parts = []
    if diff.missing:
        parts.append(f"{_listed(diff.missing)} in the source, missing from the target")
    if diff.added:
        parts.append(f"{_listed(diff.added)} in the target, not in the source")
    if diff.codes_missing:
        parts.append(f"identifier {_listed(diff.codes_missing)} missing from the target")
    if diff.codes_added:
        parts.append(f"identifier {_listed(diff.codes_added)} added in the target")
    message = "numbers differ: " + "; ".join(parts)
    severity = None
    if not diff.certain:
        severity = Severity.INFO
        if diff.missing or diff.added:
            message += " (uncertain: a number word or an Arabic dual may stand for it)"
        else:
            message += " (uncertain: a translation may spell an identifier out)"
    yield segment_finding(doc, NUMBERS, seg, message, severity=severity)


def _listed(values: tuple[str, ...]) -> str:
    return ", ".join(f"'{v}'" for v in values)


def _untranslated(doc: Document, seg: Segment, target_language: str) -> Iterator[Finding]:
    if seg.locked or not _LETTER.search(seg.source):
        return
    target = seg.target
    if target is None or not target.strip():
        what = "no target" if target is None else "empty target"
        yield segment_finding(doc, UNTRANSLATED, seg, f"{what} for a source with text")
        return
    if _norm(target) == _norm(seg.source):
        yield segment_finding(doc, UNTRANSLATED, seg, "the target is the source, copied")
        return
    # Arabic script is "left untranslated" only in a language not written in it (a Persian or
    # Arabic target is written in it).
    if not arabic_script(seg.target_lang or target_language) and _ARABIC_LETTER.search(seg.source):
        letters = _LETTER.findall(target)
        arabic = sum(1 for c in letters if _ARABIC_LETTER.match(c))
        if letters and arabic * 2 > len(letters):
            yield segment_finding(doc, UNTRANSLATED, seg, "the target is still in Arabic script")


def _inconsistent(doc: Document, segments: list[Segment]) -> Iterator[Finding]:
    # Keyed by the language pair as well: in a multilingual memory, the Spanish and the English
    # targets of one source are two translations, not one translated two ways.
    by_source: dict[tuple[str, str, str], Segment] = {}
    by_target: dict[tuple[str, str, str], Segment] = {}
    for seg in segments:
        source, target = _norm(seg.source), _norm(seg.target or "")
        if not target or not _LETTER.search(source):
            continue
        pair = (seg.source_lang, seg.target_lang)
        first = by_source.setdefault((*pair, source), seg)
        if first is not seg and _norm(first.target or "") != target:
            yield _other_finding(
                doc, seg, first, f"the same source is translated '{first.target}' in segment {first.id}"
            )
        first = by_target.setdefault((*pair, target), seg)
        if first is not seg and _gist(first.source) != _gist(seg.source):
            yield _other_finding(
                doc, seg, first, f"the same target translates a different source in segment {first.id}"
            )


_FILLER = frozenset({"a", "an", "the", "is", "are", "was", "were"})
_WORDS = re.compile(r"\w+")


def _gist(text: str) -> tuple[str, ...]:
    """A source's words without articles, the verb "to be" or a plural -s: two sources with one
    gist ("Add a work", "Add Work"; "is now visible", "are now visible") may share a target."""
    return tuple(
        w[:-1] if len(w) > 3 and w.endswith("s") else w
        for w in _WORDS.findall(text.casefold())
        if w not in _FILLER
    )


def _other_finding(
    doc: Document, seg: Segment, other: Segment, message: str, other_path: str | None = None
) -> Finding:
    """A BIL004 finding that carries the other segment's unit, source and target, so a report
    can show both translations side by side."""
    extra = {
        "other": other.id,
        "other_unit": other.unit,
        "other_source": other.source,
        "other_target": other.target or "",
        "target": seg.target or "",
    }
    if other_path is not None:
        extra["other_path"] = other_path
    return segment_finding(doc, INCONSISTENT, seg, message, **extra)


def inconsistent_across(docs: list[Document]) -> list[Finding]:
    """BIL004 between files: a source translated one way in one file and another way in a later
    one (pairs within one file are the per-document check's). For `lint` over several files."""
    first_seen: dict[str, dict[str, tuple[Document, Segment]]] = {}
    found: list[Finding] = []
    for doc in docs:
        local: dict[tuple[str, str], Segment] = {}
        for seg in doc.segments:
            source, target = _norm(seg.source), _norm(seg.target or "")
            language = _primary(seg.target_lang)
            if not target or not _LETTER.search(source) or (source, language) in local:
                continue
            local[source, language] = seg
            # Two target languages never compare (an undeclared one compares with any).
            for other_language, (other_doc, other_seg) in first_seen.get(source, {}).items():
                if language and other_language and language != other_language:
                    continue
                if other_doc is not doc and _norm(other_seg.target or "") != target:
                    found.append(
                        _other_finding(
                            doc,
                            seg,
                            other_seg,
                            f"the same source is translated '{other_seg.target}' in "
                            f"{other_doc.path}, segment {other_seg.id}",
                            other_path=other_doc.path,
                        )
                    )
                    break
        for (source, language), seg in local.items():
            first_seen.setdefault(source, {}).setdefault(language, (doc, seg))
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
        yield segment_finding(doc, TAGS, seg, "inline codes differ: " + ", ".join(problems))
    elif seg.fixed_codes and _fixed(seg.source_codes, seg) != _fixed(seg.target_codes, seg):
        yield segment_finding(doc, TAGS, seg, "inline codes reordered where the file forbids it")


def _fixed(codes: tuple[tuple[str, str], ...], seg: Segment) -> list[tuple[str, str]]:
    """The codes whose order is fixed, in their order (the others may move)."""
    return [c for c in codes if c in seg.fixed_codes]


def _primary(language: str) -> str:
    return language.split("-")[0]


def _glossary_pair(seg: Segment, ctx: CheckContext) -> bool:
    """Whether the segment is in the glossary's language pair (an undeclared language is)."""
    return (not seg.source_lang or same_language(seg.source_lang, ctx.source_language)) and (
        not seg.target_lang or same_language(seg.target_lang, ctx.target_language)
    )


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
            yield from _untranslated(doc, seg, ctx.target_language)
        if not seg.target or not seg.target.strip():
            continue
        translated.append(seg)
        if keys and _glossary_pair(seg, ctx):
            yield from _key_terms(doc, ctx, seg)
        if want(NUMBERS.code):
            yield from _numbers(doc, seg)
        if want(TAGS.code):
            yield from _tags(doc, seg)
    if want(INCONSISTENT.code):
        yield from _inconsistent(doc, translated)


CHECK = Check(rules=RULES, run=run)
