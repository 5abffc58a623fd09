"""Typography folding with an offset map back to the original text.

Matching runs on a folded copy of the prose: lower case, one apostrophe, one hyphen, one double
quote, and every run of whitespace (NBSP, a line break inside a paragraph, CRLF) as one space.
Folding is one `str.translate` plus a collapse of whitespace runs; the map back to original
offsets is piecewise linear, so it stores one breakpoint per collapsed run or skipped hole rather
than one integer per character (a 20 MB line costs a few lists, not 20 M ints).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Collection, Iterable

# Characters folded to a common form. Every mapping is one character to one character, so the
# translate step keeps offsets; only the whitespace collapse changes length.
_APOSTROPHES = "\u2019\u2018\u02bc\u02bb\u02bf\u02be\u2032\u0060\u00b4"
_HYPHENS = "\u2010\u2011\u2012\u2013\u2212\u00ad"
_DQUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033"
_SPACES = "\t\n\r\u000b\u000c\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"

_FOLD_MAP = {
    **{c: "'" for c in _APOSTROPHES},
    **{c: "-" for c in _HYPHENS},
    **{c: '"' for c in _DQUOTES},
    **{c: " " for c in _SPACES},
    # The only code point whose lower() is two characters: fold it first so lengths hold.
    "\u0130": "i",
}
_FOLD_RE = re.compile("[" + re.escape("".join(_FOLD_MAP)) + "]")


def common_forms(text: str) -> str:
    """Map every special character to its common form; one character for one, so offsets hold.

    A regex substitution touches only the characters that need it: `str.translate` with a
    mapping table costs about 50 ns for every character of a document, special or not.
    """
    # The common ones by plain replacement (C speed); the rare ones by one regex pass.
    text = text.replace("\n", " ").replace("\r", " ").replace("\t", " ")
    return _FOLD_RE.sub(lambda m: _FOLD_MAP[m.group()], text)


# The ASCII characters _FOLD_MAP folds (the others are beyond ASCII).
_ASCII_FOLDS = tuple((c, f) for c, f in _FOLD_MAP.items() if c.isascii())
# Beyond this many non-ASCII characters in a text, one regex pass beats looking at each.
_FEW_NON_ASCII = 256


def fold_lower(text: str) -> str:
    """`common_forms(text).lower()`: the folded, lower-cased text, offsets kept.

    Lower-casing and the regex pass cost per character of a text with any non-ASCII character
    in it (about 0.7 ms for an article with five curly quotes); here the ASCII stretches are
    folded and lower-cased at C speed as ASCII and the few other characters one by one."""
    for c, f in _ASCII_FOLDS:
        if c in text:
            text = text.replace(c, f)
    if text.isascii():
        return text.lower()
    stand_in = text.encode("ascii", "replace")  # one byte a character, `?` for non-ASCII
    marks = stand_in.count(b"?")
    if marks > _FEW_NON_ASCII or "\u03a3" in text:
        # Many to look at; or a capital sigma, whose lower case depends on the letters around
        # it (str.lower writes a final sigma at a word's end).
        return common_forms(text).lower()
    pieces = []
    last = 0
    find = stand_in.find
    i = find(b"?")
    while i != -1:
        c = text[i]
        if c != "?":
            pieces.append(text[last:i].lower())
            pieces.append(_FOLD_MAP.get(c, c).lower())
            last = i + 1
        i = find(b"?", i + 1)
    pieces.append(text[last:].lower())
    return "".join(pieces)


# Placed where a hole (a URL, inline code, a tag) was cut out, and between blocks: it is not a
# word character and no glossary key contains it, so no match can run across it.
HOLE = "\x00"
# Placed between blocks (paragraphs), so context windows can stop at a paragraph's edge.
BLOCK_BREAK = "\x01"

_SPACE_RUN = re.compile(r" {2,}")


def fold_typography(text: str) -> str:
    """Like `fold` but keeping case: for comparing how a correct form was capitalised."""
    return _SPACE_RUN.sub(" ", common_forms(text))


def fold(text: str) -> str:
    """The folded form of a glossary key or any short string (same rules as the prose)."""
    return _SPACE_RUN.sub(" ", fold_lower(text)).strip()


def fold_all(texts: list[str]) -> list[str]:
    """`fold` of each text, in a few passes over all of them joined (a glossary's 300,000
    forms fold in a tenth of the time of one call each). Folding maps character to character
    and HOLE is neither folded, nor a space, nor cased, so it keeps the texts apart."""
    if not texts:
        return []
    joined = HOLE.join(texts)
    if joined.count(HOLE) != max(0, len(texts) - 1):
        return [fold(t) for t in texts]  # a text with a NUL of its own
    folded = fold_lower(joined)
    # The regex pass only where it changes something: looking for a double space takes a
    # tenth of the time of the pass (a glossary's forms seldom have one).
    if "  " in folded:
        folded = _SPACE_RUN.sub(" ", folded)
    return [t.strip() for t in folded.split(HOLE)]


class FoldedText:
    """A folded copy of several spans of an original text, with a map back to it.

    `text` is the folded string; `to_original(i)` gives the original offset of folded index i.
    """

    __slots__ = ("_entity_ends", "_folded_starts", "_original_starts", "text")

    def __init__(
        self,
        original: str,
        spans: Iterable[tuple[int, int]],
        block_breaks: Collection[int] = (),
        entities: bool = False,
    ):
        """`entities`: the spans are XML text, whose character references (`&apos;`, `&#8217;`)
        stand for one character each and are matched as that character."""
        parts: list[str] = []
        folded_starts: list[int] = []
        original_starts: list[int] = []
        pos = 0
        # Folded positions just after a decoded reference: a match ending there ends after the
        # whole reference in the original.
        entity_ends: set[int] = set()
        # Fold the whole text once (the fold keeps length), then cut the spans out of it.
        folded_all = fold_lower(original)
        for i, (start, end) in enumerate(spans):
            if parts:
                # A hole between spans: maps to the end of the previous span.
                parts.append(BLOCK_BREAK if i in block_breaks else HOLE)
                folded_starts.append(pos)
                original_starts.append(original_starts[-1] + (pos - folded_starts[-1]))
                pos += 1
            piece = folded_all[start:end]
            last = 0
            folded_starts.append(pos)
            original_starts.append(start)
            if entities and "&" in piece:
                pos = _fold_references(
                    piece, start, pos, parts, folded_starts, original_starts, entity_ends
                )
                continue
            for m in _SPACE_RUN.finditer(piece) if "  " in piece else ():
                # Keep the first space of a run; skip the rest.
                keep_to = m.start() + 1
                parts.append(piece[last:keep_to])
                pos += keep_to - last
                last = m.end()
                folded_starts.append(pos)
                original_starts.append(start + last)
            parts.append(piece[last:])
            pos += len(piece) - last
        self.text = "".join(parts)
        self._folded_starts = folded_starts
        self._original_starts = original_starts
        self._entity_ends = entity_ends

    def to_original(self, index: int) -> int:
        i = bisect_right(self._folded_starts, index) - 1
        if i < 0:
            return index
        return self._original_starts[i] + (index - self._folded_starts[i])

    def span_to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the folded span [start, end); end is exclusive."""
        if end in self._entity_ends:
            return self.to_original(start), self.to_original(end)
        return self.to_original(start), self.to_original(end - 1) + 1


# A character reference, or a run of spaces, in folded (lower-cased) XML text.
_REFERENCE_OR_SPACES = re.compile(r"&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);| {2,}")
_PREDEFINED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}


def _decoded_reference(name: str) -> str:
    if name[0] != "#":
        return _PREDEFINED[name]
    try:
        char = chr(int(name[2:], 16) if name[1] == "x" else int(name[1:]))
    except (ValueError, OverflowError):
        return "\ufffd"
    folded = common_forms(char).lower()
    return folded if len(folded) == 1 else char


def _fold_references(
    piece: str,
    start: int,
    pos: int,
    parts: list[str],
    folded_starts: list[int],
    original_starts: list[int],
    entity_ends: set[int],
) -> int:
    """Append the folded `piece` with references decoded and space runs collapsed; new `pos`."""
    last = 0
    for m in _REFERENCE_OR_SPACES.finditer(piece):
        if m.group(1) is None:  # a run of spaces: keep the first
            keep_to = m.start() + 1
            parts.append(piece[last:keep_to])
            pos += keep_to - last
        else:
            parts.append(piece[last : m.start()])
            pos += m.start() - last
            parts.append(_decoded_reference(m.group(1)))
            pos += 1
            entity_ends.add(pos)
        last = m.end()
        folded_starts.append(pos)
        original_starts.append(start + last)
    parts.append(piece[last:])
    return pos + len(piece) - last
