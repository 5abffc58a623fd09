"""Markdown (CommonMark + GFM + the syntax of static-site generators)."""

from __future__ import annotations

from . import register
from .base import Parsed, Reader
from .text_scanner import scan_markdown


class MarkdownReader(Reader):
    name = "markdown"
    extensions = (".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".mdx")

    def parse(self, text: str, path: str) -> Parsed:
        return Parsed(scan_markdown(text))


register(MarkdownReader())
