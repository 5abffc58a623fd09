"""The unlisted-variant finder's index is stored for large glossaries and read back as the
same index: same answers, the loaded glossary's own entries; never stale, never in the way."""

from __future__ import annotations

import dataclasses

import pytest

import mtqa
from mtqa.matching.names import finder_cache
from mtqa.matching.names.finder import VariantFinder
from mtqa.matching.names.translit import NAME

from ..conftest import SEED_ARTICLE
from .test_translit import labelled

NAMES = sorted(
    {m.group() for m in NAME.finditer(SEED_ARTICLE.read_text(encoding="utf-8"))}
    | {name for name, *_ in labelled()}
)


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("MTQA_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("MTQA_NO_CACHE", raising=False)
    monkeypatch.setattr(finder_cache, "MIN_ENTRIES", 1)  # the default glossary is small
    return tmp_path


def _answers(finder: VariantFinder) -> list:
    out = []
    for name in NAMES:
        m = finder.identify(name)
        out.append(None if m is None else (id(m.entry), m.form, m.suggestion, m.exact_key))
    return out


def test_stored_index_answers_as_the_built_one(cache_dir, monkeypatch):
    glossary = mtqa.default_glossary()
    built = VariantFinder(glossary)
    assert len(list(cache_dir.glob("finder-*.index"))) == 1
    read = []
    real = finder_cache.load_index

    def reading(glossary):
        index = real(glossary)
        read.append(index is not None)
        return index

    monkeypatch.setattr(finder_cache, "load_index", reading)
    loaded = VariantFinder(glossary)
    assert read == [True]  # the stored index, not one built again
    assert _answers(loaded) == _answers(built)
    assert any(a is not None for a in _answers(loaded))
    match = next(m for m in map(loaded.identify, NAMES) if m is not None)
    assert any(match.entry is e for e in glossary.entries)  # the glossary's own objects


def test_another_glossary_or_a_damaged_file_builds_afresh(cache_dir):
    glossary = mtqa.default_glossary()
    VariantFinder(glossary)
    (path,) = cache_dir.glob("finder-*.index")
    entries = list(glossary.entries)
    first = next(i for i, e in enumerate(entries) if e.variants and not e.exact_only)
    variant = dataclasses.replace(entries[first].variants[0], text="Zzyzx Qwerty")
    entries[first] = dataclasses.replace(entries[first], variants=(variant,))
    edited = dataclasses.replace(glossary, entries=tuple(entries))
    # (the stored index of the glossary before the edit does not know the new spelling)
    assert VariantFinder(edited).identify("Zzyzx Qwerty") is not None
    path.write_bytes(b"not a pickle")
    assert _answers(VariantFinder(glossary)) == _answers(VariantFinder(glossary))
    assert VariantFinder(glossary).identify("Ayn al-Asad") is not None


def test_no_cache_when_switched_off(cache_dir, monkeypatch):
    monkeypatch.setenv("MTQA_NO_CACHE", "1")
    VariantFinder(mtqa.default_glossary())
    assert not list(cache_dir.iterdir())
