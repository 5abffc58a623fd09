"""XLIFF 1.0/1.1/1.2 (with SDLXLIFF, MQXLIFF and TXLF flavours) and XLIFF 2.0/2.1/2.2.

One reader for both generations: the root's `version` says which. In 1.x a `trans-unit` holds
`source`, an optional `seg-source` whose `mrk mtype="seg"` elements cut it into segments, and a
`target` cut the same way; in 2.x a `unit` holds `segment`s (and `ignorable`s, which are not
translated) with a `source` and a `target` each. Namespace prefixes are ignored, so files with
the namespace, without it, or under a prefix read the same. `translate="no"` (inherited from a
group or file, and undone by a `translate="yes"` nearer the unit) and tool lock flags make a
segment read-only. Each segment carries the languages its `<file>` (1.x) or the root (2.x)
declares.
"""

from __future__ import annotations

from ..errors import InputError
from ..languages import tag as lang
from . import register
from .xmlbase import SegmentCollector, XmlReader, is_no, is_yes
from .xmltree import Node


def _notes(unit: Node, text: str) -> tuple[str, ...]:
    """The unit's notes: children in 1.x, inside <notes> in 2.x (not those of alt-trans)."""
    notes = unit.children("note")
    for group in unit.children("notes"):
        notes.extend(group.children("note"))
    return tuple(t for t in (n.text(text).strip() for n in notes) if t)


def _seg_marks(node: Node | None) -> dict[str, Node]:
    if node is None:
        return {}
    return {
        m.attrs.get("mid", str(i)): m
        for i, m in enumerate(n for n in node.iter("mrk") if n.attrs.get("mtype") == "seg")
    }


def _sdl_locks(unit: Node) -> set[str]:
    """Segment ids that an SDLXLIFF `sdl:seg-defs` marks locked."""
    locked = set()
    for defs in unit.children("seg-defs"):
        for seg in defs.children("seg"):
            if is_yes(seg.attrs.get("locked")):
                locked.add(seg.attrs.get("id", ""))
    return locked


# XLIFF 2 codes whose place in a sequence is fixed: "firstNo" starts a sequence that must stay
# in order, "no" continues it; codes without the attribute (canReorder="yes") may move.
_FIXED_ORDER = frozenset({"no", "firstNo"})


def _units(root: Node, unit_name: str, langs: tuple[str, str] = ("", "")):
    """(unit, translate_no, (source, target language)) for every unit. The nearest `translate`
    wins: a group with translate="yes" inside a file with translate="no" is translated. 1.x
    files name their languages per `<file>`."""
    stack = [(root, False, langs)]
    while stack:
        node, no, (src, tgt) = stack.pop()
        value = node.attrs.get("translate")
        if is_no(value):
            no = True
        elif is_yes(value):
            no = False
        if node.name == "file":
            src = lang(node.attrs.get("source-language")) or src
            tgt = lang(node.attrs.get("target-language")) or tgt
        if node.name == unit_name:
            yield node, no, (src, tgt)
            continue
        stack.extend((c, no, (src, tgt)) for c in reversed(node.children()))


def _fixed_codes(source: Node) -> frozenset[tuple[str, str]]:
    return frozenset(
        (c.name, c.attrs.get("id", ""))
        for c in source.iter()
        if c is not source and c.attrs.get("canReorder") in _FIXED_ORDER
    )


def _collect_1x(root: Node, out: SegmentCollector) -> None:
    text = out.text
    for unit, no, (src_lang, tgt_lang) in _units(root, "trans-unit"):
        uid = unit.attrs.get("id", "")
        locked = no or is_yes(unit.attrs.get("locked"))
        source, target = unit.child("source"), unit.child("target")
        state = target.attrs.get("state", "") if target is not None else ""
        if is_yes(unit.attrs.get("approved")):
            state = "approved"  # signed off, whatever state the target was in before
        notes = _notes(unit, text)
        src_marks = _seg_marks(unit.child("seg-source"))
        if src_marks:
            tgt_marks = _seg_marks(target)
            sdl_locked = _sdl_locks(unit)
            for mid, mark in src_marks.items():
                out.add(
                    f"{uid}/{mid}",
                    mark,
                    tgt_marks.get(mid),
                    unit=uid,
                    after=(target or source or unit).end,
                    locked=locked or mid in sdl_locked,
                    state=state,
                    notes=notes,
                    source_lang=src_lang,
                    target_lang=tgt_lang,
                )
            continue
        out.add(
            uid,
            source,
            target,
            unit=uid,
            after=unit.inner_start,
            locked=locked,
            state=state,
            notes=notes,
            source_lang=src_lang,
            target_lang=tgt_lang,
        )


def _collect_2x(root: Node, out: SegmentCollector, path: str) -> None:
    text = out.text
    langs = (lang(root.attrs.get("srcLang")), lang(root.attrs.get("trgLang")))
    for unit, no, (src_lang, tgt_lang) in _units(root, "unit", langs):
        uid = unit.attrs.get("id", "")
        notes = _notes(unit, text)
        segments = unit.children("segment")
        for i, seg in enumerate(segments, 1):
            source = seg.child("source")
            if source is None:
                raise InputError(path, f"XLIFF 2 segment without <source> in unit {uid!r}")
            sid = seg.attrs.get("id")
            seg_id = uid if len(segments) == 1 and not sid else f"{uid}/{sid or i}"
            out.add(
                seg_id,
                source,
                seg.child("target"),
                unit=uid,
                after=source.end,
                locked=no,
                state=seg.attrs.get("state", ""),
                notes=notes,
                fixed_codes=_fixed_codes(source),
                source_lang=src_lang,
                target_lang=tgt_lang,
            )


class XliffReader(XmlReader):
    name = "xliff"

    def collect(self, root: Node, out: SegmentCollector, path: str) -> None:
        if root.name != "xliff":
            raise InputError(path, f"not XLIFF: the root element is <{root.name}>")
        version = root.attrs.get("version", "1.2")
        if version.startswith("2"):
            _collect_2x(root, out, path)
        else:
            _collect_1x(root, out)


XLIFF = register(XliffReader())
register(XliffReader(keep_approved=True))
