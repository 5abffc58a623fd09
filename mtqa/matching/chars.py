"""A text's characters as an array of code points, and character classes read from tables.

Scans that a regex would make character by character in Python-visible steps (where words
start, where a name may start) are made here as a few numpy passes: the text is encoded once
to UTF-32, and each code point's classes come from a table filled as code points are met, so
a run pays only for the few hundred characters its texts use. Each class is defined by the
regex it stands for (tests check the tables against them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np

# Class bits.
LETTER = 1  # [^\W\d_]: a letter, as the word patterns have it
WORDISH = 2  # [\w'’-]: what may not stand before the start of a name (translit.NAME)
NAME_CHAR = 4  # [\w'’ʿʾ\u00c0-\u024f]: what continues a capitalised word (translit.NAME)
CAPITAL = 8  # [translit.CAPITALS]: what starts one
MARK = 16  # [()\[\]{}“”"]: what the bracket and quote checks look at
JOINER = 32  # ['’-]: what joins two runs of letters into one word (checks.word_arrays.WORD)
_CLASSES = (
    (LETTER, re.compile(r"[^\W\d_]")),
    (WORDISH, re.compile(r"[\w'’-]")),
    (NAME_CHAR, re.compile(r"[\w'’ʿʾ\u00c0-\u024f]")),
    (CAPITAL, re.compile(r"[A-Z\u00c0-\u00de\u018f\u0100\u010c\u0112\u011e\u0120\u012a\u0130\u015e\u0160\u016a\u017d\u1e0c\u1e0e\u1e24\u1e2a\u1e62\u1e6c\u1e6e\u1e92]")),
    (MARK, re.compile(r'[()\[\]{}“”"]')),
    (JOINER, re.compile(r"['’-]")),
)

_BMP = 0x10000
# Set in a table entry once it is filled (the tables start empty).
_KNOWN = 0x80
_flag_table = np.zeros(_BMP, dtype=np.uint8)
_key_table = np.zeros(_BMP, dtype=np.uint64)
_astral: dict[int, tuple[int, int]] = {}
_SIGMAS = frozenset("Σσς")


def _classify(cp: int) -> tuple[int, int]:
    """(class bits, lower-case key) of one code point."""
    c = chr(cp)
    flags = 0
    for bit, pattern in _CLASSES:
        if pattern.match(c):
            flags |= bit
    if c in _SIGMAS:
        # Final sigma: lower() gives ς or σ by the letters around it, so all three share a
        # key (words equal in lower case still share keys; a caller confirms a match).
        return flags, ord("σ")
    low = c.lower()
    # İ is the one character whose lower case is two characters; its key is its own.
    return flags, ord(low) if len(low) == 1 else 0x110000 + cp


def _fill(cps: np.ndarray) -> None:
    """Fill the tables for the code points of `cps` not met before."""
    new = cps[(_flag_table.take(cps) & _KNOWN) == 0]
    # The distinct code points by counting (at most 65,536 bins here): np.unique would import
    # numpy.ma, some 20 ms of a run's start.
    for cp in np.flatnonzero(np.bincount(new)).tolist():
        flags, _key_table[cp] = _classify(cp)
        _flag_table[cp] = flags | _KNOWN


def _astral_classes(cps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    # Beyond the Basic Multilingual Plane (rare): each distinct code point once.
    unique, inverse = np.unique(cps, return_inverse=True)
    found = [_astral.get(cp) or _astral.setdefault(cp, _classify(cp)) for cp in unique.tolist()]
    flags = np.fromiter((f[0] for f in found), dtype=np.uint8, count=len(found))
    keys = np.fromiter((f[1] for f in found), dtype=np.uint64, count=len(found))
    return flags[inverse], keys[inverse]


def classes(cps: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(class bits, lower-case keys) of each code point: equal keys for characters whose
    lower case is the same."""
    if cps.itemsize == 4 and len(cps) and int(cps.max()) >= _BMP:  # (narrower: all in the BMP)
        return _astral_classes(cps)
    # `take`, not `table[cps]`: indexing by an array of 1- or 2-byte integers converts them
    # first, three times slower (the commonest arrays here; see code_points).
    flags = _flag_table.take(cps)
    if len(flags) and flags.min() < _KNOWN:
        _fill(cps)
        flags = _flag_table.take(cps)
    return flags & ~np.uint8(_KNOWN), _key_table.take(cps)


def flags_of(cps: np.ndarray) -> np.ndarray:
    """The class bits of each code point (the keys left out: half the work)."""
    if cps.itemsize == 4 and len(cps) and int(cps.max()) >= _BMP:  # (narrower: all in the BMP)
        return _astral_classes(cps)[0]
    flags = _flag_table.take(cps)  # (take: see classes)
    if len(flags) and flags.min() < _KNOWN:
        _fill(cps)
        flags = _flag_table.take(cps)
    return flags  # the KNOWN bit is no class a caller asks about


# Longer texts are never held as whole arrays: their checks ask for windows of about this many
# characters (a 100 MB document's arrays, kept whole, peaked at several times its size).
WINDOW = 1 << 20


def windows(start: int, end: int) -> Iterator[tuple[int, int]]:
    """[start, end) in consecutive windows of at most WINDOW characters."""
    for lo in range(start, end, WINDOW):
        yield lo, min(end, lo + WINDOW)


def text_flags(text: str, lo: int = 0, hi: int | None = None) -> np.ndarray:
    """The class bits of each character of text[lo:hi]. For a text of at most WINDOW
    characters the whole text's are kept, so the checks of one document look them up once;
    a longer text's are made for the window asked (and not kept)."""
    global _last_flags
    if len(text) > WINDOW:
        return flags_of(code_points(text, lo, hi))
    last = _last_flags
    if last is not None and last[0] is text:
        return last[1][lo:hi]
    flags = flags_of(code_points(text))
    _last_flags = (text, flags)
    return flags[lo:hi]


_last_flags: tuple[str, np.ndarray] | None = None
_last: tuple[str, np.ndarray] | None = None


def code_points(text: str, lo: int = 0, hi: int | None = None) -> np.ndarray:
    """The code points of text[lo:hi] (lone surrogates included), in the narrowest unsigned
    type that holds them. Kept for the last text of at most WINDOW characters, so the checks
    of one document encode it once; a longer text's are made for the window asked."""
    global _last
    if len(text) > WINDOW:
        return _encode(text[lo:hi])
    last = _last  # one read: another thread may replace it meanwhile
    if last is not None and last[0] is text:
        return last[1][lo:hi]
    cps = _encode(text)
    _last = (text, cps)
    return cps[lo:hi]


def text_keys(text: str) -> np.ndarray:
    """The lower-case key of each character of a text of at most WINDOW characters (see
    `classes`), looked up in the tables that `text_flags` fills."""
    cps = code_points(text)
    if cps.itemsize == 4:  # (narrower: all in the BMP)
        return classes(cps)[1]
    text_flags(text)  # the text's code points are in the tables now
    return _key_table.take(cps)


def _encode(text: str) -> np.ndarray:
    # As narrow as the text allows (1, 2 or 4 bytes a character).
    if text.isascii():
        return np.frombuffer(text.encode("ascii"), dtype=np.uint8)
    data = text.encode("utf-16-le", "surrogatepass")
    if len(data) == 2 * len(text):  # nothing beyond the Basic Multilingual Plane
        return np.frombuffer(data, dtype=np.uint16)
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
