"""The checks a reviewer runs on every segment, source against target (after Xbench and CheckMate).

Each compares something that must survive translation in any language pair: brackets and
quotations, links and e-mail addresses, the sentence's end punctuation (mapped across scripts:
؟ is ?, ، is ,), the length of the text for the language pair, and spacing. None of them needs a
glossary, and all of them run on targets in any language. Only BIL010 fixes anything (a doubled
space becomes one); the others need a translator's judgement.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from ..documents.model import Document, Segment
from ..findings import Finding, Severity
from ..languages import primary
from .base import Check, CheckContext, Rule, RuleExample, segment_finding
from .whitespace import doubled_runs, doubled_space, has_doubled_space

BRACKETS = Rule(
    code="BIL006",
    name="brackets-quotes-mismatch",
    summary="Flags a segment whose target has fewer bracketed groups ( ) [ ] （ ） or quotations "
    '(" ", ‘ ’, “ ”, « », „ “, 「 」) than its source; quotation marks of one script stand for '
    "those of another. Brackets and quotations the target adds are not flagged: translators add "
    "them for an expanded abbreviation or a quoted interface label.",
    why="A dropped parenthesis usually drops the words inside it; an unmatched quotation "
    "misattributes words.",
    severity=Severity.WARNING,
    fix="never",
    fix_safety="No fix: what the brackets held must be translated.",
    examples=(
        RuleExample("Add your activities (works, affiliations)\tأضف أنشطتك", format="tsv"),
        RuleExample(
            "Add your activities (works, affiliations)\tأضف أنشطتك (الأعمال والانتماءات)",
            False,
            format="tsv",
        ),
        RuleExample('He said "no".\tقال «لا».', False, format="tsv"),
    ),
)

LINKS = Rule(
    code="BIL007",
    name="url-email-mismatch",
    summary="Flags a URL or e-mail address of the source that the target does not keep, "
    "and one the target adds.",
    why="A changed or dropped link or address sends readers nowhere, or somewhere else.",
    severity=Severity.WARNING,
    fix="never",
    fix_safety="No fix: a localised address may be intended.",
    examples=(
        RuleExample("See https://orcid.org/help.\tانظر الموقع.", format="tsv"),
        RuleExample(
            "See https://orcid.org/help.\tانظر https://orcid.org/help.", False, format="tsv"
        ),
        RuleExample("Write to help@orcid.org\tاكتب إلى help@orcid.org", False, format="tsv"),
    ),
)

END_PUNCTUATION = Rule(
    code="BIL008",
    name="end-punctuation-mismatch",
    summary="Flags a segment whose target ends with other punctuation than its source: a full "
    "stop, question mark, exclamation mark, colon, semicolon or ellipsis, each mapped across "
    "scripts (؟ = ?, ؛ = ;, 。 = .). A trailing comma (, ، ，) counts as none, a semicolon may "
    "become a comma or none (Arabic lists go on with a comma), and a source ending in an "
    "abbreviation (etc.) may end in a full stop or none.",
    why="A question turned into a statement, or a sentence left without its full stop, reads "
    "as a slip; a colon that announced a list must still announce it.",
    severity=Severity.INFO,
    fix="never",
    fix_safety="No fix: a translation may end a sentence differently on purpose.",
    examples=(
        RuleExample("Do you agree?\tهل توافق.", format="tsv"),
        RuleExample("Do you agree?\tهل توافق؟", False, format="tsv"),
        RuleExample("Enter your name:\tأدخل اسمك:", False, format="tsv"),
    ),
)

LENGTH = Rule(
    code="BIL009",
    name="length-ratio",
    summary="Flags a target much shorter (possible omission) or much longer (possible "
    "addition) than its source, by the ratio of their letters for the language pair: for "
    "English to Arabic below 0.45 (sources of 50 letters or more) or above 2.5 (20 or more); "
    "Arabic to English the inverse; other alphabetic pairs below 0.4 or above 2.5. Placeholders "
    "are not counted, and a plural list (a|b|c) counts per form. Chinese, Japanese, Korean and "
    "Thai are not measured.",
    why="A sentence or a clause left out of a long segment reads fluently and is found only by "
    "reading both sides; the length is the cheap sign of it.",
    severity=Severity.INFO,
    fix="never",
    fix_safety="No fix: the missing or extra words need a translator.",
    examples=(
        RuleExample(
            "No temporary folder was configured, or the configured folder does not exist."
            "\tلم يتم تكوين مجلد.",
            format="tsv",
        ),
        RuleExample(
            "No temporary folder was configured, or the configured folder does not exist."
            "\tلم يتم تكوين مجلد مؤقت، أو أن المجلد الذي تم تكوينه غير موجود.",
            False,
            format="tsv",
        ),
    ),
)

DOUBLED = Rule(
    code="BIL010",
    name="doubled-space-in-target",
    summary="Flags two or more spaces between two words of a target whose source has no "
    "doubled space.",
    why="A doubled space the source does not have is a slip of editing; one the source has may "
    "be layout the file needs back.",
    severity=Severity.INFO,
    fix="always",
    fix_safety="Safe: the run becomes one space; runs that are layout (indentation, the spaces "
    "after a sentence) are not flagged, as for WS001.",
    examples=(
        RuleExample(
            "القوات الأمريكية\tUS  forces", format="tsv", fixed="القوات الأمريكية\tUS forces"
        ),
        RuleExample("القوات  الأمريكية\tUS  forces", False, format="tsv"),
    ),
)

RULES = (BRACKETS, LINKS, END_PUNCTUATION, LENGTH, DOUBLED)

# ---- brackets and quotations

_PLACEHOLDER = re.compile(
    r"\{\{[^{}]*\}\}|\{[^{}\s]*\}|%\d+\$[a-zA-Z@]|%[-+ #0]*\d*(?:\.\d+)?[sdifuxXeEgGc@]"
)
_GROUPS = {"(": ")", "[": "]", "（": "）", "【": "】", "［": "］"}
_QUOTE_PAIRS = {"“": "”", "«": "»", "„": "“", "「": "」", "『": "』", "‹": "›", "‘": "’"}


def _groups(text: str) -> int:
    """Bracketed groups: each opening bracket with a closing one after it."""
    text = _PLACEHOLDER.sub(" ", text)
    count = 0
    for opening, closing in _GROUPS.items():
        count += min(text.count(opening), text.count(closing))
    return count


def _quotations(text: str) -> int:
    """Quoted spans: pairs of straight double quotes and of typographic ones."""
    count = text.count('"') // 2
    rest = text
    for opening, closing in _QUOTE_PAIRS.items():
        n = min(rest.count(opening), rest.count(closing)) if opening != closing else 0
        count += n
        if opening == "„":  # German „…“ closes with the English opening quote
            rest = rest.replace("„", "").replace("“", "", n)
    return count


def _brackets(doc: Document, seg: Segment) -> Iterator[Finding]:
    target = seg.target or ""
    problems = []
    for what, count in (("bracketed group", _groups), ("quotation", _quotations)):
        s, t = count(seg.source), count(target)
        if s > t:
            problems.append(f"{s} {what}{'s' if s > 1 else ''} in the source, {t} in the target")
    if problems:
        yield segment_finding(doc, BRACKETS, seg, "; ".join(problems))


# ---- URLs and e-mail addresses

_LINK = re.compile(r"(?:https?://|www\.)[^\s<>\"'«»“”()\[\]{}]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_TRAILING = ".,;:!?؟،؛…"


def links(text: str) -> Counter:
    # A trailing slash or full stop does not change the address.
    return Counter(m.group().rstrip(_TRAILING).rstrip("/") for m in _LINK.finditer(text))


def _links(doc: Document, seg: Segment) -> Iterator[Finding]:
    src, tgt = links(seg.source), links(seg.target or "")
    if src == tgt:
        return
    parts = [f"'{u}' of the source is not in the target" for u in (src - tgt)]
    parts += [f"'{u}' is not in the source" for u in (tgt - src)]
    yield segment_finding(doc, LINKS, seg, "; ".join(parts))


# ---- end punctuation

_END_CLASS = {
    ".": "full stop", "。": "full stop", "۔": "full stop", "।": "full stop", "．": "full stop",
    "?": "question mark", "؟": "question mark", "？": "question mark",
    "!": "exclamation mark", "！": "exclamation mark",
    ":": "colon", "：": "colon",
    ";": "semicolon", "؛": "semicolon", "；": "semicolon",
    # A comma at the end continues the text as nothing at the end does (a fragment, a line of
    # verse); Arabic lists go on with a comma where English ones take a semicolon.
    ",": "", "،": "", "，": "", "、": "",
    "…": "ellipsis",
}  # fmt: skip
# Closing quotes and brackets, spaces and invisible marks after the sentence's own punctuation.
_CLOSERS = " \t\r\n\u00a0\u200e\u200f\u200b\u061c\"'”’»›」』)]"
# Ends that may stand for each other: a semicolon continues as a comma (or as nothing) in an
# Arabic list; a source ending in "etc." may or may not end its sentence.
_COMPATIBLE = ({"semicolon", ""}, {"abbreviation", ""}, {"abbreviation", "full stop"})
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")
_ABBREVIATION_END = re.compile(r"\b(?:etc|e\.g|i\.e|approx|vs|cf)\.$", re.I)


def end_punctuation(text: str) -> str | None:
    """The class of the punctuation a text ends with ("question mark"); "" for none, None
    for a text with no words (nothing to compare)."""
    text = _PLACEHOLDER.sub("", text).rstrip(_CLOSERS)
    if not _LETTER_OR_DIGIT.search(text):
        return None
    if text.endswith(("...", "…")):
        return "ellipsis"
    if _ABBREVIATION_END.search(text):
        return "abbreviation"  # "etc." may end the sentence or only the words
    return _END_CLASS.get(text[-1:], "")


def _end_punctuation(doc: Document, seg: Segment) -> Iterator[Finding]:
    src, tgt = end_punctuation(seg.source), end_punctuation(seg.target or "")
    if src is None or tgt is None or src == tgt or {src, tgt} in _COMPATIBLE:
        return
    said = {"": "no end punctuation"}
    yield segment_finding(
        doc,
        END_PUNCTUATION,
        seg,
        f"the source ends with {said.get(src, 'a ' + src)}, the target with "
        f"{said.get(tgt, 'a ' + tgt)}",
    )


# ---- length

_LETTER = re.compile(r"[^\W\d_]")
_UNMEASURED = frozenset({"zh", "ja", "ko", "th", "lo", "km", "my"})
# (lowest, highest) target/source letter ratio, and the shortest source (letters) each bound
# applies to. English -> Arabic is calibrated on some 4,200 real segments of 20 letters or more
# (median 0.88; 0.5th percentile 0.47, 99.9th 2.5): below 0.45, the sources of 50 letters or more
# had lost a clause in translation; above 2.5, the target added a sentence. Other alphabetic pairs (German, English,
# French, Italian, Spanish, Russian, a few hundred segments) spread wider.
_RATIOS: dict[tuple[str, str], tuple[float, float]] = {("en", "ar"): (0.45, 2.5)}
_DEFAULT_RATIO = (0.4, 2.5)
_MIN_SHORT = 50  # source letters for an omission
_MIN_LONG = 20  # source letters for an addition


def letters(text: str) -> float:
    """Letters per form: placeholders left out, a plural list (a|b|c) averaged over its forms."""
    text = _PLACEHOLDER.sub("", text)
    return len(_LETTER.findall(text)) / (text.count("|") + 1)


def _language(declared: str, text: str, fallback: str, other: str) -> str:
    """A side's language: as declared; else Arabic for text in Arabic script; else the
    glossary's language for that side, or its other one when that is Arabic."""
    if declared:
        return primary(declared)
    found = _LETTER.findall(text)
    if found and sum(1 for c in found if "\u0600" <= c <= "\u06ff") * 2 > len(found):
        return "ar"
    return fallback if fallback != "ar" else other


def ratio_bounds(pair: tuple[str, str]) -> tuple[float, float] | None:
    """(lowest, highest) target/source letter ratio for a language pair; None: not measured."""
    if pair[0] in _UNMEASURED or pair[1] in _UNMEASURED:
        return None
    if pair in _RATIOS:
        return _RATIOS[pair]
    if pair[::-1] in _RATIOS:
        low, high = _RATIOS[pair[::-1]]
        return 1 / high, 1 / low
    return _DEFAULT_RATIO


def _length(doc: Document, seg: Segment, fallback: tuple[str, str]) -> Iterator[Finding]:
    target = seg.target or ""
    pair = (
        _language(seg.source_lang, seg.source, fallback[0], fallback[1]),
        _language(seg.target_lang, target, fallback[1], fallback[0]),
    )
    bounds = ratio_bounds(pair)
    if bounds is None:
        return
    src, tgt = letters(seg.source), letters(target)
    if src < _MIN_LONG or not tgt:
        return
    ratio = tgt / src
    low, high = bounds
    if ratio < low and src >= _MIN_SHORT:
        what = "shorter: words of the source may be missing"
    elif ratio > high:
        what = "longer: the target may add what the source does not say"
    else:
        return
    yield segment_finding(
        doc, LENGTH, seg, f"the target is {ratio:.2f} times the source's length, much {what}"
    )


# ---- doubled spaces


def _doubled(doc: Document, by_id: dict[str, Segment]) -> Iterator[Finding]:
    blocks = []
    for block in doc.blocks:
        seg = by_id.get(block.segment) if block.segment is not None else None
        if seg is not None and not has_doubled_space(seg.source):
            blocks.append(block)
    for block, start, end in doubled_runs(doc, blocks):
        seg = by_id[block.segment]
        finding = doubled_space(doc, block, start, end, DOUBLED)
        yield finding._replace(
            message=f"{seg.kind} {seg.id}: {finding.message}",
            extra={**finding.extra, "source": seg.source},
        )


# ---- the check




def run(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    if not doc.segments:
        return
    want = ctx.enabled
    fallback = (ctx.source_language, ctx.target_language)
    per_segment = [
        (check, rule)
        for check, rule in (
            (_brackets, BRACKETS),
            (_links, LINKS),
            (_end_punctuation, END_PUNCTUATION),
        )
        if want(rule.code)
    ]
    for seg in doc.segments:
        if not seg.target or not seg.target.strip():
            continue
        for check, _ in per_segment:
            yield from check(doc, seg)
        if want(LENGTH.code):
            yield from _length(doc, seg, fallback)
    if want(DOUBLED.code):
        yield from _doubled(doc, {s.id: s for s in doc.segments})


CHECK = Check(rules=RULES, run=run)
