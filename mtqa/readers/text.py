"""Plain text (and PDF conversions): paragraphs between blank lines, with URLs and code as holes.

Converted PDFs are not CommonMark (stray indentation, numbered lines, hyphenation), so plain
text goes through the forgiving line scanner rather than the Markdown parser.
"""

from __future__ import annotations

from . import register
from .base import Parsed, Reader
from .text_scanner import scan_markdown


class TextReader(Reader):
    name = "text"

    def parse(self, text: str, path: str) -> Parsed:
        return Parsed(scan_markdown(text))


register(TextReader())
