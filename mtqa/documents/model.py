"""The document model every reader produces and every check consumes.

A Document is the decoded text of a file plus the blocks of it that are prose. A block is a
paragraph-like unit (a paragraph, heading, list item, table row, front-matter value) with the
spans inside it that are prose; the holes between spans (a URL, inline code, a tag) are never
linted. Offsets are character offsets into `text`, so findings and edits map straight back onto
the file. Bilingual readers (XLIFF, TMX) fill `segments`, and their target blocks name the segment
they belong to; checks and the fixer do not need to know the difference.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

# Block kinds. Findings in CITATION blocks are at most info-level and never fixed: titles of
# record are cited as published.
PROSE = "prose"
CITATION = "citation"
FRONT_MATTER = "front-matter"
# Target text of a bilingual segment that is locked or not to be translated: its findings are
# reported, never fixed.
LOCKED = "locked"


# A named tuple: an article has a block per paragraph, and a named tuple is built in one C
# call where a frozen dataclass sets each field through object.__setattr__.
class Block(NamedTuple):
    start: int
    end: int
    spans: tuple[tuple[int, int], ...]
    kind: str = PROSE
    heading: bool = False
    segment: str | None = None


# Coded text (as in Okapi): a source or target with each inline code replaced by one character
# of Unicode's private use area, CODE_BASE + the code's index in the segment's list of codes.
# A model or a fixer works on the text and moves the characters; writing puts each code's
# original markup back (`mtqa.documents.coded`).
CODE_BASE = 0xE000
CODE_LIMIT = 0xF8FF - CODE_BASE  # the most codes one coded text can hold


@dataclass(frozen=True, slots=True)
class Code:
    """One inline code of a segment, with the exact markup it had in the file."""

    kind: str  # "open" (`<g id="1">`), "close" (`</g>`) or "standalone" (`<x/>`, `<ph>..</ph>`)
    element: str  # local name: g, x, bpt, ph, pc, hi, mrk, ...; "#comment" for comments
    id: str
    markup: str


@dataclass(frozen=True, slots=True)
class Segment:
    """A translation unit of a bilingual file: source text, and the target's place in `text`."""

    id: str
    source: str
    target_start: int
    target_end: int
    # The target as a reader of the file sees it (entities decoded, inline codes left out);
    # None when the unit has no target element at all.
    target: str | None = None
    # Inline codes as (element, id) pairs in document order, e.g. ("g", "1"), ("x", "2").
    source_codes: tuple[tuple[str, str], ...] = ()
    target_codes: tuple[tuple[str, str], ...] = ()
    # The codes whose order the format says must not change (XLIFF 2 canReorder="no" and
    # "firstNo"); every other code may move.
    fixed_codes: frozenset[tuple[str, str]] = frozenset()
    notes: tuple[str, ...] = ()
    state: str = ""
    locked: bool = False
    line: int = 0
    unit: str = ""  # the translation unit's id (a unit may hold several segments)
    # What a reader calls it: a bilingual file's segment, or a draft's paragraph aligned with
    # its source (--source).
    kind: str = "segment"
    # Coded source and target (see CODE_BASE) and their codes; "" / None and () when the reader
    # gives none (a format without inline codes, or more codes than CODE_LIMIT).
    source_coded: str = ""
    source_inline: tuple[Code, ...] = ()
    target_coded: str | None = None
    target_inline: tuple[Code, ...] = ()
    # Language tags the file declares for this segment's source and target (lower case, as
    # written: "en-us", "ar"); "" where the format or the file says nothing.
    source_lang: str = ""
    target_lang: str = ""


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """Site settings that change what a reader takes as prose, passed with every read (they
    come from a file's settings: `code-shortcodes`). A document keeps the options it was read
    with, so that reading it again after a fix sees the same prose."""

    # Hugo shortcodes whose body is code, besides the ones every site has.
    code_shortcodes: tuple[str, ...] = ()


DEFAULT_OPTIONS = ReadOptions()


@dataclass(frozen=True)
class Document:
    path: str
    text: str
    blocks: tuple[Block, ...]
    encoding: str = "utf-8"
    bom: bytes = b""
    # Fingerprint of the bytes read, so a write can refuse when the file changed meanwhile.
    digest: str = ""
    segments: tuple[Segment, ...] = field(default=())
    format: str = "markdown"
    read_options: ReadOptions = DEFAULT_OPTIONS  # how it was read (its re-reads see the same)

    @cached_property
    def _line_starts(self) -> list[int]:
        starts = [0]
        find = self.text.find
        i = find("\n")
        while i != -1:
            starts.append(i + 1)
            i = find("\n", i + 1)
        return starts

    @cached_property
    def _segment_starts(self) -> list[int]:
        return [seg.target_start for seg in self.segments]

    def segment_at(self, offset: int) -> Segment | None:
        """The segment whose target holds `offset` (bilingual documents), or None."""
        if not self.segments:
            return None
        i = bisect_right(self._segment_starts, offset) - 1
        if i < 0:
            return None
        seg = self.segments[i]
        return seg if seg.target_start <= offset <= seg.target_end else None

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset."""
        starts = self._line_starts
        i = bisect_right(starts, offset) - 1
        return i + 1, offset - starts[i] + 1

    def line_text(self, line: int) -> str:
        starts = self._line_starts
        start = starts[line - 1]
        end = starts[line] - 1 if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r")

    def where(self, offset: int) -> dict | None:
        """The place of `offset` in the format's own terms, where it has them (a Word
        document's story and paragraph); None where line and column say it all."""
        return None

    def numbered_parts(self) -> tuple[tuple[str, tuple[int, ...]], ...]:
        """The parts of the document whose lines are counted on their own (a Word document's
        stories: "body", "footnote 3"), each with the 0-based numbers of its lines in `text`,
        in order; () where the lines are counted as the file's own (a diff then numbers them
        so)."""
        return ()

    @property
    def word_count(self) -> int:
        """The words of the prose spans, as `str.split()` counts them."""
        from .word_count import count_words

        return count_words(self.text, (span for b in self.blocks for span in b.spans))
