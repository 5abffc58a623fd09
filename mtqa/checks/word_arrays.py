"""The words of a document's prose as arrays, without Python work per word.

A check that compares words (REP001/REP002) needs every word's offsets and a number that is
equal for equal words. Finding the words one regex match at a time costs about a microsecond a
word, more than the comparison itself. Here the prose is read as an array of code points: a
table says which are letters, a word is a run of letters joined by apostrophes or hyphens
(exactly the matches of `WORD`), and each word's number is a polynomial hash of its lower-cased
letters, all in numpy. A document of 6,000 words costs a few array passes.

The hash is equal for words that are equal in lower case; two different words may, very rarely,
share one, so a caller confirms a match it reports with `same_word` (one string comparison at
a candidate, never one per word).

Memory stays bounded whatever the size of a document or of one paragraph: the prose is read in
pieces of about PIECE characters, and a longer span is cut before a character no word contains,
so the words are those that one scan of the whole span would give.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from ..documents.model import Document
from ..matching.chars import JOINER, LETTER, classes, code_points, text_flags, text_keys
from ..matching.names.spans import in_order

# A word: letters, joined by apostrophes or hyphens ("don't", "al-Asad"); digits are not words.
# The reference definition; the arrays below find exactly its matches (a test checks).
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# A character that is in no word: a long span may be cut before one.
_BREAK = re.compile(r"[^\w'’-]|[\d_]")
# Between the spans of one piece: in no word, so no word joins two spans.
_SEP = "\x00"
# Characters of prose read at once (tests make it small to cut spans often).
PIECE = 1 << 18


@dataclass(frozen=True, slots=True)
class Words:
    """Words in document order: offsets into the document's text, ids (equal for words equal
    in lower case; see `same_word`) and the index of each word's block."""

    starts: np.ndarray
    ends: np.ndarray
    ids: np.ndarray
    blocks: np.ndarray

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index: slice) -> Words:
        return Words(self.starts[index], self.ends[index], self.ids[index], self.blocks[index])

    def __add__(self, other: Words) -> Words:
        return Words(
            np.concatenate((self.starts, other.starts)),
            np.concatenate((self.ends, other.ends)),
            np.concatenate((self.ids, other.ids)),
            np.concatenate((self.blocks, other.blocks)),
        )


def same_word(text: str, a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two words of `text` (start, end) are equal in lower case: what equal ids mean,
    confirmed."""
    return text[a[0] : a[1]].lower() == text[b[0] : b[1]].lower()


# Powers of an odd base modulo 2**64 (uint64 arithmetic wraps), and of its inverse, so a word's
# hash does not depend on where the word stands.
_BASE = 0x9E3779B97F4A7C15
_BASE_INVERSE = pow(_BASE, -1, 1 << 64)
_powers = np.ones(0, dtype=np.uint64)
_inverse_powers = np.ones(0, dtype=np.uint64)


def _power_tables(n: int) -> tuple[np.ndarray, np.ndarray]:
    global _powers, _inverse_powers
    if len(_powers) < n:
        size = max(n, 2 * len(_powers), 1 << 12)
        with np.errstate(over="ignore"):
            _powers = np.cumprod(np.full(size, _BASE, dtype=np.uint64)) * np.uint64(_BASE_INVERSE)
            _inverse_powers = np.cumprod(np.full(size, _BASE_INVERSE, dtype=np.uint64)) * np.uint64(
                _BASE
            )
    return _powers[:n], _inverse_powers[:n]


def _words_of(joined: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(starts, ends, ids) of the words of `joined`."""
    cps = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    flags, keys = classes(cps)
    n = len(cps)
    letters = (flags & LETTER) != 0
    # In a word: a letter, or a joiner with a letter on each side (the regex's ['’-] group).
    inside = np.zeros(n + 2, dtype=np.int8)  # a non-word character either side
    inside[1:-1] = letters
    inside[2:-2] |= ((flags[1:-1] & JOINER) != 0) & letters[:-2] & letters[2:]
    # Where a run of word characters starts or ends, alternately.
    changes = np.flatnonzero(inside[1:] != inside[:-1])
    starts = changes[0::2]
    ends = changes[1::2]
    if not len(starts):
        return starts, ends, starts
    return starts, ends, _hashes(keys, starts, ends)


def _hashes(keys: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """Each word's id: the polynomial hash of its keys, the same wherever the word stands."""
    n = len(keys)
    powers, inverse_powers = _power_tables(n)
    with np.errstate(over="ignore"):
        prefix = np.zeros(n + 1, dtype=np.uint64)
        np.cumsum(keys * powers, out=prefix[1:])
        ids = (prefix[ends] - prefix[starts]) * inverse_powers[starts]
    return ids.view(np.int64)


def _cut(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """A span in parts of about PIECE characters, each cut before a character in no word."""
    while end - start > PIECE:
        m = _BREAK.search(text, start + PIECE, end)
        if m is None:
            break
        yield start, m.start()
        start = m.start()
    yield start, end


def _pieces(doc: Document) -> Iterator[list[tuple[int, int, int]]]:
    """(block index, start, end) of the prose, in lists of about PIECE characters."""
    piece: list[tuple[int, int, int]] = []
    size = 0
    text = doc.text
    for bi, block in enumerate(doc.blocks):
        for span_start, span_end in block.spans:
            parts = (
                _cut(text, span_start, span_end)
                if span_end - span_start > PIECE
                else ((span_start, span_end),)
            )
            for s, e in parts:
                if piece and size + (e - s) > PIECE:
                    yield piece
                    piece, size = [], 0
                piece.append((bi, s, e))
                size += e - s + 1
    if piece:
        yield piece


def _tokenise(text: str, piece: list[tuple[int, int, int]]) -> Words:
    joined = _SEP.join([text[s:e] for _, s, e in piece])
    starts, ends, ids = _words_of(joined)
    # Back from the joined text to the document: the span each word is in, and its shift.
    count = len(piece)
    span_lengths = np.fromiter((e - s + 1 for _, s, e in piece), dtype=np.int64, count=count)
    span_joined = np.zeros(count, dtype=np.int64)
    np.cumsum(span_lengths[:-1], out=span_joined[1:])
    span_starts = np.fromiter((s for _, s, _ in piece), dtype=np.int64, count=count)
    span_blocks = np.fromiter((b for b, _, _ in piece), dtype=np.int64, count=count)
    span = np.searchsorted(span_joined, starts, side="right") - 1
    shift = span_starts[span] - span_joined[span]
    return Words(starts + shift, ends + shift, ids, span_blocks[span])


def _document_words(doc: Document) -> Words | None:
    """The words of a document's prose read on the arrays of its whole text (shared with the
    other checks: chars.text_flags), with no copy of the prose: for a text of at most PIECE
    characters, within the Basic Multilingual Plane, whose spans are in order. None otherwise.

    The prose is a mask over the text; a word never runs across the start of a span (the
    reference reads each span on its own), so a run of word characters is cut there, and a
    joiner at a span's edge joins nothing.
    """
    text = doc.text
    n = len(text)
    if not 0 < n <= PIECE:
        return None
    spans = [(s, e, bi) for bi, block in enumerate(doc.blocks) for s, e in block.spans]
    bounds = [x for s, e, _ in spans for x in (s, e)]
    if not spans or not in_order(bounds):
        return None
    cps = code_points(text)
    if cps.itemsize == 4:  # beyond the BMP: the pieces' own tables (chars.classes)
        return None
    flags = text_flags(text)
    keys = text_keys(text)
    span_starts = np.array(bounds[0::2], dtype=np.int64)
    span_ends = np.array(bounds[1::2], dtype=np.int64)
    edges = np.zeros(n + 1, dtype=np.int32)
    np.add.at(edges, span_starts, 1)
    np.add.at(edges, span_ends, -1)  # (a span may end where the next starts)
    letters = ((flags & LETTER) != 0) & (np.cumsum(edges[:n]) > 0)
    cut = np.zeros(n + 1, dtype=bool)  # the start of a span
    cut[span_starts] = True
    inside = np.zeros(n + 2, dtype=np.int8)  # inside[k + 1]: character k is in a word
    inside[1:-1] = letters
    if n > 2:
        inside[2:-2] |= (
            ((flags[1:-1] & JOINER) != 0)
            & letters[:-2]
            & letters[2:]
            & ~cut[1 : n - 1]
            & ~cut[2:n]
        )
    changes = np.flatnonzero(inside[1:] != inside[:-1])
    starts, ends = changes[0::2], changes[1::2]
    # A run that goes on across a span's start is two words.
    split = span_starts[(span_starts > 0) & (span_starts < n)]
    split = split[(inside[split] != 0) & (inside[split + 1] != 0)]
    if len(split):
        starts = np.sort(np.concatenate((starts, split)))
        ends = np.sort(np.concatenate((ends, split)))
    span_blocks = np.array([bi for _, _, bi in spans], dtype=np.int64)
    blocks = span_blocks[np.searchsorted(span_starts, starts, side="right") - 1]
    return Words(starts, ends, _hashes(keys, starts, ends), blocks)


def iter_words(doc: Document) -> Iterator[Words]:
    """The words of the prose, piece by piece."""
    whole = _document_words(doc)
    if whole is not None:
        if len(whole):
            yield whole
        return
    for piece in _pieces(doc):
        words = _tokenise(doc.text, piece)
        if len(words):
            yield words
