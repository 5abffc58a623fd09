"""Plain text (and PDF conversions): paragraphs between blank lines, with URLs and code as holes.

Converted PDFs are not CommonMark (stray indentation, numbered lines, hyphenation), and a `.txt`
file is no Markdown, so plain text goes through a forgiving line scanner here rather than the
Markdown parser. It yields paragraph-like blocks and, inside each, the prose spans between
holes. Never prose, besides the inline holes of `prose.prose_spans`: fenced and indented code,
`<style>`/`<script>`/`<pre>` blocks, HTML comments and Liquid block tags.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..documents.model import CITATION, PROSE, Block
from . import register
from .base import Parsed, Reader
from .prose import (
    CITATION_HEADING,
    CITATION_PARAGRAPH,
    front_matter_blocks,
    heading_text,
    lines_of,
    prose_spans,
)


class TextReader(Reader):
    name = "text"

    def parse(self, text: str, path: str) -> Parsed:
        return Parsed(scan_lines(text))


register(TextReader())


_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_RAW_HTML_OPEN = re.compile(r"^\s*<(style|script|pre|textarea|svg|math)\b", re.I)
_HTML_COMMENT_OPEN = re.compile(r"^\s*<!--")
_LIQUID_RAW_OPEN = re.compile(r"\{%-?\s*(raw|highlight|comment|capture)\b[^%]*%\}")
_REFERENCE_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")


def scan_lines(text: str) -> tuple[Block, ...]:
    fm_end, blocks = front_matter_blocks(text)
    body = _LineScanner(text, fm_end)
    return tuple(blocks) + tuple(body.blocks())


class _LineScanner:
    def __init__(self, text: str, start: int):
        self.text = text
        self.start = start

    def blocks(self) -> Iterator[Block]:
        text = self.text
        para: list[tuple[int, int]] = []  # lines of the current paragraph
        para_kind = PROSE
        citation_level: int | None = None
        skip_until: re.Pattern | None = None
        fence: str | None = None
        prev_blank = True
        in_list = False

        def flush() -> Iterator[Block]:
            nonlocal para, para_kind
            if para:
                s, e = para[0][0], para[-1][1]
                spans = prose_spans(text, s, e)
                kind = para_kind
                if kind == PROSE and CITATION_PARAGRAPH.match(text, s, e):
                    kind = CITATION
                if spans:
                    # Spans of one paragraph are joined across line breaks by the matcher:
                    # merge consecutive line spans so a term broken across lines is one span.
                    yield Block(s, e, _merge_line_spans(text, spans), kind)
            para = []
            para_kind = PROSE if citation_level is None else CITATION

        for ls, le, line in lines_of(text, self.start):
            if fence is not None:
                if re.match(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$", line):
                    fence = None
                continue
            if skip_until is not None:
                if skip_until.search(line):
                    skip_until = None
                continue
            stripped = line.strip()
            if not stripped:
                if para:
                    yield from flush()
                prev_blank = True
                continue
            if line[0].isalpha():
                # Fast path: a line that starts with a letter is running prose (no fence, tag,
                # heading, list item or table can start so); only a bare "References" line
                # needs a look.
                if prev_blank and len(stripped) < 40 and CITATION_HEADING.match(heading_text(line)):
                    citation_level = 7
                    para_kind = CITATION
                para.append((ls, le))
                prev_blank = False
                continue
            m = _FENCE.match(line)
            if m:
                yield from flush()
                fence = m.group(1)
                continue
            m = _RAW_HTML_OPEN.match(line)
            if m:
                yield from flush()
                close = re.compile(rf"</{m.group(1)}\s*>", re.I)
                if not close.search(line, m.end()):
                    skip_until = close
                continue
            if _HTML_COMMENT_OPEN.match(line):
                yield from flush()
                if "-->" not in line:
                    skip_until = re.compile("-->")
                continue
            m = _LIQUID_RAW_OPEN.search(line)
            if m and stripped.startswith("{%"):
                yield from flush()
                close = re.compile(r"\{%-?\s*end" + m.group(1) + r"\b")
                if not close.search(line, m.end()):
                    skip_until = close
                continue
            if prev_blank and not in_list and (line.startswith("    ") or line.startswith("\t")):
                continue  # indented code block
            if _REFERENCE_DEF.match(line) or _TABLE_RULE.match(line):
                yield from flush()
                prev_blank = False
                continue
            m = _ATX.match(line)
            if m:
                yield from flush()
                level = len(m.group(1))
                heading = heading_text(line[m.end() :])
                if CITATION_HEADING.match(heading):
                    citation_level = level
                elif citation_level is not None and level <= citation_level:
                    citation_level = None
                kind = CITATION if citation_level is not None else PROSE
                spans = prose_spans(text, ls + m.end(), le)
                if spans:
                    yield Block(ls, le, spans, kind, heading=True)
                para_kind = kind
                prev_blank = False
                in_list = False
                continue
            # A bold-only line that names a citation section in converted PDFs ("**REFERENCES:**").
            if prev_blank and len(stripped) < 40 and CITATION_HEADING.match(heading_text(line)):
                citation_level = 7
                para_kind = CITATION
            if _LIST_ITEM.match(line):
                yield from flush()
                in_list = True
            elif stripped.startswith("|"):
                yield from flush()
            para.append((ls, le))
            prev_blank = False
        yield from flush()


def _merge_line_spans(text: str, spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """Join spans separated only by a line break, so the matcher sees one run of prose."""
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and not text[merged[-1][1] : s].strip():
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return tuple(merged)
