"""TBX (ISO 30042) reading and writing: one concept entry per glossary entry.

Within the target-language section, a term whose administrativeStatus is preferred (or that has
no status) becomes the preferred form, admitted terms become accepted forms, and deprecated or
superseded terms become variants. Terms of the source-language section become `source`.
Both TBX-Basic/v2 (`termEntry`, `langSet`, `tig`) and TBX v3 (`conceptEntry`, `langSec`,
`termSec`) element names are read.
"""

from __future__ import annotations

from lxml import etree

from ..errors import GlossaryError, GlossaryProblem
from .build import RawEntry, RawGlossary

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _local(tag) -> str:
    # A string split, not etree.QName: a 100,000-concept file has millions of elements.
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _children(el, *names):
    return [c for c in el if _local(c.tag) in names]


def _status(term_group) -> str:
    for note in term_group.iter("{*}termNote", "{*}descrip"):
        if note.get("type") in (
            "administrativeStatus",
            "normativeAuthorization",
        ):
            return (note.text or "").strip()
    return ""


def parse_tbx(data: bytes, path: str) -> RawGlossary:
    try:
        parser = etree.XMLParser(resolve_entities=False, no_network=True)
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise GlossaryError([GlossaryProblem(path, exc.lineno, f"XML error: {exc.msg}")]) from None
    entries: list[RawEntry] = []
    target_lang = "en"
    source_lang = "ar"
    # Only the concept elements are visited ({*}: in any namespace or none), and within them
    # only the elements each step reads.
    for concept in root.iter("{*}termEntry", "{*}conceptEntry"):
        data_: dict = {"id": concept.get("id")} if concept.get("id") else {}
        preferred, accepted, variants, source = None, [], [], []
        for section in _children(concept, "langSet", "langSec"):
            lang = (section.get(XML_LANG) or "").lower()
            for group in _children(section, "tig", "termSec", "ntig"):
                term = next(group.iter("{*}term"), None)
                if term is None:
                    continue
                # A term without markup inside is its text (no itertext generator to join).
                text = (term.text or "" if not len(term) else "".join(term.itertext())).strip()
                if not lang.startswith("en"):
                    source.append(text)
                    source_lang = lang or source_lang
                    continue
                target_lang = lang
                status = _status(group)
                if status.startswith(("deprecated", "superseded")):
                    variants.append(text)
                elif status.startswith("admitted"):
                    accepted.append(text)
                elif preferred is None:
                    preferred = text
                else:
                    accepted.append(text)
        for note in concept.iter("{*}note", "{*}descrip"):
            if note.get("type") in (None, "definition") and (note.text or "").strip():
                data_["note"] = note.text.strip()
                break
        data_.update({"preferred": preferred, "variants": variants})
        if accepted:
            data_["accepted"] = accepted
        if source:
            data_["source"] = source
        entries.append(RawEntry(data_, concept.sourceline))
    if not entries:
        raise GlossaryError([GlossaryProblem(path, None, "no termEntry/conceptEntry elements")])
    return RawGlossary(
        entries=entries,
        name=path.rsplit("/", 1)[-1].rsplit(".", 1)[0],
        source_language=source_lang,
        target_language=target_lang,
    )
