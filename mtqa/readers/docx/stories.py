"""The prose of a Word document: its stories' paragraphs, and where each character came from.

Word keeps a document's text in "stories": the body (with its tables), footnotes, endnotes,
headers and footers, and text boxes inside any of them. A paragraph's text is spread over runs
(`w:r`), and a run's over `w:t` elements; Word splits text into runs wherever its formatting,
spelling state or edit history changes, so "exist" and "ence" can be two runs of one word.

The reader joins every paragraph's runs into one line of text, as Word shows it with pending
tracked changes accepted: inserted text is read, deleted text is not. What is not prose becomes
a hole: one character that no check reads and no fix may change (a tab or a break, a field, a
drawing, a symbol, a note reference, an equation). Each prose character keeps the `w:t` element
and the position in it that it came from, so a fix maps back onto the XML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial
from typing import NamedTuple

from .package import Package
from .xml import (
    MATH_TAGS,
    MC_ALTERNATE,
    MC_CHOICE,
    MC_FALLBACK,
    REL_NS,
    Names,
    W,
    first_child,
    names_for,
    parse_part,
)

# The characters that stand for holes in a paragraph's text. Prose from `w:t` never keeps them:
# a literal tab or line break inside a `w:t` is a hole too.
TAB = "\t"
BREAK = "\u2028"  # a line or page break (w:br, w:cr)
OBJECT = "\ufffc"  # a field, drawing, symbol, note reference or equation
HYPHEN = "\u2011"  # Word's non-breaking hyphen
HOLE_CHARS = frozenset((TAB, BREAK, OBJECT, HYPHEN))
_T_HOLES = re.compile("[\t\n\r\u2028\ufffc\u2011]")

_REL_TYPES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_STRICT_REL_TYPES = "http://purl.oclc.org/ooxml/officeDocument/relationships/"
_HEADING_STYLE = re.compile(r"^(?:heading\s*(\d)|title|subtitle)$", re.I)


class Piece(NamedTuple):
    """Prose characters text[start:end] of a paragraph, taken from `t.text[at:at + end-start]`."""

    start: int
    end: int
    t: object  # the w:t element
    run: object  # its w:r
    at: int
    # Why this text may not be edited (inside another author's pending revision), or "".
    locked: str


@dataclass
class Paragraph:
    part: str
    element: object  # the w:p
    story: str  # "body", "footnote 3", "header 1", "text box 2"
    number: int  # 1-based, within its story
    text: str
    heading: int = 0  # the heading level (1 for a title), 0 for a paragraph of text
    fields_at_start: int = 0  # complex fields left open by earlier paragraphs (a TOC)
    names: Names = W
    # A text box's paragraph: the same paragraph in the box's fallback copy (mc:Fallback, for
    # Word 2007), which a fix changes alike; None elsewhere.
    mirror: object = None
    # Where each prose character came from, and the zero-width places between characters that
    # an edit must not span, with the reason (deleted text pending review, a soft hyphen).
    # Worked out when first asked for: only a paragraph that a fix changes needs them.
    _detail: tuple[list[Piece], list[tuple[int, str]]] | None = field(default=None, repr=False)

    @property
    def pieces(self) -> list[Piece]:
        return self._walked()[0]

    @property
    def barriers(self) -> list[tuple[int, str]]:
        return self._walked()[1]

    @property
    def bold(self) -> bool:
        """Whether every run of its prose is bold."""
        pieces = self.pieces
        return bool(pieces) and all(_bold(piece.run, self.names) for piece in pieces)

    def _walked(self):
        if self._detail is None:
            walker = _walk_again(self)
            self._detail = walker.pieces, walker.barriers
        return self._detail


@dataclass
class Layout:
    """Everything the writer needs to map text offsets back onto a package."""

    package: Package
    roots: dict[str, object]  # part name -> parsed root, for the story parts
    paragraphs: list[Paragraph]
    text: str  # the paragraphs' text joined by "\n"
    starts: list[int]  # offset of each paragraph in `text`


def read_layout(package: Package, path: str) -> Layout:
    main = package.main
    roots: dict[str, object] = {}
    paragraphs: list[Paragraph] = []
    headings = _heading_styles(package, path)
    boxes = _Counter()

    def root_of(part: str):
        if part not in roots:
            roots[part] = parse_part(package.parts[part], path, part)
        return roots[part]

    body_root = root_of(main)
    names = names_for(body_root)
    body = first_child(body_root, names.body)
    if body is not None:
        _Story(main, "body", names, headings, boxes, paragraphs,
               scan=_PartText(body, names)).blocks(body)
    related = _related_parts(package, main, path)
    for kind, element, label in (("footnotes", "footnote", "footnote"),
                                 ("endnotes", "endnote", "endnote")):
        for part in related.get(kind, ()):
            root = root_of(part)
            n = names_for(root)
            scan = _PartText(root, n)
            count = 0
            for note in root.iterchildren(getattr(n, element)):
                if note.get(n.type) in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                count += 1
                _Story(part, f"{label} {count}", n, headings, boxes, paragraphs,
                       scan=scan).blocks(note)
    for kind in ("header", "footer"):
        for part in sorted(related.get(kind, ()), key=_part_number):
            root = root_of(part)
            label = f"{kind} {_part_number(part) or 1}"
            n = names_for(root)
            _Story(part, label, n, headings, boxes, paragraphs,
                   scan=_PartText(root, n)).blocks(root)
    texts = [p.text for p in paragraphs]
    starts = []
    pos = 0
    for t in texts:
        starts.append(pos)
        pos += len(t) + 1
    return Layout(package, roots, paragraphs, "\n".join(texts), starts)


def _part_number(part: str) -> int:
    m = re.search(r"(\d+)\.xml$", part)
    return int(m.group(1)) if m else 0


class _Counter:
    def __init__(self):
        self.n = 0

    def next(self) -> int:
        self.n += 1
        return self.n


def _related_parts(package: Package, main: str, path: str) -> dict[str, list[str]]:
    """The main part's footnotes, endnotes, headers and footers, by kind."""
    rels_name = package.rels_of(main)
    out: dict[str, list[str]] = {}
    if rels_name not in package.parts:
        return out
    folder = main.rpartition("/")[0]
    for rel in parse_part(package.parts[rels_name], path, rels_name).iter(f"{{{REL_NS}}}Relationship"):
        kind = rel.get("Type", "")
        for prefix in (_REL_TYPES, _STRICT_REL_TYPES):
            if kind.startswith(prefix):
                kind = kind[len(prefix) :]
        if kind not in ("footnotes", "endnotes", "header", "footer") or rel.get("TargetMode") == "External":
            continue
        target = resolve_target(folder, rel.get("Target", ""))
        if target in package.parts and target not in out.get(kind, []):
            out.setdefault(kind, []).append(target)
    return out


def resolve_target(folder: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    parts = [p for p in folder.split("/") if p]
    for piece in target.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _heading_styles(package: Package, path: str) -> dict[str, int]:
    """The heading level of each paragraph style that is a heading (by name or outline
    level): style id -> level, 1 for a title."""
    data = package.parts.get("word/styles.xml")
    if data is None:
        return {}
    root = parse_part(data, path, "word/styles.xml")
    n = names_for(root)
    out = {}
    for style in root.iterchildren(n.style):
        name = first_child(style, n.name)
        ppr = first_child(style, n.pPr)
        level = first_child(ppr, n.outlineLvl) if ppr is not None else None
        m = _HEADING_STYLE.match(name.get(n.val, "")) if name is not None else None
        if m is not None:
            out[style.get(n.styleId, "")] = int(m.group(1) or 1)
        elif level is not None and level.get(n.val, "9").isdigit() and level.get(n.val) != "9":
            out[style.get(n.styleId, "")] = int(level.get(n.val)) + 1
    return out


class _Story:
    """Walks one story's block content, appending its paragraphs (text boxes after the
    paragraph that holds them, as stories of their own)."""

    def __init__(self, part, label, names: Names, headings, boxes: _Counter, out: list[Paragraph],
                 mirrors: list | None = None, scan: _PartText | None = None):
        self.part, self.label, self.n = part, label, names
        self.headings, self.boxes, self.out = headings, boxes, out
        self.mirrors = mirrors  # a text box's fallback paragraphs, in order
        self.scan = scan  # how the part's plain paragraphs are read; None: worked out per paragraph
        self.count = 0
        self.fields = 0  # depth of complex fields open (w:fldChar begin .. end)

    def blocks(self, container) -> None:
        n = self.n
        for child in container.iterchildren():
            tag = child.tag
            if tag == n.p:
                self.paragraph(child)
            elif tag in (n.tbl, n.tr, n.tc, n.sdtContent, n.customXml, n.ins, n.moveTo):
                self.blocks(child)
            elif tag == n.sdt:
                content = first_child(child, n.sdtContent)
                if content is not None:
                    self.blocks(content)
            elif tag == MC_ALTERNATE:
                choice = first_child(child, MC_CHOICE)
                if choice is not None:
                    self.blocks(choice)

    def paragraph(self, p) -> None:
        self.count += 1
        fields_at_start = self.fields
        n = self.n
        text = None if fields_at_start else _plain_text(p, n, self.scan)
        if text is None:
            para = _ParagraphText(self, p)
            para.walk(p, "")
            text, detail, boxes = "".join(para.chars), (para.pieces, para.barriers), para.boxes
        else:
            detail, boxes = None, ()
        heading = 0
        ppr = first_child(p, n.pPr)
        if ppr is not None:
            style = first_child(ppr, n.pStyle)
            level = first_child(ppr, n.outlineLvl)
            if level is not None and level.get(n.val, "9").isdigit() and level.get(n.val) != "9":
                heading = int(level.get(n.val)) + 1
            elif style is not None:
                heading = self.headings.get(style.get(n.val), 0)
        mirror = self.mirrors[self.count - 1] if self.mirrors else None
        self.out.append(
            Paragraph(self.part, p, self.label, self.count, text, heading, fields_at_start, n,
                      mirror, detail)
        )
        for box, fallback in boxes:
            story = _Story(self.part, f"text box {self.boxes.next()}", n, self.headings,
                           self.boxes, self.out, _mirrors(box, fallback, n), self.scan)
            story.blocks(box)


def _mirrors(box, fallback, n: Names) -> list | None:
    """The fallback copy's paragraphs, one for each of the box's, when the two copies have
    the same paragraphs (and no box inside either); else None."""
    if fallback is None:
        return None
    if sum(1 for _ in box.iter(n.txbxContent)) > 1 or sum(1 for _ in fallback.iter(n.txbxContent)) > 1:
        return None
    ours, theirs = list(box.iter(n.p)), list(fallback.iter(n.p))
    return theirs if len(ours) == len(theirs) else None


def _bold(run, n: Names) -> bool:
    rpr = first_child(run, n.rPr)
    b = first_child(rpr, n.b) if rpr is not None else None
    return b is not None and b.get(n.val, "true") not in ("0", "false", "off")


def _walk_again(para: Paragraph) -> _ParagraphText:
    story = _Story(para.part, para.story, para.names, {}, _Counter(), [])
    story.fields = para.fields_at_start
    walker = _ParagraphText(story, para.element)
    walker.walk(para.element, "")
    return walker


def mirror_of(para: Paragraph) -> Paragraph | None:
    """A text box paragraph's fallback copy, read as a paragraph of its own, when it reads as
    the same text (a fix then changes both alike); None otherwise."""
    from dataclasses import replace

    if para.mirror is None:
        return None
    twin = Paragraph(para.part, para.mirror, para.story, para.number, "", para.heading, 0,
                     para.names)
    walker = _walk_again(twin)
    text = "".join(walker.chars)
    if text != para.text:
        return None
    return replace(twin, text=text, _detail=(walker.pieces, walker.barriers))


def reread_paragraph(para: Paragraph) -> Paragraph:
    """`para` read again from its element (after runs were split: same text, new pieces)."""
    from dataclasses import replace

    walker = _walk_again(para)
    return replace(para, text="".join(walker.chars), _detail=(walker.pieces, walker.barriers))


# What makes a paragraph more than runs of text, tabs and breaks: anything here and it is read
# by the full walk, which knows fields, revisions, text boxes and equations.
def _complex_tags(n: Names) -> tuple[str, ...]:
    return (
        n.fldChar, n.fldSimple, n.instrText, n.ins, n.delete, n.moveFrom, n.moveTo,
        n.rPrChange, n.softHyphen, n.drawing, n.pict, n.object, n.txbxContent, n.ruby,
        MC_ALTERNATE, *MATH_TAGS,
    )


def _simple_holes(n: Names) -> dict[str, str]:
    holes = {n.tab: TAB, n.ptab: TAB, n.br: BREAK, n.cr: BREAK, n.noBreakHyphen: HYPHEN}
    for tag in (n.sym, n.footnoteReference, n.endnoteReference, n.footnoteRef, n.endnoteRef,
                *n.generated):
        holes[tag] = OBJECT
    return holes


class _Fast(NamedTuple):
    """What the one-pass read of plain paragraphs looks for, in one namespace's names."""

    complex_tags: tuple[str, ...]
    not_text: tuple[str, ...]  # the complex tags and the holes
    holes: dict[str, str]
    wanted: tuple[str, ...]  # w:t and the holes
    texts: object  # XPath: the text in every w:t under an element
    text_nodes: object  # XPath: how many text nodes lie under an element
    t_text_nodes: object  # XPath: how many of them lie directly in a w:t
    text_of: object  # libxml2's text of an element: its text nodes joined


_FAST: dict[str, _Fast] = {}


def _line_ends_as_breaks(text: str) -> str:
    # A line end written inside w:t is a break, as in the walk. Rare: a test of the string
    # costs far less than str.translate, which looks up every character.
    if "\n" in text or "\r" in text:
        return text.replace("\n", BREAK).replace("\r", BREAK)
    return text


def _fast(n: Names) -> _Fast:
    fast = _FAST.get(n.ns)
    if fast is None:
        from lxml import etree

        holes = _simple_holes(n)
        complex_tags = _complex_tags(n)
        ns = {"w": n.ns}
        fast = _FAST[n.ns] = _Fast(
            complex_tags, (*complex_tags, *holes), holes, (n.t, *holes),
            # All the text in a w:t, as the walk reads it (itertext), when it holds markup.
            etree.XPath(".//w:t//text()", namespaces=ns, smart_strings=False),
            etree.XPath("count(descendant::text())"),
            etree.XPath("count(descendant::w:t/text())", namespaces=ns),
            partial(etree.tostring, method="text", encoding=str, with_tail=False),
        )
    return fast


class _PartText:
    """How the plain paragraphs of one story part (or one paragraph) are read, worked out in
    one pass over the part, where asking each paragraph would cost a search per paragraph.

    `marked`: the paragraphs that hold anything but runs of text (a hole, a field, a
    revision...); lxml's tag filter rejects at once the names a part never uses, so a part of
    plain runs costs next to nothing. `in_t_only`: whether every text node of the part lies
    directly in a w:t (no indentation between elements, no text in other elements); then a
    plain paragraph's text is libxml2's text of the element, which costs less than an XPath
    call, and is the same string."""

    def __init__(self, root, n: Names):
        fast = _fast(n)
        marked: set = set()
        p = n.p
        for element in root.iter(*fast.not_text):
            for para in element.iterancestors(p):
                if para in marked:
                    break  # marked with all the paragraphs around it
                marked.add(para)
        self.marked = marked
        self.in_t_only = fast.text_nodes(root) == fast.t_text_nodes(root)
        self.texts = fast.texts
        self.text_of = fast.text_of

    def plain(self, p) -> str | None:
        """The paragraph's text when it is nothing but runs of text, else None."""
        if p in self.marked:
            return None
        if self.in_t_only:
            return _line_ends_as_breaks(self.text_of(p))
        return _line_ends_as_breaks("".join(self.texts(p)))


def _plain_text(p, n: Names, scan: _PartText | None = None) -> str | None:
    """The text of a paragraph of runs of text, tabs and breaks (most paragraphs), read
    without the full walk; None for a paragraph that needs it (fields, revisions, drawings).
    Equal to the walk's text. `scan`: what is known of the part's paragraphs (else worked out
    for this one)."""
    text = (scan or _PartText(p, n)).plain(p)
    if text is not None:
        return text
    fast = _fast(n)
    for _ in p.iter(*fast.complex_tags):
        return None
    holes = fast.holes
    t, r = n.t, n.r
    out = []
    for el in p.iter(*fast.wanted):
        if el.getparent().tag != r:  # a tab stop of the paragraph's properties; not run text
            continue
        if el.tag == t:
            text = "".join(el.itertext()) if len(el) else el.text  # as the walk reads it
            if text:
                out.append(text)
        else:
            out.append(holes[el.tag])
    return _line_ends_as_breaks("".join(out))


class _ParagraphText:
    def __init__(self, story: _Story, p):
        self.story = story
        self.n = story.n
        self.chars: list[str] = []
        self.length = 0
        self.pieces: list[Piece] = []
        self.barriers: list[tuple[int, str]] = []
        # (w:txbxContent, its fallback copy or None) for the text boxes met in this paragraph
        self.boxes: list = []

    def hole(self, char: str) -> None:
        self.chars.append(char)
        self.length += 1

    def walk(self, element, locked: str) -> None:
        n = self.n
        for child in element.iterchildren():
            tag = child.tag
            if tag == n.r:
                self.run(child, locked)
            elif tag in (n.hyperlink, n.smartTag, n.customXml, n.dir, n.bdo):
                self.walk(child, locked)
            elif tag == n.sdt:
                content = first_child(child, n.sdtContent)
                if content is not None:
                    self.walk(content, locked)
            elif tag in (n.ins, n.moveTo):
                who = child.get(n.author) or "another author"
                self.walk(child, f"inside a pending tracked change by {who}")
            elif tag in (n.delete, n.moveFrom):
                who = child.get(n.author) or "another author"
                self.barriers.append((self.length, f"next to text deleted by {who}, pending review"))
            elif tag == n.fldSimple:
                if not self.story.fields:
                    self.hole(OBJECT)
                self._collect_boxes(child)
            elif tag == MC_ALTERNATE:
                choice = first_child(child, MC_CHOICE)
                if choice is not None:
                    self.walk(choice, locked)
            elif tag in MATH_TAGS or tag == n.ruby:
                self.hole(OBJECT)

    def run(self, r, locked: str) -> None:
        n = self.n
        story = self.story
        if not locked:
            rpr = first_child(r, n.rPr)
            change = first_child(rpr, n.rPrChange) if rpr is not None else None
            if change is not None:
                who = change.get(n.author) or "another author"
                locked = f"inside a pending formatting change by {who}"
        for child in r.iterchildren():
            tag = child.tag
            if tag == n.t:
                if story.fields:
                    continue  # a field's code or result: the field's one hole stands for it
                text = child.text or ""
                if len(child):  # an XML comment or instruction inside: read all, edit none
                    text = "".join(child.itertext())
                    self._prose(text, child, r, locked or "the text holds XML markup")
                elif text:
                    self._prose(text, child, r, locked)
            elif tag == n.fldChar:
                kind = child.get(n.fldCharType)
                if kind == "begin":
                    if not story.fields:
                        self.hole(OBJECT)
                    story.fields += 1
                elif kind == "end" and story.fields:
                    story.fields -= 1
            elif story.fields:
                self._collect_boxes(child)
                continue
            elif tag == n.tab or tag == n.ptab:
                self.hole(TAB)
            elif tag in (n.br, n.cr):
                self.hole(BREAK)
            elif tag == n.noBreakHyphen:
                self.hole(HYPHEN)
            elif tag == n.softHyphen:
                self.barriers.append((self.length, "a soft hyphen lies inside"))
            elif tag in (n.drawing, n.pict, n.object, MC_ALTERNATE):
                self.hole(OBJECT)
                self._collect_boxes(child)
            elif tag in (n.sym, n.footnoteReference, n.endnoteReference, n.footnoteRef,
                         n.endnoteRef) or tag in n.generated:
                self.hole(OBJECT)

    def _prose(self, text: str, t, r, locked: str) -> None:
        at = 0
        for m in _T_HOLES.finditer(text):
            if m.start() > at:
                self._piece(text[at : m.start()], t, r, at, locked)
            self.hole(BREAK if m.group() in "\n\r" else m.group())
            at = m.end()
        if at < len(text):
            self._piece(text[at:], t, r, at, locked)

    def _piece(self, s: str, t, r, at: int, locked: str) -> None:
        start = self.length
        self.chars.append(s)
        self.length += len(s)
        self.pieces.append(Piece(start, self.length, t, r, at, locked))

    def _collect_boxes(self, element) -> None:
        """Text boxes inside a drawing, read once: from mc:Choice, never mc:Fallback too; each
        with its fallback copy when the two copies match box for box."""
        n = self.n
        if element.tag == MC_ALTERNATE:
            choice, fallback = first_child(element, MC_CHOICE), first_child(element, MC_FALLBACK)
            if choice is None:
                return
            start = len(self.boxes)
            self._collect_boxes(choice)
            found = self.boxes[start:]
            copies = list(fallback.iter(n.txbxContent)) if fallback is not None else []
            if len(copies) == len(found):
                self.boxes[start:] = [(box, copy) for (box, _), copy in zip(found, copies, strict=True)]
            return
        for child in element.iterchildren():
            tag = child.tag
            if tag == n.txbxContent:
                self.boxes.append((child, None))
            elif tag == MC_ALTERNATE or (isinstance(tag, str) and tag != MC_FALLBACK):
                self._collect_boxes(child)
