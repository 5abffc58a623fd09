"""Counts and lists in words: "1 file", "2 files", "3 entries", "text, json or csv"."""

from __future__ import annotations

from collections.abc import Iterable

# Plurals that are not the singular with an "s".
_IRREGULAR = {"entry": "entries", "entity": "entities", "fix": "fixes", "info": "info", "was": "were"}


def plural(n: int, singular: str) -> str:
    """The word for `n` of them."""
    if n == 1:
        return singular
    return _IRREGULAR.get(singular, singular + "s")


def count(n: int, singular: str) -> str:
    """`n` and its word: count(1, "file") == "1 file"."""
    return f"{n:,} {plural(n, singular)}"


def one_of(items: Iterable[str]) -> str:
    """"a, b or c": a list of choices as a sentence says it."""
    items = list(items)
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"
