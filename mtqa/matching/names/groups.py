"""Names grouped by transliteration: which spellings are one name, and which form a group shows.

Shared by lint (TERM004) and the corpus, so that one article and a thousand articles group names
by the same rules. `merge_keys` joins keys that are the same name (translit.same_unlisted_name:
the same number of words, vowel-only differences, a glued article or Persian G allowed, not the
weak readings that only a glossary spelling may anchor), so that
"Abu Mahdi al-Muhandis" and "Abu Mahdi al-Mohandes" meet while "Bashar al-Assad" and
"Ain al-Asad" stay apart. `majority_key` orders a group's forms: the most used first. The names
themselves come from `scan.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from ...normalize import fold_typography
from .translit import Key, name_buckets, same_unlisted_name


def form_of(name: str) -> str:
    """How a name's form is counted: its typography folded (curly and straight apostrophes,
    dashes are one form); forms equal in lower case are one form."""
    return _folded(name)


_folded = lru_cache(maxsize=65536)(fold_typography)


def grouped_names(forms: Iterable[tuple[str, Key]]) -> set[str]:
    """The lower-cased names, of the (name, key) given, that are in a group of two forms or
    more (merge_keys): the only names of a document that TERM004 can report. Names left out
    (glossary matches, citations, common words at a sentence's start) only split or shrink
    groups, so the groups of the names a document really counts lie within these."""
    slots: dict[Key, set[str]] = {}
    for name, key in forms:
        slots.setdefault(key, set()).add(form_of(name).lower())
    # A key is in such a group when it has two forms itself, or when it is the same name as
    # another key (then its group has two keys, each with a form): merge_keys's test, without
    # building the groups.
    grouped = {key for key, written in slots.items() if len(written) > 1}
    buckets: dict[tuple[int, str], list[Key]] = {}
    for key in slots:
        for bucket in name_buckets(key, anchored=False):
            buckets.setdefault(bucket, []).append(key)
    for members in buckets.values():
        if len(members) > 1:
            for i, k1 in enumerate(members):
                for k2 in members[i + 1 :]:
                    if not (k1 in grouped and k2 in grouped) and same_unlisted_name(k1, k2):
                        grouped.update((k1, k2))
    return {name.lower() for name, key in forms if key in grouped}


def merge_keys(keys: Iterable[Key]) -> dict[Key, Key]:
    """Each key -> the representative of its group (union of keys that are the same name)."""
    ordered = sorted(set(keys))
    parent = {k: k for k in ordered}

    def find(k: Key) -> Key:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    # Only names that share an index key can be the same name (see translit.name_buckets).
    buckets: dict[tuple[int, str], list[Key]] = {}
    for k in ordered:
        for bucket in name_buckets(k, anchored=False):
            buckets.setdefault(bucket, []).append(k)
    for members in buckets.values():
        for i, k1 in enumerate(members):
            for k2 in members[i + 1 :]:
                if find(k1) != find(k2) and same_unlisted_name(k1, k2):
                    a, b = sorted((find(k1), find(k2)))
                    parent[b] = a
    return {k: find(k) for k in ordered}


def majority_key(form: str, count: int, documents: int = 1) -> tuple:
    """Sort key of a group's forms: most uses, then used in most documents, then alphabetical."""
    return (-count, -documents, form)


def display_form(written: dict[str, int]) -> str:
    """How to show forms that differ only in case: the one written most often (then the
    alphabetically first), by the same order as `majority_key`."""
    return min(written.items(), key=lambda kv: majority_key(kv[0], kv[1]))[0]
