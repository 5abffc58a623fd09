"""Writing fixes into a Word package: tracked changes (or plain edits) and review comments.

A tracked change is Word's own: the old words wrapped in `w:del` (their `w:t` renamed
`w:delText`) and the new words in a `w:ins` right after, with the author and the date, so that
the editor accepts or rejects each fix in Word. The inserted run copies the properties of the
run it replaces (bold, font, `w:rtl` and the complex-script properties), so the text looks as it
did. Runs are split only where a change or a comment begins or ends, and only runs that hold
text alone; every part the fixes do not touch is copied byte for byte.

Word shares one id space between bookmarks, comments and revisions and refuses a file with
duplicates, so new ids start above the largest id any story part uses.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NamedTuple

from .changes import Change, Unwritable, text_only
from .package import write_package
from .stories import Layout, Paragraph, mirror_of, reread_paragraph, resolve_target
from .xml import CT_NS, REL_NS, XML_SPACE, names_for, parse_part, serialize

COMMENTS_PART = "comments.xml"  # a new comments part's name, beside the main part
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
# Word allows no comments in headers and footers: those findings go on the body's first text.
_NO_COMMENTS = ("header", "footer")


@dataclass(frozen=True)
class Revisions:
    """How fixes are written: as tracked changes by `author` (or plain edits)."""

    tracked: bool = True
    author: str = "mtqa"
    date: str | None = None  # ISO 8601; None: the time of writing


class Comment(NamedTuple):
    paragraph: int
    start: int  # offsets in the paragraph's text as read
    end: int
    text: str


def write(
    layout: Layout,
    found: list[Change],
    comments: list[Comment],
    revisions: Revisions,
    path: str,
) -> tuple[bytes, frozenset[str]]:
    """The package with `found` changes and `comments` written; and the parts that changed."""
    date = revisions.date or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    comments_part = _comments_part(layout, path)
    ids = _Ids(layout, comments_part, path)
    by_para: dict[int, tuple[list[Change], list[Comment]]] = defaultdict(lambda: ([], []))
    for change in found:
        by_para[change.paragraph][0].append(change)
    placed: list[tuple[int, Comment]] = []  # (comment id, comment)
    body_first = next(
        (i for i, p in enumerate(layout.paragraphs) if p.story == "body" and p.pieces), None
    )
    for comment in comments:
        para = layout.paragraphs[comment.paragraph]
        if para.story.startswith(_NO_COMMENTS) or not para.pieces:
            if body_first is None:
                continue
            where = f"In {para.story}, paragraph {para.number}: "
            first = layout.paragraphs[body_first].pieces[0]
            comment = Comment(body_first, first.start, first.end, where + comment.text)
        by_para[comment.paragraph][1].append(comment)
    changed_parts: set[str] = set()
    for index in sorted(by_para):
        para_changes, para_comments = by_para[index]
        para = layout.paragraphs[index]
        changed_parts.add(para.part)
        para_comments = [_widen(c, para_changes) for c in para_comments]
        para = _split_at(para, para_changes, para_comments, revisions.tracked)
        writer = _ParagraphWriter(para, ids, revisions.author, date)
        writer.apply(para_changes, revisions.tracked)
        for comment in para_comments:
            cid = ids.next()
            writer.anchor(comment, cid)
            placed.append((cid, comment))
        twin = mirror_of(layout.paragraphs[index]) if para_changes else None
        if twin is not None:  # a text box's fallback copy, changed alike
            twin = _split_at(twin, para_changes, [], revisions.tracked)
            _ParagraphWriter(twin, ids, revisions.author, date).apply(para_changes, revisions.tracked)
    out: dict[str, bytes] = {}
    for part in changed_parts:
        out[part] = serialize(layout.roots[part], layout.package.parts[part])
    if placed:
        out.update(_comment_parts(layout, comments_part, placed, revisions.author, date, path))
    return write_package(layout.package, out), frozenset(out)


def _widen(comment: Comment, found: list[Change]) -> Comment:
    """A comment range that overlaps a change covers the whole change."""
    s, e = comment.start, comment.end
    for c in found:
        if c.start <= e and c.end >= s:
            s, e = min(s, c.start), max(e, c.end)
    return comment._replace(start=s, end=e)


def _split_at(para: Paragraph, found: list[Change], comments: list[Comment], tracked: bool):
    """`para` with its runs split where changes and comments begin and end (runs that hold
    text alone), read again so that its pieces name the new runs."""
    cuts = set()
    for c in found:
        if tracked:
            cuts.update((c.start, c.end))
    for c in comments:
        cuts.update((c.start, c.end))
    n = para.names
    did = False
    for x in sorted(cuts, reverse=True):
        # The piece that holds the character at the cut, else the one ending there.
        piece = next((p for p in para.pieces if p.start <= x < p.end), None)
        if piece is None:
            piece = next((p for p in para.pieces if p.end == x), None)
        if piece is None or not text_only(piece.run, n):
            continue
        did = _split_run(piece.run, piece.t, piece.at + (x - piece.start), n) or did
    if not did:
        return para
    fresh = reread_paragraph(para)
    if fresh.text != para.text:
        raise Unwritable("splitting runs changed the paragraph's text")
    return fresh


def _split_run(run, t, k: int, n) -> bool:
    """Split `run` after the k-th character of its `t`, the rest going to a new run after it;
    False (nothing done) when the place is already one of the run's edges."""
    text = t.text or ""
    children = [c for c in run if c.tag != n.rPr]
    i = children.index(t)
    if (k == 0 and i == 0) or (k >= len(text) and i == len(children) - 1):
        return False
    new = _empty_run_like(run, n)
    if k < len(text):
        t2 = copy.copy(t)
        t2.text = text[k:]
        t2.tail = None
        t2.set(XML_SPACE, "preserve")
        new.append(t2)
    for child in children[i + 1 :]:
        new.append(child)
    if k > 0:
        t.text = text[:k]
        t.set(XML_SPACE, "preserve")
    else:
        run.remove(t)
    run.addnext(new)
    return True


def _empty_run_like(run, n):
    new = run.makeelement(run.tag, dict(run.attrib))
    rpr = run.find(n.rPr)
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    return new


class _ParagraphWriter:
    def __init__(self, para: Paragraph, ids: _Ids, author: str, date: str):
        self.para, self.ids, self.author, self.date = para, ids, author, date
        self.n = para.names
        # The w:del and w:ins elements made here. The set holds the elements themselves: a
        # held lxml proxy is the one lxml hands back for its element, while the id() of a
        # freed proxy is reused by the next one, whatever element that stands for.
        self.ours: set = set()

    def _revision(self, tag: str, like):
        el = like.makeelement(tag, {self.n.id: str(self.ids.next()), self.n.author: self.author,
                                    self.n.date: self.date})
        self.ours.add(el)
        return el

    def apply(self, found: list[Change], tracked: bool) -> None:
        """Write the paragraph's changes, last first: a change splits runs only after the
        text of the changes before it, whose pieces stay as they were."""
        for change in sorted(found, key=lambda c: (c.start, c.end), reverse=True):
            if tracked:
                self.tracked(change)
            else:
                self.plain(change)

    def outer(self, run):
        parent = run.getparent()
        return parent if parent in self.ours else run

    def tracked(self, change: Change) -> None:
        n = self.n
        para = self.para
        pieces = [p for p in para.pieces if p.start < change.end and p.end > change.start]
        if any(p.start < change.start or p.end > change.end for p in pieces):
            raise Unwritable("a change does not fall on run edges")
        if pieces:
            model = pieces[0].run
            runs = []
            for p in pieces:
                if not runs or runs[-1] is not p.run:
                    runs.append(p.run)
            last = None
            for run in runs:
                if last is not None and run.getprevious() is last:
                    last.append(run)  # runs side by side: one deletion
                else:
                    last = self._revision(n.delete, run)
                    run.addprevious(last)
                    last.append(run)
                for t in run.iter(n.t):
                    t.tag = n.delText
            place = last.addnext
        else:  # an insertion: after the text before it, or before the text after it
            before = [p for p in para.pieces if p.end == change.start]
            if before:
                model = before[-1].run
                place = self.outer(model).addnext
            else:
                model = next(p.run for p in para.pieces if p.start == change.start)
                place = self.outer(model).addprevious
        if change.text:
            ins = self._revision(n.ins, model)
            ins.append(self._run_like(model, change.text))
            place(ins)

    def _run_like(self, model, text: str):
        n = self.n
        run = model.makeelement(n.r, {})
        rpr = model.find(n.rPr)
        if rpr is not None:
            rpr = copy.deepcopy(rpr)
            for change in rpr.findall(n.rPrChange):
                rpr.remove(change)
            run.append(rpr)
        t = run.makeelement(n.t, {XML_SPACE: "preserve"})
        t.text = text
        run.append(t)
        return run

    def plain(self, change: Change) -> None:
        para = self.para
        if change.start == change.end:
            before = [p for p in para.pieces if p.start < change.start <= p.end]
            piece = before[-1] if before else next(p for p in para.pieces if p.start == change.start)
            k = piece.at + (change.start - piece.start)
            text = piece.t.text or ""
            piece.t.text = text[:k] + change.text + text[k:]
            piece.t.set(XML_SPACE, "preserve")
            return
        pieces = [p for p in para.pieces if p.start < change.end and p.end > change.start]
        for i in range(len(pieces) - 1, -1, -1):
            p = pieces[i]
            a = p.at + max(change.start, p.start) - p.start
            b = p.at + min(change.end, p.end) - p.start
            text = p.t.text or ""
            p.t.text = text[:a] + (change.text if i == 0 else "") + text[b:]
            p.t.set(XML_SPACE, "preserve")

    def anchor(self, comment: Comment, cid: int) -> None:
        n = self.n
        para = self.para
        starts = [p for p in para.pieces if p.end > comment.start]
        ends = [p for p in para.pieces if p.start < max(comment.end, comment.start + 1)]
        if not starts or not ends:
            starts = ends = para.pieces[:1]
        first, last = self.outer(starts[0].run), self.outer(ends[-1].run)
        if last.getnext() is not None and last.getnext() in self.ours:
            last = last.getnext()  # a deletion's insertion belongs with it
        attrs = {n.id: str(cid)}
        first.addprevious(first.makeelement(n.commentRangeStart, attrs))
        ref = last.makeelement(n.r, {})
        ref.append(ref.makeelement(n.commentReference, attrs))
        last.addnext(ref)
        last.addnext(last.makeelement(n.commentRangeEnd, attrs))


class _Ids:
    """Fresh ids above every w:id the story and comments parts use."""

    def __init__(self, layout: Layout, comments_part: str | None, path: str):
        top = 0
        roots = list(layout.roots.values())
        if comments_part is not None:
            roots.append(parse_part(layout.package.parts[comments_part], path, comments_part))
        for root in roots:
            attr = names_for(root).id
            for el in root.iter():
                value = el.get(attr)
                if value is not None and value.lstrip("-").isdigit():
                    top = max(top, int(value))
        self.value = top

    def next(self) -> int:
        self.value += 1
        return self.value


def _comments_part(layout: Layout, path: str) -> str | None:
    """The comments part the main document relates to, if it has one (Word takes one: new
    comments join it, wherever it lies and whatever its name)."""
    package = layout.package
    rels_name = package.rels_of(package.main)
    if rels_name not in package.parts:
        return None
    folder = package.main.rpartition("/")[0]
    for rel in parse_part(package.parts[rels_name], path, rels_name).iter(
        f"{{{REL_NS}}}Relationship"
    ):
        if rel.get("Type", "").endswith("/comments") and rel.get("TargetMode") != "External":
            target = resolve_target(folder, rel.get("Target", ""))
            if target in package.parts:
                return target
    return None


def _comment_parts(
    layout: Layout,
    comments_part: str | None,
    placed: list[tuple[int, Comment]],
    author: str,
    date: str,
    path: str,
) -> dict[str, bytes]:
    """The comments part (the existing one with the new comments added, or a new one with
    its content type and relationship)."""
    from lxml import etree

    package = layout.package
    main_root = layout.roots[package.main]
    n = names_for(main_root)
    out: dict[str, bytes] = {}
    existing = package.parts.get(comments_part) if comments_part is not None else None
    if existing is not None:
        root = parse_part(existing, path, comments_part)
    else:
        root = etree.Element(n.comments, nsmap={"w": n.ns})
    initials = "".join(w[0] for w in author.split() if w)[:9].upper() or "M"
    for cid, comment in placed:
        el = etree.SubElement(root, n.comment, {n.id: str(cid), n.author: author,
                                                n.date: date, n.initials: initials})
        for line in comment.text.split("\n"):
            p = etree.SubElement(el, n.p)
            r = etree.SubElement(p, n.r)
            t = etree.SubElement(r, n.t, {XML_SPACE: "preserve"})
            t.text = line
    if existing is not None:
        out[comments_part] = serialize(root, existing)
        return out
    folder = package.main.rpartition("/")[0]
    name = f"{folder}/{COMMENTS_PART}" if folder else COMMENTS_PART
    k = 1
    while name in package.parts:  # a part of that name the document does not relate to
        k += 1
        name = f"{name.removesuffix('.xml').rstrip('0123456789')}{k}.xml"
    out[name] = etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=True)
    ct_name = "[Content_Types].xml"
    ct = parse_part(package.parts[ct_name], path, ct_name)
    if not any(o.get("PartName") == "/" + name for o in ct):
        etree.SubElement(ct, f"{{{CT_NS}}}Override",
                         {"PartName": "/" + name, "ContentType": COMMENTS_TYPE})
        out[ct_name] = serialize(ct, package.parts[ct_name])
    rels_name = package.rels_of(package.main)
    if rels_name in package.parts:
        rels = parse_part(package.parts[rels_name], path, rels_name)
    else:
        rels = etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})
    taken = {r.get("Id") for r in rels}
    k = 1
    while f"rId{k}" in taken:
        k += 1
    target = name[len(folder) + 1 :] if folder else name
    etree.SubElement(rels, f"{{{REL_NS}}}Relationship",
                     {"Id": f"rId{k}", "Type": COMMENTS_REL, "Target": target})
    out[rels_name] = serialize(rels, package.parts.get(rels_name, b"<?xml"))
    return out
