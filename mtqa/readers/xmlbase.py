"""What every bilingual XML reader shares: safe decoding, inline codes as holes, verified writes.

A format module (XLIFF, TMX) only says where the units are and which element is the source and
which the target; this module turns a target element into a Block (its text runs are the prose
spans, every inline code and comment a hole) and a Segment (source and target as a reader sees
them, the inline codes of each, notes, state, lock).
"""

from __future__ import annotations

import re
from typing import ClassVar

from ..documents.coded import CODE_CHAR
from ..documents.model import CODE_BASE, CODE_LIMIT, LOCKED, PROSE, Block, Code, Document, Segment
from ..errors import InputError
from .base import Parsed, Reader
from .safexml import decode_xml, encode_xml, refuse_hostile_prolog, well_formed_problem
from .xmltree import CDATA, OTHER, TEXT, Node, scan, unescape

# Inline elements whose content is native code (XLIFF 1.2 bpt/ept/ph/it, TMX ut): one hole.
CODE_CONTENT = frozenset({"bpt", "ept", "ph", "it", "ut"})
# Empty inline codes (XLIFF 1.2 x/bx/ex, XLIFF 2 sc/ec) and markers (sm/em, cp).
EMPTY_CODES = frozenset({"x", "bx", "ex", "sc", "ec"})
MARKERS = frozenset({"sm", "em", "cp"})
# Codes that wrap translatable text (XLIFF 1.2 g, XLIFF 2 pc, TMX hi) and annotations (mrk).
WRAPPERS = frozenset({"g", "pc", "hi"})

# Target states that mean a reviewer signed the segment off (XLIFF 1.2 state, approved="yes",
# XLIFF 2 state="final"): read-only with --keep-approved.
APPROVED_STATES = frozenset({"final", "signed-off", "approved"})
# The name suffix of a reader's keep-approved variant (registered beside it).
KEEP_APPROVED = "+keep-approved"

_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")


class Inline:
    """The prose spans, decoded text and codes of one source or target element.

    Besides the text a reader sees (`text`: codes left out), it builds the coded text
    (`mtqa.documents.coded`): the same text with each inline code, comment and protected span as
    one private-use character, and the list of those codes with their exact markup, so the text
    can be rewritten and the markup put back."""

    __slots__ = ("coded_parts", "codes", "inline", "parts", "spans")

    def __init__(self, node: Node, text: str):
        self.spans: list[tuple[int, int]] = []
        self.parts: list[str] = []
        self.codes: list[tuple[str, str]] = []
        self.coded_parts: list[str] = []
        self.inline: list[Code] = []
        self._walk(node, text)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    @property
    def coded(self) -> tuple[str | None, tuple[Code, ...]]:
        """(coded text, codes), or (None, ()) when it cannot be told apart from the text: more
        codes than one text can hold, or text that itself uses the private-use characters."""
        if len(self.inline) > CODE_LIMIT + 1:
            return None, ()
        coded = "".join(self.coded_parts)
        if len(CODE_CHAR.findall(coded)) != len(self.inline):
            return None, ()
        return coded, tuple(self.inline)

    def _code(self, kind: str, element: str, ident: str, markup: str) -> None:
        n = len(self.inline)
        self.inline.append(Code(kind, element, ident, markup))
        self.coded_parts.append(chr(CODE_BASE + n) if n <= CODE_LIMIT else "")

    def _walk(self, node: Node, text: str) -> None:
        for item in node.content:
            if isinstance(item, Node):
                name = item.name
                ident = item.attrs.get("id") or item.attrs.get("rid") or item.attrs.get("i")
                ident = ident or item.attrs.get("x") or ""
                if name in CODE_CONTENT or name in EMPTY_CODES:
                    self.codes.append((name, ident))
                    self.parts.append(" ")  # a code separates words, as a space would
                    self._code("standalone", name, ident, text[item.start : item.end])
                elif name in MARKERS:
                    self._code("standalone", name, ident, text[item.start : item.end])
                    continue
                elif name == "mrk" and is_deleted(item):
                    # Text a tracked change deleted (Trados, memoQ): not part of the target.
                    self._code("standalone", name, ident, text[item.start : item.end])
                    continue
                elif name == "mrk" and (
                    item.attrs.get("translate") == "no" or item.attrs.get("mtype") == "protected"
                ):
                    # Protected content (XLIFF 2 translate="no", 1.2 mtype="protected"): a hole,
                    # never fixed; its text still counts as the segment's text.
                    self.parts.append(item.text(text))
                    self._code("standalone", name, ident, text[item.start : item.end])
                elif item.inner_start == item.end:
                    # An empty wrapper (`<g id="1"/>`): nothing inside to translate.
                    if name in WRAPPERS:
                        self.codes.append((name, ident))
                    self._code("standalone", name, ident, text[item.start : item.end])
                else:
                    if name in WRAPPERS:
                        self.codes.append((name, ident))
                    self._code("open", name, ident, text[item.start : item.inner_start])
                    self._walk(item, text)
                    self._code("close", name, ident, text[item.inner_end : item.end])
                continue
            kind, s, e = item
            if kind == TEXT:
                if e > s:
                    self.spans.append((s, e))
                    value = unescape(text[s:e])
                    self.parts.append(value)
                    self.coded_parts.append(value)
            elif kind == CDATA and e > s:
                self.spans.append((s, e))
                self.parts.append(text[s:e])
                self.coded_parts.append(text[s:e])
            elif kind == OTHER:
                self._code("standalone", "#comment", "", text[s:e])


class LineCounter:
    """1-based line of increasing offsets, counting each newline once over the whole file."""

    def __init__(self, text: str):
        self._text = text
        self._pos = 0
        self._line = 1

    def at(self, offset: int) -> int:
        if offset >= self._pos:
            self._line += self._text.count("\n", self._pos, offset)
        else:
            self._line -= self._text.count("\n", offset, self._pos)
        self._pos = offset
        return self._line


class SegmentCollector:
    """Builds the blocks and segments of one file as a format module finds its units."""

    def __init__(self, text: str, keep_approved: bool = False):
        self.text = text
        self.keep_approved = keep_approved
        self.blocks: list[Block] = []
        self.segments: list[Segment] = []
        self._lines = LineCounter(text)

    def add(
        self,
        segment_id: str,
        source: Node | None,
        target: Node | None,
        *,
        unit: str = "",
        after: int = 0,
        locked: bool = False,
        state: str = "",
        notes: tuple[str, ...] = (),
        fixed_codes: frozenset[tuple[str, str]] = frozenset(),
        source_lang: str = "",
        target_lang: str = "",
    ) -> None:
        text = self.text
        if self.keep_approved and state.lower() in APPROVED_STATES:
            locked = True
        src = Inline(source, text) if source is not None else None
        src_coded, src_inline = src.coded if src else ("", ())
        src_coded = src_coded or ""
        if target is None:
            at = after if source is None else source.end
            self.segments.append(
                Segment(
                    id=segment_id,
                    source=src.text if src else "",
                    target_start=at,
                    target_end=at,
                    target=None,
                    source_codes=tuple(src.codes) if src else (),
                    source_coded=src_coded,
                    source_inline=src_inline,
                    fixed_codes=fixed_codes,
                    notes=notes,
                    state=state,
                    locked=locked,
                    line=self._lines.at(at),
                    unit=unit,
                    source_lang=source_lang,
                    target_lang=target_lang,
                )
            )
            return
        tgt = Inline(target, text)
        tgt_coded, tgt_inline = tgt.coded
        if tgt.spans:
            self.blocks.append(
                Block(
                    target.inner_start,
                    target.inner_end,
                    tuple(tgt.spans),
                    kind=LOCKED if locked else PROSE,
                    segment=segment_id,
                )
            )
        self.segments.append(
            Segment(
                id=segment_id,
                source=src.text if src else "",
                target_start=target.inner_start,
                target_end=target.inner_end,
                target=tgt.text,
                source_codes=tuple(src.codes) if src else (),
                target_codes=tuple(tgt.codes),
                source_coded=src_coded,
                source_inline=src_inline,
                target_coded=tgt_coded,
                target_inline=tgt_inline,
                fixed_codes=fixed_codes,
                notes=notes,
                state=state,
                locked=locked,
                line=self._lines.at(target.inner_start),
                unit=unit,
                source_lang=source_lang,
                target_lang=target_lang,
            )
        )

    def parsed(self) -> Parsed:
        return Parsed(tuple(self.blocks), tuple(self.segments))


def check_well_formed(text: str, path: str) -> None:
    """Refuse hostile or malformed XML with one line, before the offset scanner walks it."""
    refuse_hostile_prolog(text, path)
    # lxml refuses a str that carries an encoding declaration; the declaration is not needed
    # to judge well-formedness of text that is already decoded.
    body = _DECLARATION.sub("", text, count=1)
    problem = well_formed_problem(body.encode("utf-8"))
    if problem is not None:
        raise InputError(path, problem)


class XmlReader(Reader):
    """Base of the bilingual XML readers: subclasses implement `collect(root, collector, path)`."""

    bilingual: ClassVar[bool] = True
    # Prose spans hold XML character references: matching reads `&apos;` as the quote it is.
    entities: ClassVar[bool] = True

    def __init__(self, keep_approved: bool = False):
        self.keep_approved = keep_approved
        if keep_approved:
            # A variant registered under its own name, so a document re-read after a fix pass
            # keeps its approved segments locked; it claims no extension.
            self.name = type(self).name + KEEP_APPROVED

    def decode(self, data: bytes, path: str) -> tuple[str, str, bytes]:
        return decode_xml(data, path)

    def parse(self, text: str, path: str) -> Parsed:
        check_well_formed(text, path)
        root = scan(text)
        collector = SegmentCollector(text, self.keep_approved)
        self.collect(root, collector, path)
        return collector.parsed()

    def collect(self, root: Node, out: SegmentCollector, path: str) -> None:
        raise NotImplementedError

    def escape(self, replacement: str) -> str:
        return replacement.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def encode(self, doc: Document, text: str) -> bytes:
        return encode_xml(text, doc.encoding, doc.bom)

    def structure_change(self, before: Document, after: Document) -> str | None:
        # Well-formedness of the text itself (the declaration's encoding is the writer's job).
        problem = well_formed_problem(_DECLARATION.sub("", after.text, count=1).encode("utf-8"))
        if problem is None:
            problem = super().structure_change(before, after)
        return problem


def is_deleted(mrk: Node) -> bool:
    """A tracked deletion: Trados `mrk mtype="x-sdl-deleted"`, memoQ `mtype="x-mq-tc"` with
    `mq:tctype="del"`."""
    mtype = mrk.attrs.get("mtype", "")
    return mtype == "x-sdl-deleted" or (mtype == "x-mq-tc" and mrk.attrs.get("tctype") == "del")


def is_no(value: str | None) -> bool:
    return value is not None and value.strip().lower() in ("no", "false")


def is_yes(value: str | None) -> bool:
    return value is not None and value.strip().lower() in ("yes", "true", "locked", "1")
