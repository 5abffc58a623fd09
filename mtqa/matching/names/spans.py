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

from ...documents.model import Block
from ..chars import CAPITAL, NAME_CHAR, WORDISH, code_points, text_flags
from ..chars import WINDOW as CHARS_WINDOW
from .translit import NAME

_PARTICLE_SEPARATORS = tuple(map(ord, "-\u2010\u2011 "))
_HYPHENS = tuple(map(ord, "-\u2010\u2011"))
_SPACES = tuple(map(ord, " \u00a0"))
_AYN_SIGNS = tuple(map(ord, "ʿʾʽ'’"))
# The signs of ayn that are letters, which may start a name (ʿAyn al-Asad); an apostrophe
# before a name's first word stays out of it (translit._START).
_AYN_LETTERS = tuple(map(ord, "ʿʾʽ"))
_APOSTROPHES = tuple(map(ord, "'’"))
_EZAFE_LETTERS = tuple(map(ord, "ei"))
# translit._PARTICLE's words, by length ([Aa]l, [Ee]l, [Aa][dnrstz], [Ee][dnrstz],
# [Oo][ldnrstz], ul; [Aa]sh, [Ee]sh, [Oo]sh, bin, ibn, [Aa]bu, [Aa]bd), as numbers made of their
# code points. (The e-forms stand only before a hyphen: a candidate found before a space is one
# NAME refuses. The o-forms, also only before a hyphen, are dropped before a space at once: they
# would be "On" and "Or" of every other sentence.)
_TWO = np.array(
    [
        (ord(a) << 21) | ord(b)
        for a, rest in (("A", "ldnrstz"), ("a", "ldnrstz"), ("E", "ldnrstz"), ("e", "ldnrstz"),
                        ("O", "ldnrstz"), ("o", "ldnrstz"), ("u", "l"))
        for b in rest
    ],
    dtype=np.uint64,
)
_TWO.sort()
_THREE = np.array(
    [
        (ord(w[0]) << 42) | (ord(w[1]) << 21) | ord(w[2])
        for w in ("Ash", "ash", "Esh", "esh", "Osh", "osh", "bin", "ibn", "Abu", "abu", "Abd",
                  "abd")
    ],
    dtype=np.uint64,
)
_THREE.sort()
_O = tuple(map(ord, "Oo"))


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


def _packed(cps: np.ndarray, at: np.ndarray, width: int) -> np.ndarray:
    """The `width` code points from each position of `at`, 21 bits each, in one integer."""
    out = np.zeros(len(at), dtype=np.uint64)
    for k in range(width):
        out = (out << np.uint64(21)) | cps[at + k].astype(np.uint64)
    return out


def _particle_starts(cps: np.ndarray, capitals: np.ndarray, signs: np.ndarray) -> np.ndarray:
    """Positions where translit._PARTICLE matches and a capital follows it, or another
    particle and then a capital (ibn al-Khattab), or a sign of ayn and a capital (ibn 'Abd);
    `capitals` are the positions of the capitals, `signs` those of the signs before one."""
    first = np.concatenate((_words_before(cps, capitals), _glued_al(cps, capitals)))
    # The second pass looks only before the articles found (al-, el-, as-, al ...), not the
    # English words ("as", "at", "an") of the first, and before the signs.
    article = _any_of(cps[first + 2], _HYPHENS) | _any_of(cps[first + 1], (0x6C,))
    second = _words_before(cps, np.concatenate((first[article], signs)))
    return np.concatenate((first, second))


def _ayn_sign_starts(cps: np.ndarray, capitals: np.ndarray) -> np.ndarray:
    """Positions of a sign of ayn (or an apostrophe) before a capital."""
    signs = capitals[capitals >= 1] - 1
    return signs[_any_of(cps[signs], _AYN_SIGNS)]


def _words_before(cps: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Positions of a particle word and its separator right before a position of `targets`."""
    if not len(targets):
        return targets
    # Widened only where a particle can be, not the whole text (8 bytes a character).
    q = targets[targets >= 3] - 1
    q = q[_any_of(cps[q], _PARTICLE_SEPARATORS)]
    p2 = q - 2
    two = p2[_member(_packed(cps, p2, 2), _TWO)]
    q = q[q >= 3]
    p3 = q - 3
    three = p3[_member(_packed(cps, p3, 3), _THREE)]
    found = np.concatenate((two, three))
    # The o-forms only before a hyphen.
    o_form = _any_of(cps[found], _O)
    if o_form.any():
        found = found[~o_form | _any_of(cps[found + 2 + (cps[found + 2] == 0x68)], _HYPHENS)]
    return found


def _glued_al(cps: np.ndarray, capitals: np.ndarray) -> np.ndarray:
    """Positions of "Al" glued to an ASCII capital (AlAsad)."""
    g = capitals[(capitals >= 2)] - 2
    return g[(cps[g + 2] <= 0x5A) & (cps[g + 1] == 0x6C) & _any_of(cps[g], (0x41, 0x61))]


def name_matches(text: str, blocks: Sequence[Block]) -> Iterator[tuple[Block, int, int]]:
    """(block, start, end) of each match of NAME in the blocks' spans, in order: what
    `NAME.finditer(text, s, e)` over every span gives."""
    spans = [(block, s, e) for block in blocks for s, e in block.spans]
    starts, ends, which = name_spans(text, [(s, e) for _, s, e in spans])
    for start, end, i in zip(starts, ends, which, strict=True):
        yield spans[i][0], start, end


# The arrays of one scan cover at most about this many characters: a 100 MB document is
# scanned window by window, so its temporary arrays stay a few megabytes, not gigabytes.
WINDOW = CHARS_WINDOW  # (the same size as the arrays chars.py makes of a long text)
# Characters of context on each side of a window: NAME's look-behind and the particles
# ("al-", "Abu ") look back at most four characters.
_CONTEXT = 4


def name_spans(text: str, spans: Sequence[tuple[int, int]]) -> tuple[list, list, list]:
    """(starts, ends, span indices) of the matches of NAME in `spans`, in order."""
    starts: list[int] = []
    ends: list[int] = []
    which: list[int] = []
    for s, e, w in name_span_windows(text, spans):
        starts += s
        ends += e
        which += w
    return starts, ends, which


def name_span_windows(
    text: str, spans: Sequence[tuple[int, int]]
) -> Iterator[tuple[list, list, list]]:
    """`name_spans` window by window (spans in runs of at most about WINDOW characters), so a
    caller can work through a long document without holding all its matches at once."""
    bounds = [x for s, e in spans for x in (s, e)]
    if not in_order(bounds):  # spans out of order: the plain way
        yield _plain_spans(text, spans)
        return
    first = 0
    while first < len(spans):
        last = first + 1
        while last < len(spans) and spans[last][1] - spans[first][0] <= WINDOW:
            last += 1
        s, e, w = _window_spans(text, spans[first:last])
        yield s, e, [i + first for i in w]
        first = last


def _window_spans(text: str, spans: Sequence[tuple[int, int]]) -> tuple[list, list, list]:
    """`name_spans` for spans in order, with arrays over their stretch of the text only;
    positions in the arrays are relative to `lo` until the matches are confirmed."""
    lo = max(0, spans[0][0] - _CONTEXT)
    hi = min(len(text), spans[-1][1] + _CONTEXT)
    bounds = [x - lo for s, e in spans for x in (s, e)]
    cps = code_points(text, lo, hi)
    n = len(cps)
    flags = text_flags(text, lo, hi)
    capital = np.zeros(n + 1, dtype=bool)  # one more: "no capital" after the text
    capital[:n] = (flags & CAPITAL) != 0
    particle = np.zeros(n + 1, dtype=bool)
    capitals = np.flatnonzero(capital)
    # A sign of ayn before a capital starts a name as a particle does: a letter (ʿ ʾ ʽ) always,
    # an apostrophe when no quotation closes after it (the regex decides: translit.NAME).
    signs = _ayn_sign_starts(cps, capitals)
    particle[_particle_starts(cps, capitals, signs)] = True
    particle[signs] = True
    candidates = np.flatnonzero(capital | particle)
    # Not after a character of [\w'’-] (NAME's look-behind), unless that is an apostrophe
    # after none of them (a name's first word after a quote or the sign of ayn).
    after = candidates[candidates > 0]
    blocked = (flags[after - 1] & WORDISH) != 0
    quoted = blocked & _any_of(cps[after - 1], _APOSTROPHES)
    if quoted.any():
        q = after[quoted]
        free = q < 2
        free[~free] = (flags[q[~free] - 2] & WORDISH) == 0
        blocked[np.flatnonzero(quoted)[free]] = False
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
    padded = np.append(cps, np.zeros(4, dtype=cps.dtype))
    following = padded[word_ends]
    # A space, then a capital or a particle, or an ayn sign and a capital (Tall 'Afar), or an
    # ezafe standing alone (e, i, ye, yi), a space and a capital (Mazar i Sharif).
    after_space = np.minimum(word_ends + 1, n)
    ezafe_at = after_space + (padded[after_space] == ord("y"))
    next_starts = (
        (capital | particle)[after_space]
        | (_any_of(padded[after_space], _AYN_SIGNS) & capital[np.minimum(word_ends + 2, n)])
        | (
            _any_of(padded[ezafe_at], _EZAFE_LETTERS)
            & _any_of(padded[ezafe_at + 1], _SPACES)
            & capital[np.minimum(ezafe_at + 2, n)]
        )
    )
    goes_on = _any_of(following, _HYPHENS) | (
        _any_of(following, _SPACES) & (word_ends + 1 < span_ends[which]) & next_starts
    )
    alone = ~particle[candidates] & ~(goes_on & (word_ends < span_ends[which]))
    # From here on, positions in the text.
    candidates = candidates + lo
    word_ends = word_ends + lo
    ends_list = (span_ends + lo).tolist()
    if text.find("\u00d7", lo, hi) != -1 or text.find("\u00f7", lo, hi) != -1:
        # × and ÷ continue a capitalised word in NAME but do not block the start of one, so a
        # word may hold another candidate: go through them all in order.
        return _sequential(text, candidates, which, word_ends, alone, ends_list)
    # Otherwise a word settled by itself holds no other candidate (the characters inside it
    # all block a start), and only the others need the regex, in order, each skipped when an
    # earlier match of its span covers it.
    slow = ~alone
    slow_starts, slow_ends, slow_spans = (
        np.array(found, dtype=np.int64)
        for found in _sequential(
            text, candidates[slow], which[slow], word_ends[slow], alone[slow], ends_list
        )
    )
    # The words settled by themselves, less those inside a match of the regex.
    single = np.flatnonzero(alone)
    starts = candidates[single]
    if len(slow_starts):
        covering = np.searchsorted(slow_starts, starts, side="right") - 1
        covered = (covering >= 0) & (starts < slow_ends[np.maximum(covering, 0)])
        single = single[~covered]
        starts = candidates[single]
    all_starts = np.concatenate((starts, slow_starts))
    all_ends = np.concatenate((word_ends[single], slow_ends))
    all_spans = np.concatenate((which[single], slow_spans))
    order = np.argsort(all_starts, kind="stable")
    return all_starts[order].tolist(), all_ends[order].tolist(), all_spans[order].tolist()


def _sequential(text, candidates, which, word_ends, alone, ends_list) -> tuple[list, list, list]:
    """(starts, ends, spans) of the candidates that finditer would match, in order: a word
    settled by itself (`alone`) is its own match, the others are tried with NAME, and a
    candidate inside the last match of its span is skipped. (Trying every start at once in
    one map and dropping covered matches afterwards was slower: a third more regex calls cost
    more than this loop's Python steps.)"""
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
