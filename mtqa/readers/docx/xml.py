"""WordprocessingML names and the safe parser for a package's XML parts."""

from __future__ import annotations

import re

from ...errors import InputError

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W_STRICT_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
M_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.I)


class Names:
    """Clark names (`{ns}local`) of the WordprocessingML elements the reader and writer use,
    for one namespace (transitional or strict OOXML)."""

    def __init__(self, ns: str = W_NS):
        self.ns = ns
        for local in (
            "p", "r", "t", "b", "tab", "br", "cr", "pPr", "rPr", "pStyle", "outlineLvl", "ins", "del",
            "moveFrom", "moveTo", "delText", "instrText", "delInstrText", "fldChar", "fldSimple",
            "hyperlink", "smartTag", "customXml", "sdt", "sdtContent", "sdtPr", "tbl", "tr", "tc",
            "txbxContent", "body", "footnote", "endnote", "hdr", "ftr", "softHyphen",
            "noBreakHyphen", "sym", "drawing", "pict", "object", "footnoteReference",
            "endnoteReference", "footnoteRef", "endnoteRef", "ptab", "rPrChange",
            "lastRenderedPageBreak", "commentRangeStart", "commentRangeEnd", "commentReference",
            "comment", "comments", "annotationRef", "bookmarkStart", "bookmarkEnd", "proofErr",
            "dir", "bdo", "style", "name", "rStyle", "lang", "noProof", "vanish", "webHidden",
            "id", "author", "date", "type", "val", "fldCharType", "styleId", "initials",
            "ruby", "rt", "rubyBase", "altChunk", "separator", "continuationSeparator",
            "pPrChange", "sectPr",
        ):
            setattr(self, local, f"{{{ns}}}{local}")
        self.delete = f"{{{ns}}}del"  # `del` is a Python keyword
        self.generated = frozenset(
            f"{{{ns}}}{local}"
            for local in ("pgNum", "dayShort", "dayLong", "monthShort", "monthLong", "yearShort",
                          "yearLong", "contentPart")
        )


W = Names(W_NS)
MC_ALTERNATE = f"{{{MC_NS}}}AlternateContent"
MC_CHOICE = f"{{{MC_NS}}}Choice"
MC_FALLBACK = f"{{{MC_NS}}}Fallback"
MATH_TAGS = frozenset((f"{{{M_NS}}}oMath", f"{{{M_NS}}}oMathPara"))


def first_child(element, tag: str):
    """The first child of `element` named `tag` (a Clark name), or None: what `find(tag)`
    gives, without lxml's ElementPath machinery, which costs more than the look-up itself."""
    return next(element.iterchildren(tag), None)


def names_for(root) -> Names:
    """The names of the namespace a part's root uses (strict OOXML has its own)."""
    ns = root.tag[1:].partition("}")[0] if isinstance(root.tag, str) else W_NS
    return W if ns != W_STRICT_NS else Names(W_STRICT_NS)


def parse_part(data: bytes, path: str, part: str):
    """The root element of one XML part; InputError for hostile or broken XML."""
    from ..safexml import parse_bytes

    if _DOCTYPE.search(data, 0, 4096):
        raise InputError(path, f"refused: {part} declares a DOCTYPE (Word parts never do)")
    # The parser of every XML format: no entities, DTDs or network, and libxml2's own limits
    # (nesting depth, the size of one text node), so the walk over a part recurses no deeper.
    try:
        return parse_bytes(data, path)
    except InputError as exc:
        raise InputError(path, f"{part}: {exc.reason}") from None


def serialize(root, original: bytes) -> bytes:
    """A part written back with the declaration it had (Word writes `standalone="yes"`)."""
    from lxml import etree

    standalone = None
    head = original[:200]
    if b"standalone=\"yes\"" in head or b"standalone='yes'" in head:
        standalone = True
    elif b"standalone=\"no\"" in head:
        standalone = False
    if not head.lstrip().startswith(b"<?xml"):
        return etree.tostring(root, encoding="UTF-8", xml_declaration=False)
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, standalone=standalone)
