"""A light element tree of decoded XML text that knows where every element and text run is.

lxml says whether a file is well-formed and safe, but not at which character an element starts;
findings and fixes need offsets into the text. This scanner walks an XML text that lxml has
already accepted (so it may assume well-formedness) with one regular expression, and builds nodes
holding their offsets: the start tag, the content, the end tag, and the runs of text, CDATA and
comments between child elements. Names lose their namespace prefix (`x:trans-unit`, `sdl:seg`):
the XLIFF flavours put the same elements under different prefixes, or under none.
"""

from __future__ import annotations

import re

# One token: a comment, CDATA, a processing instruction, a DOCTYPE (with an internal subset), an
# end tag, or a start tag (attribute values may hold '>', so they are matched as quoted strings).
_TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<!\[CDATA\[.*?\]\]>"
    r"|<\?.*?\?>"
    r"|<!DOCTYPE(?:[^\[>]|\[.*?\])*>"
    r"|</[^>]*>"
    r"""|<[^\s/>!?]+(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*/?>""",
    re.S,
)
_ATTR = re.compile(r"""([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_NAME = re.compile(r"<([^\s/>]+)")
_REF = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|amp|lt|gt|quot|apos);")
_PREDEFINED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}

TEXT = "text"
CDATA = "cdata"
OTHER = "other"  # comment or processing instruction: never prose


def _ref(m: re.Match) -> str:
    name = m.group(1)
    if name[0] == "#":
        try:
            return chr(int(name[2:], 16) if name[1] in "xX" else int(name[1:]))
        except (ValueError, OverflowError):
            return m.group()
    return _PREDEFINED[name]


def unescape(text: str) -> str:
    """The characters XML text stands for (the five predefined entities and character refs)."""
    return _REF.sub(_ref, text) if "&" in text else text


def local(name: str) -> str:
    return name.rpartition(":")[2]


class Node:
    """One element: its name, attributes (parsed on first use) and where its parts are."""

    __slots__ = ("_attrs", "_tag", "content", "end", "inner_end", "inner_start", "name", "start")

    def __init__(self, name: str, tag: str, start: int, inner_start: int):
        self.name = name  # local name, without prefix
        self._tag = tag
        self._attrs: dict[str, str] | None = None
        self.start = start  # '<' of the start tag
        self.inner_start = inner_start  # after the start tag
        self.inner_end = -1  # '<' of the end tag (== inner_start for an empty element)
        self.end = -1  # after the end tag
        # Content in order: Node children, or (kind, start, end) runs of TEXT, CDATA (inner
        # data) or OTHER (comments, PIs).
        self.content: list = []

    @property
    def attrs(self) -> dict[str, str]:
        """Local attribute names -> unescaped values (most elements are never asked)."""
        if self._attrs is None:
            self._attrs = _attrs(self._tag)
        return self._attrs

    def children(self, name: str | None = None) -> list[Node]:
        return [c for c in self.content if isinstance(c, Node) and (name is None or c.name == name)]

    def child(self, name: str) -> Node | None:
        for c in self.content:
            if isinstance(c, Node) and c.name == name:
                return c
        return None

    def iter(self, name: str | None = None):
        """Every descendant element (and self) in document order, without recursion."""
        stack = [self]
        while stack:
            node = stack.pop()
            if name is None or node.name == name:
                yield node
            stack.extend(reversed([c for c in node.content if isinstance(c, Node)]))

    def text(self, source: str) -> str:
        """All character data inside, entities decoded (what a reader of the element sees)."""
        out: list[str] = []
        for item in self.content:
            if isinstance(item, Node):
                out.append(item.text(source))
            elif item[0] == TEXT:
                out.append(unescape(source[item[1] : item[2]]))
            elif item[0] == CDATA:
                out.append(source[item[1] : item[2]])
        return "".join(out)


def _attrs(tag: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for m in _ATTR.finditer(tag):
        raw = m.group(2) if m.group(2) is not None else m.group(3)
        name = m.group(1)
        # xml:lang stays distinguishable from a tool's own "lang"; other prefixes are dropped,
        # but an unprefixed attribute wins over a prefixed one (version vs its:version).
        if name.startswith("xml:"):
            out[name] = unescape(raw)
        elif ":" in name:
            out.setdefault(local(name), unescape(raw))
        else:
            out[name] = unescape(raw)
    return out


def scan(text: str) -> Node:
    """The root element of a well-formed XML text, with offsets (`text` must have passed lxml)."""
    root: Node | None = None
    stack: list[Node] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        s, e = m.span()
        if stack and s > pos:
            stack[-1].content.append((TEXT, pos, s))
        pos = e
        tok = m.group()
        c1 = tok[1]
        if c1 == "!":
            if stack:
                if tok.startswith("<![CDATA["):
                    stack[-1].content.append((CDATA, s + 9, e - 3))
                else:
                    stack[-1].content.append((OTHER, s, e))
            continue
        if c1 == "?":
            if stack:
                stack[-1].content.append((OTHER, s, e))
            continue
        if c1 == "/":
            node = stack.pop()
            node.inner_end = s
            node.end = e
            continue
        name = local(_NAME.match(tok).group(1))
        node = Node(name, tok, s, e)
        if stack:
            stack[-1].content.append(node)
        elif root is None:
            root = node
        if tok.endswith("/>"):
            node.inner_end = e
            node.end = e
        else:
            stack.append(node)
    if root is None:
        raise ValueError("no root element")
    return root
