"""The array tokeniser (mtqa.checks.word_arrays) finds exactly the words that the reference regex
finds span by span, in pieces of any size, with ids equal exactly when the words are equal in
lower case (up to a hash collision, which `same_word` settles)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

import mtqa.checks.word_arrays as words
from mtqa.documents.model import Block, Document

from ..doc_strategies import documents

# Letters of several scripts (and İ, Σ/σ/ς, whose lower case is special), the joiners, digits,
# the underscore, spaces and punctuation: everything the word pattern treats differently.
ALPHABET = "aAbBzZéÉİıIiΣσςΑβжЖكت中𝐀𝑎'’-_09 \t\n.,;\x00"


def _reference(doc: Document) -> list[tuple[int, int, str, int]]:
    return [
        (m.start(), m.end(), m.group().lower(), bi)
        for bi, block in enumerate(doc.blocks)
        for s, e in block.spans
        for m in words.WORD.finditer(doc.text, s, e)
    ]


def _arrays(doc: Document) -> list[tuple[int, int, int, int]]:
    out = []
    for w in words.iter_words(doc):
        out += zip(
            w.starts.tolist(), w.ends.tolist(), w.ids.tolist(), w.blocks.tolist(), strict=True
        )
    return out


def _check(doc: Document) -> None:
    expected = _reference(doc)
    got = _arrays(doc)
    assert [(s, e, b) for s, e, _, b in got] == [(s, e, b) for s, e, _, b in expected]
    for i, (_, _, id_i, _) in enumerate(got):
        for j in range(i + 1, len(got)):
            if expected[i][2] == expected[j][2]:
                assert got[j][2] == id_i  # equal words, equal ids
            elif got[j][2] == id_i:  # a collision: same_word tells them apart
                assert not words.same_word(doc.text, got[i][:2], got[j][:2])


@settings(max_examples=300, deadline=None)
@given(documents(ALPHABET))
def test_words_are_the_reference_regex_matches(doc):
    _check(doc)


@settings(max_examples=200, deadline=None)
@given(documents(ALPHABET), st.integers(1, 12))
def test_small_pieces_cut_no_word(doc, piece):
    saved = words.PIECE
    words.PIECE = piece  # spans cut and pieces flushed all the time
    try:
        _check(doc)
    finally:
        words.PIECE = saved


def test_case_and_final_sigma():
    text = "The the THE İstanbul istanbul ΟΔΟΣ οδος al-Asad Al-asad al’Asad"
    doc = Document(path="t", text=text, blocks=(Block(0, len(text), ((0, len(text)),)),))
    ids = [w for chunk in words.iter_words(doc) for w in chunk.ids.tolist()]
    assert ids[0] == ids[1] == ids[2]
    assert ids[3] != ids[4]  # İ lowers to i + a combining dot
    assert ids[7] == ids[8] and ids[7] != ids[9]
    # ΟΔΟΣ lowers to οδος with a final sigma, as written: the same word.
    a, b = text.index("ΟΔΟΣ"), text.index("οδος")
    assert ids[5] == ids[6] and words.same_word(text, (a, a + 4), (b, b + 4))
    # σ in the middle of a word is not a final ς: same id (the hash merges sigmas), and
    # same_word tells them apart.
    text = "οσα οςα"
    doc = Document(path="t", text=text, blocks=(Block(0, 7, ((0, 7),)),))
    ids = [w for chunk in words.iter_words(doc) for w in chunk.ids.tolist()]
    assert ids[0] == ids[1] and not words.same_word(text, (0, 3), (4, 7))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.integers(0, 3), max_size=60),
    st.lists(st.integers(0, 1), max_size=60),
    st.integers(1, 8),
)
def test_repeats_are_runs_of_equal_words(ids, blocks, length):
    """repeat_starts finds every i where words i.. i+length-1 equal words i+length.. (same block),
    as a direct comparison of the two windows does."""
    from mtqa.checks.repetition import repeat_starts

    n = min(len(ids), len(blocks))
    ids, blocks = ids[:n], sorted(blocks[:n])
    expected = [
        i
        for i in range(n - 2 * length + 1)
        if all(
            ids[i + k] == ids[i + length + k] and blocks[i + k] == blocks[i + length + k]
            for k in range(length)
        )
    ]
    got = repeat_starts(np.array(ids, dtype=np.int64), np.array(blocks, dtype=np.int64), length)
    assert got == expected


def test_adjacent_spans_never_join_words():
    # Spans that touch (a hole of no width between them): no word, and no joiner, crosses
    # from one to the next, in the whole-text reading and in pieces alike.
    for text, cut in (("ab-cd", 3), ("ab-cd", 2), ("abcd", 2), ("a’b", 1), ("a’b", 2)):
        doc = Document(
            path="t",
            text=text,
            blocks=(Block(0, cut, ((0, cut),)), Block(cut, len(text), ((cut, len(text)),))),
        )
        _check(doc)
