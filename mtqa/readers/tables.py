"""Bilingual tables: TSV and CSV files with a source column and a target column.

A header row naming the columns (`source`/`target`, or language codes such as `ar`/`en`) picks
them; without one, the first column is the source and the second the target. Each row is a
segment named by its line number; only the target cell is prose. CSV cells may be quoted
(RFC 4180: `""` inside quotes is one quote), so the scanner keeps offsets cell by cell instead of
using `csv`, which gives values but not where they are.
"""

from __future__ import annotations

import re

from ..documents.model import PROSE, Block, Segment
from ..errors import InputError
from . import register
from .base import Parsed, Reader

_SOURCE_NAMES = ("source", "src", "ar", "arabic", "original")
_TARGET_NAMES = ("target", "tgt", "en", "english", "translation")
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r|$)")


def _cells(line: str, offset: int, sep: str) -> list[tuple[int, int, str]]:
    """(start, end, value) of each cell; for a quoted cell, the span inside the quotes."""
    out: list[tuple[int, int, str]] = []
    i, n = 0, len(line)
    while True:
        if sep == "," and i < n and line[i] == '"':
            j = i + 1
            while True:
                j = line.find('"', j)
                if j == -1:
                    raise ValueError("unclosed quote")
                if j + 1 < n and line[j + 1] == '"':
                    j += 2
                    continue
                break
            out.append((offset + i + 1, offset + j, line[i + 1 : j].replace('""', '"')))
            i = j + 1
            if i < n and line[i] != sep:
                raise ValueError("text after a closing quote")
        else:
            j = line.find(sep, i)
            j = n if j == -1 else j
            out.append((offset + i, offset + j, line[i:j]))
            i = j
        if i >= n:
            return out
        i += 1  # the separator


class TableReader(Reader):
    bilingual = True
    separator = "\t"

    def parse(self, text: str, path: str) -> Parsed:
        blocks: list[Block] = []
        segments: list[Segment] = []
        src_col, tgt_col = 0, 1
        first = True
        for lineno, m in enumerate(_LINE.finditer(text), 1):
            raw = m.group().rstrip("\r\n")
            if not raw.strip():
                if m.end() >= len(text):
                    break
                continue
            try:
                cells = _cells(raw, m.start(), self.separator)
            except ValueError as exc:
                raise InputError(path, f"line {lineno}: {exc}") from None
            if first:
                first = False
                names = [c[2].strip().lower() for c in cells]
                if any(n in _SOURCE_NAMES for n in names) and any(
                    n in _TARGET_NAMES for n in names
                ):
                    src_col = next(i for i, n in enumerate(names) if n in _SOURCE_NAMES)
                    tgt_col = next(i for i, n in enumerate(names) if n in _TARGET_NAMES)
                    continue
            if len(cells) <= max(src_col, tgt_col):
                raise InputError(
                    path, f"line {lineno}: {len(cells)} column(s); a source and a target are needed"
                )
            s, e, value = cells[tgt_col]
            seg_id = str(lineno)
            if e > s:
                blocks.append(Block(s, e, ((s, e),), kind=PROSE, segment=seg_id))
            segments.append(
                Segment(seg_id, cells[src_col][2], s, e, target=value, line=lineno, unit=seg_id)
            )
        return Parsed(tuple(blocks), tuple(segments))

    def escape(self, replacement: str) -> str:
        # A tab or newline would cut the row; CSV doubles its quotes inside a quoted cell.
        cleaned = replacement.replace("\t", " ").replace("\r", " ").replace("\n", " ")
        return cleaned.replace('"', '""') if self.separator == "," else cleaned


class TsvReader(TableReader):
    name = "tsv"
    separator = "\t"


class CsvReader(TableReader):
    name = "csv"
    separator = ","


TSV = register(TsvReader())
CSV = register(CsvReader())
