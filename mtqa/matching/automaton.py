"""One pass over the text for the whole glossary.

Every literal form of every entry (correct forms and variants, with their plurals) is a key of one
Aho-Corasick automaton over folded text, so the cost of a scan does not grow with the number of
entries. Matches are kept when they are whole words, then resolved leftmost-longest. Correct
forms are keys too: a variant inside an occurrence of a correct form ("Ain al-Asad" inside "Ain
al-Asad Air Base") loses to the longer correct match and is not reported. Regex variants, which an
automaton cannot hold, are matched one by one on the same folded text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ahocorasick

from ..glossary.model import Entry, Glossary
from .inflection import pluralize
from .normalize import fold

CORRECT = "correct"
VARIANT = "variant"


@dataclass(frozen=True, slots=True)
class Target:
    """What a key stands for: a correct form or a variant of one entry."""

    entry: Entry
    kind: str
    form: str  # the glossary's spelling of this key (for case checks and messages)
    replacement: str | None = None  # for variants
    variant_index: int | None = None


@dataclass(frozen=True, slots=True)
class Match:
    start: int  # in folded text
    end: int
    target: Target


def _is_word_char(c: str) -> bool:
    return c.isalnum()


def is_bounded(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is a whole word (or words) in `text`.

    A hyphen or an apostrophe between letters joins a word ("Al-Qaim", "Kata'ib"), so a key may
    not start or end at one; the possessive "'s" after a match is allowed.
    """
    if start > 0:
        before = text[start - 1]
        if _is_word_char(before):
            return False
        if before in "-'" and start > 1 and _is_word_char(text[start - 2]):
            return False
    if end < len(text):
        after = text[end]
        if _is_word_char(after):
            return False
        if (
            after in "-'"
            and end + 1 < len(text)
            and _is_word_char(text[end + 1])
            and not (
                after == "'"
                and text[end + 1] == "s"
                and (end + 2 >= len(text) or not _is_word_char(text[end + 2]))
            )
        ):
            return False
    return True


# Characters that join the words of a path, a dotted name or a snake_case identifier.
_JOINERS = "/\\._"
# Punctuation that may open or close a word of prose around such a token ("(see src/a.rs).",
# "_emphasis_", "**strong**", a backslash line break).
_EDGE_PUNCTUATION = "\"'()[]{}<>,;:!?*_~\\"


# Characters looked at each side of a match for the token it is part of. A longer run without
# a space is a blob (minified code, base64, a long URL-like name), not prose; the bound keeps a
# blob full of matches linear rather than quadratic.
MAX_TOKEN_REACH = 256
_TOKEN_END = re.compile(r"[\s\x00\x01]")
_LAST_BREAK = re.compile(r".*[\s\x00\x01]", re.S)


def _token_bounds(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The run of non-space characters around [start, end), without the punctuation at its edges.

    None when the run reaches further than MAX_TOKEN_REACH on either side.
    """
    floor = max(0, start - MAX_TOKEN_REACH)
    last = _LAST_BREAK.match(text, floor, start)  # regex scans in C, not a loop per character
    if last is None and floor > 0:
        return None
    lo = floor if last is None else last.end()
    ceiling = min(len(text), end + MAX_TOKEN_REACH)
    m = _TOKEN_END.search(text, end, ceiling)
    if m is None and ceiling < len(text):
        return None
    hi = ceiling if m is None else m.start()
    while lo < start and text[lo] in _EDGE_PUNCTUATION:
        lo += 1
    while hi > end and text[hi - 1] in _EDGE_PUNCTUATION + ".":
        hi -= 1
    return lo, hi


_SNAKE_OR_BACKSLASH = re.compile(r"[^\W_]_+[^\W_]|[^\W_]\\[^\W_]")


def in_identifier(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is part of a path, a dotted name or a snake_case identifier.

    `src/main.rs`, `images.AutoOrient`, `post_url`, `C:\\docs\\a.md` are names a program reads:
    a glossary term inside one is not prose, and replacing it would break a reference. A match
    that is the whole token ("Node.js", "U.S.") is a word like any other. CamelCase needs no
    rule of its own: a term inside one ("Orient" in "AutoOrient") is not a whole word anyway.
    A slash between two plain words ("and/or") is prose; it takes a second slash, a leading
    one or a file extension to make a path.
    """
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before not in _JOINERS and after not in _JOINERS:
        return False  # the common case: a word between spaces or punctuation
    bounds = _token_bounds(text, start, end)
    if bounds is None:
        return True  # a blob of hundreds of characters without a space is not prose
    lo, hi = bounds
    if lo == start and hi == end:
        return False
    token = text[lo:hi]
    if _SNAKE_OR_BACKSLASH.search(token):
        return True
    dotted = (
        re.search(r"[^\W_]{2,}\.[^\W_]{2,}", token) is not None
        or re.search(r"[^\W_]\.[^\W_]{2,}", token) is not None
    )
    if "/" in token:
        return dotted or token.count("/") >= 2 or token[0] in "/~."
    return dotted


class TermMatcher:
    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY)
        self._regexes: list[tuple[re.Pattern, Target]] = []
        keys: dict[str, Target] = {}

        def add(key_text: str, target: Target) -> None:
            key = fold(key_text)
            if not key:
                return
            # Correct forms win over variants with the same key; otherwise first one wins
            # (validation has already refused conflicting claims).
            existing = keys.get(key)
            if existing is None or (existing.kind == VARIANT and target.kind == CORRECT):
                keys[key] = target

        for entry in glossary.entries:
            for form in entry.correct_forms:
                add(form, Target(entry, CORRECT, form))
                if entry.inflects and (plural := pluralize(form)):
                    add(plural, Target(entry, CORRECT, plural))
            for i, v in enumerate(entry.variants):
                replacement = v.replace or entry.preferred
                if v.regex is not None:
                    self._regexes.append(
                        (re.compile(v.regex, re.I), Target(entry, VARIANT, v.label, replacement, i))
                    )
                    continue
                add(v.text, Target(entry, VARIANT, v.text, replacement, i))
                if entry.inflects and (plural := pluralize(v.text)):
                    add(
                        plural,
                        Target(entry, VARIANT, plural, pluralize(replacement) or replacement, i),
                    )
        for key, target in keys.items():
            self._automaton.add_word(key, (len(key), target))
        self.size = len(keys)
        if keys:
            self._automaton.make_automaton()

    def find(self, folded: str) -> list[Match]:
        """Leftmost-longest, whole-word, non-overlapping matches in folded text."""
        candidates: list[tuple[int, int, Target]] = []
        if self.size:
            for end_index, (length, target) in self._automaton.iter(folded):
                start = end_index - length + 1
                end = end_index + 1
                if is_bounded(folded, start, end) and not in_identifier(folded, start, end):
                    candidates.append((start, end, target))
        for pattern, target in self._regexes:
            for m in pattern.finditer(folded):
                if (
                    m.end() > m.start()
                    and is_bounded(folded, m.start(), m.end())
                    and not in_identifier(folded, m.start(), m.end())
                ):
                    candidates.append((m.start(), m.end(), target))
        candidates.sort(key=lambda c: (c[0], -(c[1] - c[0]), c[2].kind != CORRECT))
        out: list[Match] = []
        last_end = -1
        for start, end, target in candidates:
            if start >= last_end:
                out.append(Match(start, end, target))
                last_end = end
        return out
