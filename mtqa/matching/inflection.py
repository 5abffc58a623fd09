"""Plural forms of glossary terms, so "existences" is caught and becomes "presences"."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=65536)
def _plural_word(word: str) -> str | None:
    from lemminflect import getInflection, getLemma

    lower = word.lower()
    if not lower.isalpha():
        return None
    lemmas = getLemma(lower, upos="NOUN")
    if lemmas and lemmas[0] != lower:
        return None  # already plural (or not a base form): leave it alone
    forms = getInflection(lower, tag="NNS")
    plural = forms[0] if forms else lower + "s"
    if plural == lower:
        return None
    if word.isupper():
        return plural.upper()
    if word[:1].isupper():
        return plural[:1].upper() + plural[1:]
    return plural


def pluralize(phrase: str) -> str | None:
    """The phrase with its last word in the plural, or None when that makes no new form."""
    head, _, last = phrase.rpartition(" ")
    plural = _plural_word(last)
    if plural is None:
        return None
    return f"{head} {plural}" if head else plural
