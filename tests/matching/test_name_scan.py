"""spans.name_matches finds exactly NAME.finditer's matches, span by span, while trying
NAME only where a name can start; chars.py's tables agree with the regexes they stand for."""

from __future__ import annotations

import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mtqa.matching import chars
from mtqa.matching.names.spans import name_matches
from mtqa.matching.names.translit import CAPITALS, NAME
from mtqa.readers import document_from_text

from ..conftest import SEED_ARTICLE, SEED_PAGE
from ..doc_strategies import documents

# Capitals, the letters of every particle, the separators, characters that continue a word in
# NAME but are no \w (×, ÷), marks that end one, a capital beyond NAME's range (Ā), the
# signs of ayn and hamza, and the letters of a standing ezafe (e, i, ye).
ALPHABET = "AaEelbinsdhruztkyMQ ÀÞßƏ×÷Ā -\u2010\u2011\u00a0'’ʿʾʽ.\n1_"


def _plain(doc):
    return [
        (block.start, m.start(), m.end())
        for block in doc.blocks
        for s, e in block.spans
        for m in NAME.finditer(doc.text, s, e)
    ]


def _fast(doc):
    return [(block.start, s, e) for block, s, e in name_matches(doc.text, doc.blocks)]


@settings(max_examples=500, deadline=None)
@given(documents(ALPHABET, max_size=120))
def test_name_matches_are_finditer_matches(doc):
    assert _fast(doc) == _plain(doc)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Al-",
                "al ",
                "Abu ",
                "bin ",
                "ibn ",
                "AlAsad",
                "alQayyarah",
                "elBaghdadi",
                "ash-",
                "ul-",
                "as ",
                "an ",
                "Ain",
                "Asad",
                "the",
                "US",
                "×",
                "-",
                " ",
                "\u00a0",
                ".",
                "Kata'ib",
                "ʿ",
                "ʽ",
                "'",
                "’",
                "esh-",
                "Ed-",
                "es ",
                "i ",
                "e ",
                "ye ",
                "yi ",
                "Əliyev",
                "od-",
                "Osh-",
                "On ",
                "ibn ",
                ",",
            ]
        ),
        max_size=30,
    ).map("".join)
)
def test_particles_and_joins(text):
    doc = document_from_text(text)
    assert _fast(doc) == _plain(doc)


@settings(max_examples=300, deadline=None)
@given(documents(ALPHABET, max_size=120), st.integers(1, 40))
def test_scans_window_by_window_find_the_same(doc, window):
    # A long document is scanned in windows of spans; any cut between spans gives the same.
    from mtqa.matching.names import spans

    old = spans.WINDOW
    spans.WINDOW = window
    try:
        assert _fast(doc) == _plain(doc)
    finally:
        spans.WINDOW = old


def test_real_articles_in_small_windows(monkeypatch):
    from mtqa.matching.names import spans

    monkeypatch.setattr(spans, "WINDOW", 300)
    for path in (SEED_ARTICLE, SEED_PAGE):
        doc = document_from_text(path.read_text(encoding="utf-8"))
        assert _fast(doc) == _plain(doc)


def test_real_articles():
    for path in (SEED_ARTICLE, SEED_PAGE):
        doc = document_from_text(path.read_text(encoding="utf-8"))
        assert _fast(doc) == _plain(doc)
        assert len(_fast(doc)) > 50


def test_class_tables_agree_with_their_regexes():
    # Every code point of the BMP but surrogates, and some beyond it.
    cps = np.array(
        [c for c in range(0x10000) if not 0xD800 <= c < 0xE000] + [0x1D400, 0x1F600, 0x20000],
        dtype=np.uint32,
    )
    flags, keys = chars.classes(cps)
    for bit, pattern in (
        (chars.LETTER, r"[^\W\d_]"),
        (chars.WORDISH, r"[\w'’-]"),
        (chars.NAME_CHAR, r"[\w'’ʿʾ\u00c0-\u024f]"),
        (chars.CAPITAL, f"[{CAPITALS}]"),
        (chars.MARK, r'[()\[\]{}“”"]'),
        (chars.JOINER, r"['’-]"),
    ):
        regex = re.compile(pattern)
        expected = np.array([regex.match(chr(c)) is not None for c in cps.tolist()])
        assert ((flags & bit) != 0).tolist() == expected.tolist(), pattern
    text = "".join(map(chr, cps.tolist()))
    assert chars.code_points(text).tolist() == cps.tolist()
    # Equal keys for characters equal in lower case (İ and the sigmas aside, by design).
    lows = {}
    for c, k in zip(cps.tolist(), keys.tolist(), strict=True):
        low = chr(c).lower()
        if len(low) == 1 and chr(c) not in "Σσς":
            assert lows.setdefault(low, k) == k


def test_examples_of_every_particle():
    text = (
        "They met at alQayyarah, AlAsad and elBaghdadi. Abu Mahdi al-Muhandis, Osama bin "
        "Laden, Ibn Khaldun and ibn Sina; Salah ad-Din, ash-Sham, Abd al-Aziz, abu Bakr, "
        "Nur ul-Haq. The U.S. base at Ain\u00a0al-Asad (Ayn al‐Asad, Ain al‑Asad). Kata'ib "
        "Hezbollah's men; as Iraq, an Iraqi, at Erbil. Al×Foo, A÷B."
    )
    doc = document_from_text(text)
    assert _fast(doc) == _plain(doc)
    assert len(_plain(doc)) > 20


@given(
    st.text(
        alphabet=st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=()),
        max_size=40,
    )
    | st.text(alphabet="abc \n", max_size=20)
    | st.lists(st.sampled_from(["a", "é", "ع", "\ud800", "\udc00", "💥", "\uffff"]), max_size=12).map(
        "".join
    )
)
def test_code_points_are_the_characters_in_the_narrowest_type(text):
    cps = chars.code_points(text)
    assert cps.tolist() == [ord(c) for c in text]
    widest = max(map(ord, text), default=0)
    assert cps.itemsize == (1 if widest < 0x80 else 2 if widest < 0x10000 else 4)


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet="aZ(“)”\"[]{}ع\u0660é𝐀 ", max_size=60),
    st.integers(0, 60),
    st.integers(0, 60),
    st.integers(1, 9),
)
def test_long_texts_give_their_arrays_window_by_window(text, lo, hi, window):
    """Beyond chars.WINDOW characters a text's arrays are made for the window asked, never
    kept whole; what a caller gets is the same either way."""
    lo, hi = min(lo, hi, len(text)), min(max(lo, hi), len(text))
    whole_cps, whole_flags = chars.code_points(text)[lo:hi], chars.text_flags(text)[lo:hi]
    old = chars.WINDOW
    chars.WINDOW = window
    try:
        assert chars.code_points(text, lo, hi).tolist() == whole_cps.tolist()
        # (The bits of the classes: a table's bookkeeping bit may differ, no caller reads it.)
        assert (chars.text_flags(text, lo, hi) & 0x7F).tolist() == (whole_flags & 0x7F).tolist()
        cut = list(chars.windows(lo, hi))
        assert all(0 < b - a <= window for a, b in cut)
        assert [x for a, b in cut for x in range(a, b)] == list(range(lo, hi))
    finally:
        chars.WINDOW = old


def test_checks_of_a_long_text_in_windows_find_the_same(monkeypatch):
    """Punctuation, script and name checks over the seed page with tiny windows (every array
    made window by window) give the findings they give with the whole text's arrays."""
    from mtqa.glossary import load_glossary
    from mtqa.linter import RuleSelection, lint_document

    from ..conftest import ROOT

    glossary = load_glossary(ROOT / "glossary" / "default.yaml")
    rules = RuleSelection(select=("PUNC", "SCRIPT", "TERM003", "TERM004"))
    text = SEED_ARTICLE.read_text(encoding="utf-8") + "\nعربي (open “quote\n"
    doc = document_from_text(text, "a.md")
    whole = lint_document(doc, glossary=glossary, selection=rules)
    assert {f.code for f in whole} >= {"PUNC001", "SCRIPT001"}
    monkeypatch.setattr(chars, "WINDOW", 997)
    windowed = lint_document(document_from_text(text, "a.md"), glossary=glossary, selection=rules)
    assert [f.to_dict() for f in windowed] == [f.to_dict() for f in whole]

