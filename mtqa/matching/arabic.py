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
_TOKEN = re.compile(r"[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]+|[0-9A-Za-z]+")
# Clitics, outermost first: a conjunction, then a preposition, then the article. "لل" is the
# preposition ل joined to the article (للقاعدة = ل + القاعدة).
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")
_MIN_STEM = 2


def normalize(text: str) -> str:
    """Diacritics and tatweel removed, alef, ta marbuta and alef maqsura folded."""
    return _DIACRITICS.sub("", text).translate(_LETTERS)


def stem(token: str) -> str:
    """A normalised token without its attached conjunction, preposition and article."""
    t = token
    if len(t) > _MIN_STEM + 1 and t[0] in _CONJUNCTIONS:
        t = t[1:]
    if len(t) > _MIN_STEM + 2 and t.startswith("لل"):
        return t[2:]
    if len(t) > _MIN_STEM + 1 and t[0] in _PREPOSITIONS:
        t = t[1:]
    if len(t) > _MIN_STEM + 2 and t.startswith("ال"):
        t = t[2:]
    return t


def stems(text: str) -> list[str]:
    return [stem(t) for t in _TOKEN.findall(normalize(text))]


class SourceTermIndex:
    """Finds which glossary terms occur in a source text, on stems (one pass per text)."""

    def __init__(self, terms: Iterable[tuple[str, object]]):
        # first stem -> [(all stems of the term, value)], longest terms first
        self._by_first: dict[str, list[tuple[tuple[str, ...], object]]] = {}
        for term, value in terms:
            key = tuple(stems(term))
            if key:
                self._by_first.setdefault(key[0], []).append((key, value))
        for options in self._by_first.values():
            options.sort(key=lambda o: -len(o[0]))

    def __bool__(self) -> bool:
        return bool(self._by_first)

    def find(self, text: str) -> list[tuple[str, object]]:
        """(the words of the source that matched, value) for every term found, in order."""
        raw = _TOKEN.findall(normalize(text))
        tokens = [stem(t) for t in raw]
        found: list[tuple[str, object]] = []
        i = 0
        while i < len(tokens):
            for key, value in self._by_first.get(tokens[i], ()):
                if tuple(tokens[i : i + len(key)]) == key:
                    found.append((" ".join(raw[i : i + len(key)]), value))
                    i += len(key) - 1
                    break
            i += 1
        return found
