"""Offsets in a text (code points, as findings count them) to and from LSP positions.

LSP counts a position as (line, character) where lines end at "\\n", "\\r\\n" or "\\r" and
`character` counts code units of the encoding agreed at start: UTF-16 unless the client offers
another. A character outside the Basic Multilingual Plane (an emoji, U+1F600) is two UTF-16
units and four UTF-8 units; Arabic letters and combining marks are one UTF-16 unit each, and a
base letter with its combining marks is as many positions as it has code points.
"""

from __future__ import annotations

import re
from bisect import bisect_right

_LINE_END = re.compile(r"\r\n|\n|\r")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def _units(text: str, encoding: str) -> int:
    """Code units `text` takes in the encoding."""
    if encoding == UTF32:
        return len(text)
    if encoding == UTF16:
        return len(text) + len(_ASTRAL.findall(text))
    return len(text.encode("utf-8", "surrogatepass"))


class LineIndex:
    """The line starts of one text, for conversions both ways in O(log lines + line length)."""

    def __init__(self, text: str, encoding: str = UTF16) -> None:
        self.text = text
        self.encoding = encoding
        self.starts = [0, *(m.end() for m in _LINE_END.finditer(text))]
        # Where every character is one unit, a column is an offset difference.
        self._simple = encoding == UTF32 or (
            encoding == UTF16 and _ASTRAL.search(text) is None
        ) or text.isascii()

    def position(self, offset: int) -> tuple[int, int]:
        """(line, character) of a code-point offset."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        if self._simple:
            return line, offset - start
        return line, _units(self.text[start:offset], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The code-point offset of (line, character); past a line's end is its end."""
        if line < 0:
            return 0
        if line >= len(self.starts):
            return len(self.text)
        start = self.starts[line]
        end = self.starts[line + 1] if line + 1 < len(self.starts) else len(self.text)
        content = _LINE_END.sub("", self.text[start:end], count=1) if end > start else ""
        if self._simple:
            return start + min(max(character, 0), len(content))
        units = 0
        for i, ch in enumerate(content):
            if units >= character:
                return start + i
            units += _units(ch, self.encoding)
        return start + len(content)
