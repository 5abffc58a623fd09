"""The matches of translit.NAME in a document's prose, found without trying NAME everywhere.

NAME begins with a look-behind, so the regex engine tries it at every character of the prose
(2-4 ms for a 40 kB article, the largest cost of TERM003/TERM004). A match can only start at
a capital, or at a particle (al-, el-, ad-, ..., ash-, bin, ibn, abu, abd, ul, glued Al)
right before a capital, and never after a letter, digit, apostrophe or hyphen. Those places
are found with a few numpy passes over the code points, and most of them settle without the
regex: a capitalised word that is no particle, followed by neither a hyphen nor a space before
another capital or particle, is a whole match by itself ("The", "Iraq", "U" of "U.S."). NAME
is tried only at the others, in order, each span's search going on after the end of its last
match, as finditer's does: the matches are exactly finditer's (a test compares them).
"""

from __future__ import annotations

import operator
from collections.abc import Iterator, Sequence

import numpy as np

from ..documents.model import Block
from .chars import CAPITAL, NAME_CHAR, WORDISH, code_points, text_flags
from .translit import NAME

_PARTICLE_SEPARATORS = tuple(map(ord, "-\u2010\u2011 "))
_HYPHENS = tuple(map(ord, "-\u2010\u2011"))
_SPACES = tuple(map(ord, " \u00a0"))
# translit._PARTICLE's words, by length ([Aa]l, [Ee]l, [Aa][dnrstz], ul; [Aa]sh, bin, ibn,
# [Aa]bu, [Aa]bd), as numbers made of their code points.
_TWO = np.array(
    [
        (ord(a) << 21) | ord(b)
        for a, rest in (("A", "ldnrstz"), ("a", "ldnrstz"), ("E", "l"), ("e", "l"), ("u", "l"))
        for b in rest
    ],
    dtype=np.uint64,
)
_TWO.sort()
_THREE = np.array(
    [
        (ord(w[0]) << 42) | (ord(w[1]) << 21) | ord(w[2])
        for w in ("Ash", "ash", "bin", "ibn", "Abu", "abu", "Abd", "abd")
    ],
    dtype=np.uint64,
)
_THREE.sort()


def _member(values: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """values in codes (sorted): np.isin costs some 70 µs a call whatever the sizes."""
    at = np.minimum(np.searchsorted(codes, values), len(codes) - 1)
    return codes[at] == values


def in_order(bounds: list[int]) -> bool:
    """Whether span bounds never go back (in C: no Python step per bound)."""
    return all(map(operator.le, bounds, bounds[1:]))


def _any_of(values: np.ndarray, codes: tuple[int, ...]) -> np.ndarray:
    out = values == codes[0]
    for code in codes[1:]:
        out |= values == code
    return out


def _particle_starts(cps: np.ndarray, capitals: np.ndarray) -> np.ndarray:
    """Positions where translit._PARTICLE matches and a capital follows it; `capitals` are
    the positions of the capitals."""
    wide = cps.astype(np.uint64)
    # A separator before a capital: a two-letter particle ends two before it, a three-letter
    # one three before.
    q = capitals[capitals >= 3] - 1
    q = q[_any_of(cps[q], _PARTICLE_SEPARATORS)]
    p2 = q - 2
    two = p2[_member((wide[p2] << np.uint64(21)) | wide[p2 + 1], _TWO)]
    q = q[q >= 3]
    p3 = q - 3
    code = (wide[p3] << np.uint64(42)) | (wide[p3 + 1] << np.uint64(21)) | wide[p3 + 2]
    three = p3[_member(code, _THREE)]
    # "Al" glued to an ASCII capital (AlAsad).
    g = capitals[(capitals >= 2)] - 2
    g = g[(cps[g + 2] <= 0x5A) & (cps[g + 1] == 0x6C) & _any_of(cps[g], (0x41, 0x61))]
    return np.concatenate((two, three, g))


def name_matches(text: str, blocks: Sequence[Block]) -> Iterator[tuple[Block, int, int]]:
    """(block, start, end) of each match of NAME in the blocks' spans, in order: what
    `NAME.finditer(text, s, e)` over every span gives."""
    spans = [(block, s, e) for block in blocks for s, e in block.spans]
    starts, ends, which = name_spans(text, [(s, e) for _, s, e in spans])
    for start, end, i in zip(starts, ends, which, strict=True):
        yield spans[i][0], start, end


def name_spans(text: str, spans: Sequence[tuple[int, int]]) -> tuple[list, list, list]:
    """(starts, ends, span indices) of the matches of NAME in `spans`, in order."""
    bounds = [x for s, e in spans for x in (s, e)]
    if not in_order(bounds):  # spans out of order: the plain way
        return _plain_spans(text, spans)
    if not spans:
        return [], [], []
    cps = code_points(text)
    n = len(cps)
    flags = text_flags(text)
    capital = np.zeros(n + 1, dtype=bool)  # one more: "no capital" after the text
    capital[:n] = (flags & CAPITAL) != 0
    particle = np.zeros(n + 1, dtype=bool)
    particle[_particle_starts(cps, np.flatnonzero(capital))] = True
    candidates = np.flatnonzero(capital | particle)
    # Not after a character of [\w'’-] (NAME's look-behind).
    after = candidates[candidates > 0]
    blocked = (flags[after - 1] & WORDISH) != 0
    candidates = np.concatenate((candidates[candidates == 0], after[~blocked]))
    # Only those in the prose, each with its span.
    span_starts = np.array(bounds[0::2], dtype=np.int64)
    span_ends = np.array(bounds[1::2], dtype=np.int64)
    which = np.searchsorted(span_starts, candidates, side="right") - 1
    inside = (which >= 0) & (candidates < span_ends[np.maximum(which, 0)])
    candidates, which = candidates[inside], which[inside]
    # Where each candidate's capitalised word ends: the next character after its first that
    # is not a NAME_CHAR (or the end of its span).
    stops = np.flatnonzero((flags & NAME_CHAR) == 0)
    word_ends = np.append(stops, n)[np.searchsorted(stops, candidates + 1)]
    word_ends = np.minimum(word_ends, span_ends[which])
    following = np.append(cps, np.uint32(0))[word_ends]
    goes_on = _any_of(following, _HYPHENS) | (
        _any_of(following, _SPACES)
        & (word_ends + 1 < span_ends[which])
        & (capital | particle)[np.minimum(word_ends + 1, n)]
    )
    alone = ~particle[candidates] & ~(goes_on & (word_ends < span_ends[which]))
    ends_list = span_ends.tolist()
    if "\u00d7" in text or "\u00f7" in text:
        # × and ÷ continue a capitalised word in NAME but do not block the start of one, so a
        # word may hold another candidate: go through them all in order.
        return _sequential(text, candidates, which, word_ends, alone, ends_list)
    # Otherwise a word settled by itself holds no other candidate (the characters inside it
    # all block a start), and only the others need the regex, in order, each skipped when an
    # earlier match of its span covers it.
    slow_starts, slow_ends, slow_spans = [], [], []
    last_span, last_end = -1, -1
    slow = ~alone
    for p, i in zip(candidates[slow].tolist(), which[slow].tolist(), strict=True):
        if i != last_span:
            last_span, last_end = i, -1  # a new span: finditer starts afresh
        elif p < last_end:
            continue  # inside the last match
        m = NAME.match(text, p, ends_list[i])
        if m is not None:
            last_end = m.end()
            slow_starts.append(p)
            slow_ends.append(last_end)
            slow_spans.append(i)
    # The words settled by themselves, less those inside a match of the regex.
    single = np.flatnonzero(alone)
    starts = candidates[single]
    if slow_starts:
        covering = np.searchsorted(np.array(slow_starts), starts, side="right") - 1
        covered = (covering >= 0) & (starts < np.array(slow_ends)[np.maximum(covering, 0)])
        single = single[~covered]
        starts = candidates[single]
    all_starts = np.concatenate((starts, np.array(slow_starts, dtype=np.int64)))
    all_ends = np.concatenate((word_ends[single], np.array(slow_ends, dtype=np.int64)))
    all_spans = np.concatenate((which[single], np.array(slow_spans, dtype=np.int64)))
    order = np.argsort(all_starts, kind="stable")
    return all_starts[order].tolist(), all_ends[order].tolist(), all_spans[order].tolist()


def _sequential(text, candidates, which, word_ends, alone, ends_list) -> tuple[list, list, list]:
    starts, ends, spans = [], [], []
    last_span, last_end = -1, -1
    for p, i, end, whole in zip(
        candidates.tolist(), which.tolist(), word_ends.tolist(), alone.tolist(), strict=True
    ):
        if i != last_span:
            last_span, last_end = i, -1  # a new span: finditer starts afresh
        elif p < last_end:
            continue  # inside the last match
        if not whole:
            m = NAME.match(text, p, ends_list[i])
            if m is None:
                continue
            end = m.end()
        last_end = end
        starts.append(p)
        ends.append(end)
        spans.append(i)
    return starts, ends, spans


def _plain_spans(text: str, spans: Sequence[tuple[int, int]]) -> tuple[list, list, list]:
    starts, ends, which = [], [], []
    for i, (s, e) in enumerate(spans):
        for m in NAME.finditer(text, s, e):
            starts.append(m.start())
            ends.append(m.end())
            which.append(i)
    return starts, ends, which
