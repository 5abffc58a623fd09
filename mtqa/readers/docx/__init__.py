"""Word documents (.docx, .docm, .dotx): read as prose, fixed as tracked changes.

The rest of mtqa sees a Document whose text is the document's paragraphs, one per line, in the
order body (with tables and text boxes), footnotes, endnotes, headers, footers; holes stand for
what is not prose (`stories`). Fixes come back as text and are written as Word's own tracked
changes, or plain edits (`changes`, `writer`), and the written package is checked before it
replaces the file (`verify`). Findings name their place as Word does: the story ("body",
"footnote 3", "header 1", "text box 2"), the paragraph in it, and the character in the paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ...documents.io import digest
from ...documents.model import CITATION, PROSE, Block, Document
from ...errors import InputError
from .. import register
from ..base import Parsed, Reader, WriteOptions
from .stories import HOLE_CHARS, Layout


@dataclass(frozen=True)
class WordDocument(Document):
    """A Document read from a Word package, with what writing fixes back needs."""

    layout: Layout | None = field(default=None, compare=False, repr=False)
    # (story, paragraph number in it) of each line of `text`, and each line's (kind, heading).
    places: tuple[tuple[str, int], ...] = ()
    kinds: tuple[tuple[str, bool], ...] = ()
    options: WriteOptions = field(default_factory=WriteOptions)

    def where(self, offset: int) -> dict | None:
        line, column = self.position(offset)
        if line > len(self.places):
            return None
        story, number = self.places[line - 1]
        return {"story": story, "paragraph": number, "char": column - 1}

    def numbered_parts(self) -> tuple[tuple[str, tuple[int, ...]], ...]:
        """Each story and its lines, in the order of their first paragraphs (a text box's
        paragraphs lie between the body's; its story numbers them from 1)."""
        stories: dict[str, list[int]] = {}
        for line, (story, _number) in enumerate(self.places):
            stories.setdefault(story, []).append(line)
        return tuple((story, tuple(lines)) for story, lines in stories.items())

    def __getstate__(self):
        # Worker processes send documents back pickled; parsed XML does not pickle, and the
        # parent has no use for it (it writes nothing a worker read).
        state = dict(self.__dict__)
        state["layout"] = None
        state["options"] = replace(self.options, glossary=None)
        for cached in ("_line_starts", "_segment_starts"):
            state.pop(cached, None)
        return state


def blocks_of(text: str, kinds: tuple[tuple[str, bool], ...] = ()) -> tuple[Block, ...]:
    """One block per paragraph with text; its spans are the prose between holes. `kinds`:
    each paragraph's block kind and whether it is a heading (prose, not one, by default)."""
    out = []
    start = 0
    cut = _SPLIT.finditer
    hole = _HOLE.search
    for index, line in enumerate(text.split("\n")):
        end = start + len(line)
        if not line:
            spans = ()
        elif hole(line) is None:  # most paragraphs: one span, found without cutting
            spans = ((start, end),)
        else:
            spans = tuple((start + m.start(), start + m.end()) for m in cut(line))
        if spans:
            kind, heading = kinds[index] if index < len(kinds) else (PROSE, False)
            out.append(Block(start, end, spans, kind, heading))
        start = end + 1
    return tuple(out)


_SPLIT = re.compile("[^" + "".join(sorted(HOLE_CHARS)) + "]+")
_HOLE = re.compile("[" + "".join(sorted(HOLE_CHARS)) + "]")


def paragraph_kinds(layout: Layout) -> tuple[tuple[str, bool], ...]:
    """(block kind, heading) of each paragraph. A reference list is cited as published, as in
    Markdown: the paragraphs under a heading that names one ("References", "Bibliography"),
    or under a short bold, capitalised or colon-ended line that does, are citations, as is a
    "Recommended citation" paragraph."""
    from ..prose import CITATION_HEADING, CITATION_PARAGRAPH

    out = []
    level: int | None = None
    story = None
    for para in layout.paragraphs:
        if para.story != story:
            story, level = para.story, None
        text = para.text.strip()
        if para.heading:
            if CITATION_HEADING.match(text):
                level = para.heading
            elif level is not None and para.heading <= level:
                level = None
        elif 0 < len(text) < 40 and CITATION_HEADING.match(text) and (
            para.bold or text.isupper() or text.endswith(":")
        ):
            level = 7
        cited = level is not None or CITATION_PARAGRAPH.match(text) is not None
        out.append((CITATION if cited else PROSE, bool(para.heading)))
    return tuple(out)


class WordReader(Reader):
    name = "docx"
    revisions = True

    def read(self, data: bytes, path: str) -> Document:
        from .package import open_package
        from .stories import read_layout

        layout = read_layout(open_package(data, path), path)
        kinds = paragraph_kinds(layout)
        return WordDocument(
            path=path,
            text=layout.text,
            blocks=blocks_of(layout.text, kinds),
            digest=digest(data),
            format=self.name,
            layout=layout,
            places=tuple((p.story, p.number) for p in layout.paragraphs),
            kinds=kinds,
        )

    def parse(self, text: str, path: str) -> Parsed:
        return Parsed(blocks_of(text))

    def reread(self, doc: Document, text: str) -> Document:
        kinds = doc.kinds if isinstance(doc, WordDocument) else ()
        return replace(doc, text=text, blocks=blocks_of(text, kinds))

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
        from .changes import Unwritable, changes, first_problem
        from .comments import comments_for
        from .stories import read_layout
        from .verify import written_problem
        from .writer import Revisions, write

        layout = doc.layout
        options = doc.options
        try:
            reason = first_problem(layout, text, options.tracked)
            if reason is not None:
                raise Unwritable(reason)
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
