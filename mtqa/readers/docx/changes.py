"""From fixed text back to Word: the changes a fixed text makes, and whether each can be written.

The fixer works on the document's text. What it hands back is compared with the text as read,
paragraph by paragraph and, inside a paragraph, word by word between the holes (which a fix
never changes), so each change is a whole word or phrase: what an editor expects to see as one
tracked change. A change is written only where the result is unambiguous: inside one container
(a hyperlink, a content control), in text of one formatting, outside other authors' pending
revisions, and, as a tracked change, in runs that hold nothing but text (splitting a run that
also holds a tab, a break or a field mark would change the document's structure).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from itertools import pairwise
from typing import NamedTuple

from .stories import HOLE_CHARS, Layout, Paragraph, Piece, mirror_of
from .xml import Names, W

_HOLES = re.compile("([" + "".join(sorted(HOLE_CHARS)) + "])")
_TOKENS = re.compile(r"\w+|\s+|[^\w\s]")
# Run properties that do not change how text looks: a run differing only in these from its
# neighbour has the same formatting.
_INVISIBLE = frozenset(("lang", "noProof", "webHidden"))


class Change(NamedTuple):
    paragraph: int  # index into Layout.paragraphs
    start: int  # offsets in the paragraph's text as read
    end: int
    text: str  # what replaces text[start:end]


class Unwritable(Exception):
    """A change that cannot be written safely; the message says why."""


def changes(layout: Layout, fixed: str) -> list[Change]:
    """The changes that turn the layout's text into `fixed`, word by word."""
    lines = fixed.split("\n")
    if len(lines) != len(layout.paragraphs):
        raise Unwritable(
            f"the number of paragraphs changed ({len(layout.paragraphs)} -> {len(lines)})"
        )
    out: list[Change] = []
    for index, (para, line) in enumerate(zip(layout.paragraphs, lines, strict=True)):
        if para.text != line:
            out.extend(_paragraph_changes(index, para.text, line))
    return out


def _paragraph_changes(index: int, old: str, new: str) -> list[Change]:
    a, b = _HOLES.split(old), _HOLES.split(new)
    if len(a) != len(b) or a[1::2] != b[1::2]:
        raise Unwritable("a tab, break, field or object changed")
    out = []
    pos = 0
    for k, (x, y) in enumerate(zip(a, b, strict=True)):
        if k % 2 == 0 and x != y:
            out.extend(Change(index, pos + s, pos + e, t) for s, e, t in _word_diff(x, y))
        pos += len(x)
    return out


def _word_diff(old: str, new: str) -> list[tuple[int, int, str]]:
    ta, tb = _TOKENS.findall(old), _TOKENS.findall(new)
    offsets_a = _offsets(ta)
    offsets_b = _offsets(tb)
    out = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        if op != "equal":
            out.append((offsets_a[i1], offsets_a[i2], new[offsets_b[j1] : offsets_b[j2]]))
    return out


def _offsets(tokens: list[str]) -> list[int]:
    out = [0]
    for t in tokens:
        out.append(out[-1] + len(t))
    return out


def formatting(run, names: Names = W) -> bytes:
    """A run's formatting as comparable bytes (what does not show left out)."""
    from lxml import etree

    rpr = run.find(names.rPr)
    if rpr is None:
        return b""
    shown = [c for c in rpr if not (isinstance(c.tag, str) and c.tag.rpartition("}")[2] in _INVISIBLE)]
    return b"".join(etree.tostring(c) for c in shown)


def text_only(run, names: Names = W) -> bool:
    """Whether a run holds nothing but its properties and text (it can be split in two)."""
    return all(c.tag in (names.rPr, names.t) for c in run)


def covered(para: Paragraph, start: int, end: int) -> list[Piece]:
    """The prose pieces a change touches; for an insertion, the piece it attaches to."""
    if start < end:
        return [p for p in para.pieces if p.start < end and p.end > start]
    before = [p for p in para.pieces if p.start < start <= p.end]
    if before:
        return before[-1:]
    return [p for p in para.pieces if p.start == start][:1]


def problem(para: Paragraph, change: Change, tracked: bool, names: Names = W) -> str | None:
    """Why `change` cannot be written into `para`, or None when it can."""
    pieces = covered(para, change.start, change.end)
    if not pieces:
        return "no text of the document lies there"
    for piece in pieces:
        if piece.locked:
            return piece.locked
    for at, reason in para.barriers:
        if change.start < at < change.end or (change.start == change.end == at):
            return reason
    if change.start == change.end:
        neighbours = [p for p in para.pieces if p.end == change.start or p.start == change.start]
        if len({formatting(p.run, names) for p in neighbours}) > 1:
            return "the insertion lies between text of different formatting"
    runs = _unique(p.run for p in pieces)
    if len({formatting(r, names) for r in runs}) > 1:
        return "the text spans runs of different formatting (which one the new text takes is ambiguous)"
    if len({id(r.getparent()) for r in runs}) > 1:
        return "the text crosses the edge of a hyperlink, content control or tracked change"
    if tracked and not all(text_only(r, names) for r in runs):
        return (
            "the text shares its run with a tab, break, field mark or page-break mark, "
            "which a tracked change would split"
        )
    if tracked and len(runs) > 1 and not _one_run_apart(runs, names):
        return (
            "the text spans runs that Word keeps apart (a bookmark between them, or properties "
            "that differ), which one tracked change would join"
        )
    if tracked and not change.text and change.start < change.end:
        whole = [r for r in runs if _inside(para, r, change)]
        if whole and not any(_twin(r, side, whole, names) for r in whole for side in (-1, 1)):
            return "the deletion takes a whole run, which accepting it would remove"
    return None


def _inside(para: Paragraph, run, change: Change) -> bool:
    own = [p for p in para.pieces if p.run is run]
    return change.start <= own[0].start and own[-1].end <= change.end


def _twin(run, side: int, gone: list, names: Names) -> bool:
    """Whether the run beside `run` (before it: side -1) reads as one run with it and stays:
    then deleting `run` leaves the same runs when revisions are accepted."""
    el = run.getprevious() if side < 0 else run.getnext()
    while el is not None and el.tag in (names.commentRangeStart, names.commentRangeEnd,
                                        names.proofErr):
        el = el.getprevious() if side < 0 else el.getnext()
    return (
        el is not None and el.tag == names.r and all(el is not g for g in gone)
        and text_only(el, names) and _one_run_apart([el, run] if side < 0 else [run, el], names)
    )


def _one_run_apart(runs, names: Names) -> bool:
    """Whether runs side by side read as one run: the same properties, byte for byte, and
    nothing between them but comment anchors and proofing marks."""
    from lxml import etree

    def props(run):
        rpr = run.find(names.rPr)
        return b"" if rpr is None else etree.tostring(rpr)

    between_ok = {names.commentRangeStart, names.commentRangeEnd, names.proofErr}
    first = props(runs[0])
    for a, b in pairwise(runs):
        if props(b) != first:
            return False
        el = a.getnext()
        while el is not None and el is not b:
            if el.tag not in between_ok:
                return False
            el = el.getnext()
        if el is None:
            return False
    return True


def _unique(items):
    seen = set()
    out = []
    for x in items:
        if id(x) not in seen:
            seen.add(id(x))
            out.append(x)
    return out


def first_problem(layout: Layout, fixed: str, tracked: bool) -> str | None:
    """Why the fixed text cannot be written into the document, or None."""
    try:
        found = changes(layout, fixed)
    except Unwritable as exc:
        return str(exc)
    for change in found:
        para = layout.paragraphs[change.paragraph]
        reason = problem(para, change, tracked)
        twin = mirror_of(para) if reason is None else None
        if twin is not None:  # a text box's fallback copy takes the same change
            reason = problem(twin, change, tracked)
        if reason is not None:
            return reason
    return None
