"""TERM003's candidate index (by the consonant skeleton of the first word's readings) finds what
comparing a name with every glossary spelling finds: the index only saves comparisons."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from mtqa.glossary import load_glossary
from mtqa.matching.names.english import is_ordinary_word
from mtqa.matching.names.finder import VariantFinder
from mtqa.matching.names.translit import (
    NAME,
    joined,
    key_distance,
    name_key,
    same_name,
    same_unlisted_name,
    short_name,
)

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = load_glossary(ROOT / "glossary" / "default.yaml")
FINDER = VariantFinder(GLOSSARY)
SEED = (ROOT / "corpora" / "us-military-presence-in-iraq.md").read_text(encoding="utf-8")
NAMES = sorted({m.group() for m in NAME.finditer(SEED)})
# Every indexed spelling once, in glossary order: the brute force compares with all of them.
ALL = FINDER.spellings()


def _nearest(key, other_than=0):
    best = None
    for order, (other, entry, form) in enumerate(ALL):
        if other_than and len(name_key(form)) == other_than:
            continue
        short = sum(map(len, key)) < 4 or sum(map(len, other)) < 4
        if short_name(key, other) if short else same_name(key, other):
            rank = (key_distance(key, other), order)
            if best is None or rank < best[0]:
                best = (rank, GLOSSARY.entries[entry].id, form)
    return best


def brute_force(name: str):
    key = name_key(name)
    # A spelling with the same key, as written (not its words joined), is the name's own.
    for other, entry, form in ALL:
        if other == key and len(name_key(form)) == len(key):
            return GLOSSARY.entries[entry].id, form
    best = _nearest(key)
    if best is None and len(key) > 1:
        best = _nearest(joined(key), len(key))  # the words written together
    if best is None or (" " not in name and is_ordinary_word(name)):
        return None
    return best[1:]


def _indexed(name: str):
    if FINDER.is_known(name):
        return "known"
    key = name_key(name)
    if not key or sum(map(len, key)) < 3:
        return "other path"
    m = FINDER.identify(name)
    return None if m is None else (m.entry.id, m.form)


def _check(name: str) -> None:
    got = _indexed(name)
    if got in ("known", "other path"):
        return
    assert got == brute_force(name), name


def test_names_of_the_seed_article():
    assert len(NAMES) > 100 and len(ALL) > 50
    for name in NAMES:
        _check(name)


def _mutate(form: str, data) -> str:
    # Vowels changed, doubled or dropped: the unlisted spellings TERM003 exists to find.
    out = []
    for ch in form:
        if ch.lower() in "aeiou" and data.draw(st.booleans()):
            out.append(data.draw(st.sampled_from(["a", "e", "i", "o", "u", "", ch + ch])))
        else:
            out.append(ch)
    return "".join(out)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_respelled_glossary_names(data):
    _, _, form = data.draw(st.sampled_from(ALL))
    name = _mutate(form, data)
    if name and name[0].isupper():
        _check(name)


def _components_by_all_pairs(keys):
    keys = sorted(set(keys))
    root = {k: k for k in keys}

    def find(k):
        while root[k] != k:
            k = root[k]
        return k

    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            if same_unlisted_name(a, b):
                ra, rb = sorted((find(a), find(b)))
                root[rb] = ra
    return {k: find(k) for k in keys}


@settings(max_examples=50, deadline=None)
@given(st.data())
def test_name_groups_as_by_comparing_every_pair(data):
    from mtqa.matching.names.groups import merge_keys

    forms = data.draw(st.lists(st.sampled_from(ALL), min_size=2, max_size=25))
    names = [_mutate(form, data) for _, _, form in forms] + data.draw(
        st.lists(st.sampled_from(NAMES), max_size=25)
    )
    keys = [k for k in (name_key(n) for n in names) if k]
    assert merge_keys(keys) == _components_by_all_pairs(keys)
