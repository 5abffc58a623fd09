"""Counts in words: "1 file", "2 files", "1 entry", "3 entries"."""

from __future__ import annotations

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
