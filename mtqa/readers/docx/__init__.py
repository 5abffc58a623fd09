"""Word documents (.docx, .docm, .dotx): read as prose, fixed as tracked changes.

The rest of mtqa sees a Document whose text is the document's paragraphs, one per line, in the
order body (with tables and text boxes), footnotes, endnotes, headers, footers; holes stand for
what is not prose (`stories`). Fixes come back as text and are written as Word's own tracked
changes, or plain edits (`changes`, `writer`), and the written package is checked before it
replaces the file (`verify`). Findings name their place as Word does: the story ("body",
"footnote 3", "header 1", "text box 2"), the paragraph in it, and the character in the paragraph.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ...documents.io import digest
from ...documents.model import Block, Document
from ...errors import InputError
from .. import register
from ..base import Parsed, Reader, WriteOptions
from .stories import HOLE_CHARS, Layout


@dataclass(frozen=True)
class WordDocument(Document):
    """A Document read from a Word package, with what writing fixes back needs."""

    layout: Layout | None = field(default=None, compare=False, repr=False)
    # (story, paragraph number in it) of each line of `text`, and whether it is a heading.
    places: tuple[tuple[str, int], ...] = ()
    headings: frozenset[int] = frozenset()
    options: WriteOptions = field(default_factory=WriteOptions)

    def where(self, offset: int) -> dict | None:
        line, column = self.position(offset)
        if line > len(self.places):
            return None
        story, number = self.places[line - 1]
        return {"story": story, "paragraph": number, "char": column - 1}

    def __getstate__(self):
        # Worker processes send documents back pickled; parsed XML does not pickle, and the
        # parent has no use for it (it writes nothing a worker read).
        state = dict(self.__dict__)
        state["layout"] = None
        state["options"] = replace(self.options, glossary=None)
        for cached in ("_line_starts", "_segment_starts"):
            state.pop(cached, None)
        return state


def blocks_of(text: str, headings: frozenset[int] = frozenset()) -> tuple[Block, ...]:
    """One block per paragraph with text; its spans are the prose between holes."""
    out = []
    start = 0
    for index, line in enumerate(text.split("\n")):
        end = start + len(line)
        spans = []
        span_start = start
        for i, ch in enumerate(line):
            if ch in HOLE_CHARS:
                if start + i > span_start:
                    spans.append((span_start, start + i))
                span_start = start + i + 1
        if end > span_start:
            spans.append((span_start, end))
        if spans:
            out.append(Block(start, end, tuple(spans), heading=index in headings))
        start = end + 1
    return tuple(out)


class WordReader(Reader):
    name = "docx"
    extensions = (".docx", ".docm", ".dotx")
    revisions = True

    def read(self, data: bytes, path: str) -> Document:
        from .package import open_package
        from .stories import read_layout

        layout = read_layout(open_package(data, path), path)
        headings = frozenset(i for i, p in enumerate(layout.paragraphs) if p.heading)
        return WordDocument(
            path=path,
            text=layout.text,
            blocks=blocks_of(layout.text, headings),
            digest=digest(data),
            format=self.name,
            layout=layout,
            places=tuple((p.story, p.number) for p in layout.paragraphs),
            headings=headings,
        )

    def parse(self, text: str, path: str) -> Parsed:
        return Parsed(blocks_of(text))

    def reread(self, doc: Document, text: str) -> Document:
        headings = doc.headings if isinstance(doc, WordDocument) else frozenset()
        return replace(doc, text=text, blocks=blocks_of(text, headings))

    def with_options(self, doc: Document, options: WriteOptions) -> Document:
        return replace(doc, options=options) if isinstance(doc, WordDocument) else doc

    # ---- verification: the generic structure, then whether Word can take each change
    def structure_change(self, before: Document, after: Document) -> str | None:
        reason = super().structure_change(before, after)
        if reason is not None or not isinstance(after, WordDocument) or after.layout is None:
            return reason
        from .changes import first_problem

        return first_problem(after.layout, after.text, after.options.tracked)

    # ---- writing
    def encode(self, doc: Document, text: str) -> bytes:
        return self._package(doc, text, [], {})

    def fixed_bytes(self, doc: Document, result) -> bytes | None:
        comments = []
        if isinstance(doc, WordDocument) and doc.options.comments:
            comments = result.remaining
        if not result.changed and not comments:
            return None
        reasons = {(f.code, f.text): reason for f, reason in result.withheld}
        return self._package(doc, result.fixed, comments, reasons)

    def _package(self, doc: Document, text: str, findings, reasons) -> bytes:
        if not isinstance(doc, WordDocument) or doc.layout is None:
            raise InputError(doc.path, "a Word document is written only from its own file")
        from .changes import Unwritable, changes
        from .comments import comments_for
        from .stories import read_layout
        from .verify import written_problem
        from .writer import Revisions, write

        layout = doc.layout
        options = doc.options
        try:
            found = changes(layout, text)
            notes = comments_for(doc, layout, found, text, findings, reasons)
            fresh = read_layout(layout.package, doc.path)  # the writer edits its own copy
            revisions = Revisions(tracked=options.tracked, author=options.author)
            data, parts = write(fresh, found, notes, revisions, doc.path)
        except Unwritable as exc:
            raise InputError(doc.path, f"{exc}; not written") from None
        problem = written_problem(layout.package, data, text, parts, doc.path, options.tracked)
        if problem is not None:
            raise InputError(doc.path, f"{problem}; not written")
        return data


WORD = register(WordReader())
