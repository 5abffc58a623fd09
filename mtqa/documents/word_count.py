"""Counting the words of a document's prose, as `str.split()` counts them, without splitting.

A run's summary reports the words it read. Splitting every prose span made a string of each
word (about 8% of linting an article); here one byte stands for each character and the counts
are C scans: a word starts at a span's first character, or after white space inside the span.
"""

from __future__ import annotations

from collections.abc import Iterable

# ASCII characters that str.split() takes for white space (the file and group separators
# \x1c-\x1f among them) become a space, every other byte an `x`.
_SPACE_OR_WORD = bytes(0x20 if chr(i).isspace() else 0x78 for i in range(128)) + b"x" * 128
# Beyond this many non-ASCII characters, looking at each one costs more than splitting.
_MAX_NON_ASCII_LOOKS = 256


def count_words(text: str, spans: Iterable[tuple[int, int]]) -> int:
    """`sum(len(text[s:e].split()) for s, e in spans)`, in one pass of C scans."""
    spans = list(spans)
    if not spans:
        return 0
    # One byte per character: an ASCII text is its own stand-in; otherwise each non-ASCII
    # character becomes `?`, which is right unless one of them is white space (a no-break
    # space, an em space): then split, the exact way.
    stand_in = text.encode("ascii", "replace")
    if not text.isascii() and _has_non_ascii_space(text, stand_in):
        return sum(len(text[s:e].split()) for s, e in spans)
    marks = stand_in.translate(_SPACE_OR_WORD)
    count = marks.count
    words = 0
    for s, e in spans:
        if s < e:
            words += count(b" x", s, e) + (marks[s] == 0x78)
    return words


def _has_non_ascii_space(text: str, stand_in: bytes) -> bool:
    """Whether a character that became `?` in `stand_in` is white space in `text` (also
    True when there are too many to look at: the caller then splits)."""
    question_marks = text.count("?")
    if stand_in.count(b"?") - question_marks > _MAX_NON_ASCII_LOOKS or (
        question_marks > _MAX_NON_ASCII_LOOKS
    ):
        return True
    find = stand_in.find
    i = find(b"?")
    while i != -1:
        c = text[i]
        if c != "?" and c.isspace():
            return True
        i = find(b"?", i + 1)
    return False
