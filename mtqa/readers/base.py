"""What a reader is: one file format turned into a Document, and the checks a fixed file passes.

Every format mtqa knows is a `Reader` in the registry (`mtqa.readers`). A reader decodes bytes,
finds the prose (blocks with spans, holes for everything else) and, for bilingual formats, the
segments; it escapes replacement text for its syntax, encodes the text back, and judges whether
an edited text still has the original's structure. No module outside `mtqa.readers` knows a
format: the linter, the fixer, the corpus and the reports go through the registry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from ..documents.io import decode, digest, encode
from ..documents.model import Block, Document, ReadOptions, Segment


@dataclass(frozen=True)
class WriteOptions:
    """How fixes are written, for formats that have a choice (Word): as tracked changes by
    `author` or as plain edits, and with the findings left as comments (a review copy)."""

    tracked: bool = True
    author: str = "mtqa"
    comments: bool = False
    # The glossary whose notes the comments quote; not compared, not sent to workers.
    glossary: object = field(default=None, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Parsed:
    """What `Reader.parse` finds in a text: its prose blocks and, for bilingual files, segments."""

    blocks: tuple[Block, ...]
    segments: tuple[Segment, ...] = ()


class Reader:
    """Base class of every format reader. Subclasses set `name` and implement `parse`.

    A built-in reader's extensions and folder discovery are declared in `meta.py`, beside its
    module's name, so the registry knows them without importing the reader. A reader added at
    run time (`mtqa.readers.register`) states them here instead.
    """

    name: ClassVar[str] = ""
    extensions: ClassVar[tuple[str, ...]] = ()
    # Bilingual formats carry source and target; the CLI and the reports use this to offer the
    # source-aware checks and side-by-side views.
    bilingual: ClassVar[bool] = False
    # Whether `mtqa lint FOLDER` picks the format's files up; a format whose extension is shared
    # with data files (.csv) is read only when a file is named.
    discovered: ClassVar[bool] = True
    # Whether fixes can be written as revisions the user accepts or rejects, with comments
    # beside them (Word's tracked changes): a review copy can be made of the format's files.
    revisions: ClassVar[bool] = False

    # ---- reading
    def for_options(self, options: ReadOptions) -> Reader:
        """This reader as `options` configure it (a reader that no option concerns: itself)."""
        return self

    def decode(self, data: bytes, path: str) -> tuple[str, str, bytes]:
        """(text, encoding, bom) of the file's bytes; InputError with a one-line reason."""
        return decode(data, path)

    def parse(self, text: str, path: str) -> Parsed:
        raise NotImplementedError

    def read(self, data: bytes, path: str) -> Document:
        text, encoding, bom = self.decode(data, path)
        parsed = self.parse(text, path)
        return Document(
            path=path,
            text=text,
            blocks=parsed.blocks,
            encoding=encoding,
            bom=bom,
            digest=digest(data),
            segments=parsed.segments,
            format=self.name,
        )

    def from_text(self, text: str, path: str = "<text>") -> Document:
        parsed = self.parse(text, path)
        return Document(
            path=path, text=text, blocks=parsed.blocks, segments=parsed.segments, format=self.name
        )

    # ---- writing
    def escape(self, replacement: str) -> str:
        """Replacement prose as it must be written in this format (XML escapes `<` and `&`)."""
        return replacement

    def encode(self, doc: Document, text: str) -> bytes:
        return encode(text, doc.encoding, doc.bom)

    def fixed_bytes(self, doc: Document, result) -> bytes | None:
        """The bytes to write for a fix result (`FixResult`), None when nothing changed."""
        return self.encode(doc, result.fixed) if result.changed else None

    def with_options(self, doc: Document, options: WriteOptions) -> Document:
        """`doc` set to be written as `options` say (formats without choices ignore them)."""
        return doc

    def reread(self, doc: Document, text: str) -> Document:
        """`doc` with new text (after fixes): parsed again, file facts kept."""
        fresh = self.from_text(text, doc.path)
        return Document(
            path=doc.path,
            text=text,
            blocks=fresh.blocks,
            encoding=doc.encoding,
            bom=doc.bom,
            digest=doc.digest,
            segments=fresh.segments,
            format=doc.format,
            read_options=doc.read_options,
        )

    # ---- verification
    def skeleton(self, doc: Document) -> tuple:
        """Everything in a document that a prose fix must not change.

        The default is generic: the text outside the prose spans (every hole, in order, with
        the block it belongs to), the kind of each block, and the number of lines. A format can
        add what its parser sees beyond that.
        """
        return generic_skeleton(doc)

    def structure_change(self, before: Document, after: Document) -> str | None:
        """Why `after` no longer has `before`'s structure, or None when it has."""
        a, b = self.skeleton(before), self.skeleton(after)
        if a == b:
            return None
        return describe_difference(a, b)


def generic_skeleton(doc: Document) -> tuple:
    text = doc.text
    parts: list[tuple] = [("lines", text.count("\n"))]
    pos = 0
    for block in doc.blocks:
        holes = []
        cursor = block.start
        for s, e in block.spans:
            holes.append(text[cursor:s])
            cursor = e
        holes.append(text[cursor : block.end])
        parts.append(("between", text[pos : block.start]))
        parts.append(("block", block.kind, block.heading, block.segment, tuple(holes)))
        pos = max(pos, block.end)
    parts.append(("between", text[pos:]))
    return tuple(parts)


def describe_difference(a: tuple, b: tuple) -> str:
    """A short human reason for two skeletons that differ (the first difference)."""
    if len(a) != len(b):
        return f"the number of blocks changed ({len(a) - 2} -> {len(b) - 2})"
    for x, y in zip(a, b, strict=True):
        if x != y:
            kind = x[0]
            if kind == "lines":
                return f"the number of lines changed ({x[1]} -> {y[1]})"
            if kind == "block" and x[1:4] != y[1:4]:
                return f"a {x[1]} block became {y[1]}"
            shown_x = _first_diff(x, y)
            return f"markup outside prose changed ({shown_x})"
    return "the structure changed"


def _first_diff(x: tuple, y: tuple) -> str:
    """The first piece of markup that differs, as `old -> new` (a block's holes or the text
    between blocks)."""
    hx, hy = x[-1], y[-1]
    if isinstance(hx, tuple) and isinstance(hy, tuple):
        for a, b in zip(hx, hy, strict=False):
            if a != b:
                return f"{a[:40]!r} -> {b[:40]!r}"
        if len(hx) != len(hy):
            extra = (hy if len(hy) > len(hx) else hx)[min(len(hx), len(hy)) :]
            verb = "new" if len(hy) > len(hx) else "lost"
            return f"{verb} markup {' '.join(repr(e[:20]) for e in extra if e)}".rstrip()
    return f"{str(hx)[:40]!r} -> {str(hy)[:40]!r}"
