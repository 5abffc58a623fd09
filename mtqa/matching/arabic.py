"""Arabic normalisation for finding a glossary's source terms in a source segment.

Arabic spelling varies in ways that do not change the word: hamza on or under alef (أ إ آ ٱ),
ta marbuta written as ha (ة/ه), alef maqsura as ya (ى/ي), short-vowel diacritics, and the
stretching tatweel (ـ). Conjunctions (و ف), prepositions (ب ل ك) and the article (ال) are written
attached to the word, so "وبالقاعدة" is "and" + "at" + "the" + "base". A token is compared on its
stem after these are folded and stripped; the same folding applies to the glossary term, so the
comparison stays symmetric even when a stem itself starts with one of those letters.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ة": "ه", "ى": "ي"})
# A word as written: letters with their diacritics and tatweel (normalised per word afterwards,
# so the words a finding quotes are the source's own).
_TOKEN = re.compile(
    r"[\u0610-\u061a\u0621-\u065f\u0670-\u06d3\u06d6-\u06ed\u06fa-\u06ff]+|[0-9A-Za-z]+"
)
# Clitics, outermost first: a conjunction, then a preposition, then the article. "لل" is the
# preposition ل joined to the article (للقاعدة = ل + القاعدة).
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")
_MIN_STEM = 2


def normalize(text: str) -> str:
    """Diacritics and tatweel removed, alef, ta marbuta and alef maqsura folded."""
    return _DIACRITICS.sub("", text).translate(_LETTERS)


def stems(token: str) -> frozenset[str]:
    """Every reading of a normalised token with or without its attached clitics.

    A stem may itself begin with one of the clitic letters (وجود begins with و), so no single
    stripping is right: two tokens are the same word when their readings share one.
    """
    out = {token}
    firsts = [token]
    if len(token) > _MIN_STEM + 1 and token[0] in _CONJUNCTIONS:
        firsts.append(token[1:])
    seconds = []
    for t in firsts:
        seconds.append(t)
        if len(t) > _MIN_STEM + 2 and t.startswith("لل"):
            out.add(t[2:])
            out.add("ال" + t[2:])
        if len(t) > _MIN_STEM + 1 and t[0] in _PREPOSITIONS:
            seconds.append(t[1:])
    for t in seconds:
        out.add(t)
        if len(t) > _MIN_STEM + 2 and t.startswith("ال"):
            out.add(t[2:])
    return frozenset(out)


def same_word(a: str, b: str) -> bool:
    """Whether two Arabic words are one word, spelling variants and clitics aside."""
    return bool(stems(normalize(a)) & stems(normalize(b)))


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


class SourceTermIndex:
    """Finds which glossary terms occur in a source text, word by word on their readings."""

    def __init__(self, terms: Iterable[tuple[str, object]]):
        # every reading of a term's first word -> [(the readings of each word, value)]
        self._by_first: dict[str, list[tuple[tuple[frozenset[str], ...], object]]] = {}
        for term, value in terms:
            words = tuple(stems(normalize(t)) for t in tokens(term))
            if not words:
                continue
            for reading in words[0]:
                self._by_first.setdefault(reading, []).append((words, value))
        for options in self._by_first.values():
            options.sort(key=lambda o: -len(o[0]))

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def find(self, text: str) -> list[tuple[str, object]]:
        """(the words of the source that matched, value) for every term found, in order."""
        raw = tokens(text)
        readings = [stems(normalize(t)) for t in raw]
        found: list[tuple[str, object]] = []
        i = 0
        while i < len(raw):
            match = None
            for reading in readings[i]:
                for words, value in self._by_first.get(reading, ()):
                    n = len(words)
                    if i + n <= len(raw) and all(words[k] & readings[i + k] for k in range(1, n)):
                        if match is None or n > len(match[0]):
                            match = (words, value)
                        break
            if match is None:
                i += 1
                continue
            n = len(match[0])
            found.append((" ".join(raw[i : i + n]), match[1]))
            i += n
        return found
