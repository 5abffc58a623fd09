"""Where the sentence around a span of text starts and ends: one splitter for checks and reports.

A sentence ends at terminal punctuation (`.`, `!`, `?`, `…`, repeated or not) and the closing
quotes or brackets after it, before white space. A period after an abbreviation ("Dr.",
"e.g.", "U.S.") or a single letter ("J. Smith") ends none. The caller says how far to look
(its paragraph, or a reach of characters): the sentence never goes beyond.

It reads folded text (`normalize.fold_lower`: lower case, typography folded, every white space a
space, offsets kept): the terminology check weighs the context words of that sentence, and the
fix report folds the text around a finding to cut the excerpt it shows, so both see the same
sentence.
"""

from __future__ import annotations

import re

# Terminal punctuation, closing quotes or brackets, then a space (in folded text).
_END = re.compile(r"[.!?\u2026]+[\"')\]]*(?= )")
# Abbreviations whose period is not a sentence end (single letters, as in "U.S." or "J. Smith",
# never end one either). Only ones that are not also words that end sentences ("no", "co"):
# joining two sentences would let an avoid word of the next one drop a finding.
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


def sentence_bounds(folded: str, start: int, end: int, lo: int, hi: int) -> tuple[int, int]:
    """(start, end) of the sentence around folded[start:end], looking no further than [lo, hi)."""
    s_lo = lo
    for m in _END.finditer(folded, lo, start):
        if _ends_sentence(folded, m):
            s_lo = m.end()
    s_hi = hi
    for m in _END.finditer(folded, end, hi):
        if _ends_sentence(folded, m):
            s_hi = m.end()
            break
    return s_lo, s_hi
