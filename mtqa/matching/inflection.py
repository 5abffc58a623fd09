"""Plural forms of glossary terms, so "existences" is caught and becomes "presences".

English noun plurals by rule, with the common irregular nouns listed. A word that already looks
plural is left alone. This runs for every inflecting glossary key at start-up, so it stays a few
string tests (a lexicon such as lemminflect costs about half a second to load per run).
"""

from __future__ import annotations

from functools import lru_cache

_IRREGULAR = {
    "man": "men",
    "woman": "women",
    "child": "children",
    "person": "people",
    "foot": "feet",
    "tooth": "teeth",
    "mouse": "mice",
    "analysis": "analyses",
    "crisis": "crises",
    "thesis": "theses",
    "basis": "bases",
    "criterion": "criteria",
    "phenomenon": "phenomena",
    "datum": "data",
    "medium": "media",
    "militia": "militias",
    "leaf": "leaves",
    "life": "lives",
    "knife": "knives",
    "wife": "wives",
    "half": "halves",
    "shelf": "shelves",
    "chief": "chiefs",
    "roof": "roofs",
    "proof": "proofs",
    "belief": "beliefs",
}
# Nouns with no distinct plural, and words that end in -s without being plural.
_UNCHANGED = frozenset(
    {
        "aircraft",
        "personnel",
        "equipment",
        "information",
        "intelligence",
        "news",
        "series",
        "species",
        "sheep",
        "deer",
        "fish",
        "headquarters",
        "means",
        "police",
        "staff",
        "corps",
    }
)
_SINGULAR_S = ("ss", "us", "is", "sis", "ous")


@lru_cache(maxsize=65536)
def _plural_word(word: str) -> str | None:
    lower = word.lower()
    if not lower.isalpha() or len(lower) < 2 or lower in _UNCHANGED:
        return None
    if lower in _IRREGULAR:
        plural = _IRREGULAR[lower]
    elif lower.endswith("s") and not lower.endswith(_SINGULAR_S):
        return None  # already plural
    elif lower.endswith(("s", "x", "z", "ch", "sh")):
        plural = lower + "es"
    elif lower.endswith("y") and lower[-2] not in "aeiou":
        plural = lower[:-1] + "ies"
    else:
        plural = lower + "s"
    if word.isupper():
        return word + "s"  # acronyms: IRGs, MPs
    if word[0].isupper():
        return plural[0].upper() + plural[1:]
    return plural


def pluralize(phrase: str) -> str | None:
    """The phrase with its last word in the plural, or None when that makes no new form."""
    head, _, last = phrase.rpartition(" ")
    plural = _plural_word(last)
    if plural is None:
        return None
    return f"{head} {plural}" if head else plural
