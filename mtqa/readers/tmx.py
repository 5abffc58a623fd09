"""TMX 1.4 (and 1.1): translation memories, one `tu` per unit, one `tuv` per language.

The header's `srclang` names the source language (`*all*` or a missing one: the first `tuv`);
every other `tuv` of a unit is a target segment, named `<tuid>` when the unit has one target and
`<tuid>/<lang>` when it has several. TMX 1.1 writes the language as `lang`, 1.4 as `xml:lang`.
Each segment carries its two languages, so a multilingual memory reads as one language pair per
target language.
"""

from __future__ import annotations

from ..errors import InputError
from ..languages import tag as lang
from . import register
from .xmlbase import SegmentCollector, XmlReader
from .xmltree import Node


def _lang(tuv: Node) -> str:
    return lang(tuv.attrs.get("xml:lang") or tuv.attrs.get("lang"))


def _same_language(a: str, b: str) -> bool:
    return a == b or a.split("-")[0] == b.split("-")[0]


class TmxReader(XmlReader):
    name = "tmx"

    def collect(self, root: Node, out: SegmentCollector, path: str) -> None:
        if root.name != "tmx":
            raise InputError(path, f"not TMX: the root element is <{root.name}>")
        header = root.child("header")
        srclang = lang(header.attrs.get("srclang")) if header is not None else ""
        body = root.child("body")
        if body is None:
            return
        for n, tu in enumerate(body.iter("tu"), 1):
            tuid = tu.attrs.get("tuid") or str(n)
            tuvs = [t for t in tu.children("tuv") if t.child("seg") is not None]
            if not tuvs:
                continue
            source = next(
                (t for t in tuvs if srclang and srclang != "*all*" and _lang(t) == srclang),
                None,
            ) or next((t for t in tuvs if srclang and _same_language(_lang(t), srclang)), tuvs[0])
            targets = [t for t in tuvs if t is not source]
            notes = tuple(x.text(out.text).strip() for x in tu.children("note"))
            for tuv in targets:
                seg_id = tuid if len(targets) == 1 else f"{tuid}/{_lang(tuv)}"
                out.add(
                    seg_id,
                    source.child("seg"),
                    tuv.child("seg"),
                    unit=tuid,
                    notes=notes,
                    source_lang=_lang(source),
                    target_lang=_lang(tuv),
                )


TMX = register(TmxReader())
register(TmxReader(keep_approved=True))
