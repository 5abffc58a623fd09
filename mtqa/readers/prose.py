"""The prose of a text file, shared by the text readers: inline holes, front matter, citations.

Inside a line of prose, `prose_spans` finds the spans between holes. Never prose: front-matter
keys other than the prose ones, and inline: code spans, tags and attributes, Liquid and kramdown
tags, link and image targets, autolinks, bare URLs, DOIs and e-mail addresses. Blocks under a
References / Bibliography / Works cited heading, and a Recommended Citation, are marked CITATION
(the patterns are here). The plain-text reader (`text.py`) and the Markdown reader both use them.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator

from ..documents.model import FRONT_MATTER, Block

# Front-matter keys whose values are prose a reader sees. Every other key (`parent`,
# `permalink`, `layout`, `slug`, `tags`, ...) may be referred to by other pages: never touched.
PROSE_FRONT_MATTER_KEYS = frozenset(
    {"title", "description", "summary", "subtitle", "excerpt", "abstract", "caption"}
)

CITATION_HEADING = re.compile(
    r"^(?:\d+[.)]?\s*)?(?:references?|bibliography|works\s+cited|literature\s+cited|"
    r"sources|citations?|recommended\s+citation|how\s+to\s+cite|cite\s+(?:this|as))\b",
    re.I,
)
CITATION_PARAGRAPH = re.compile(r"^\W*(?:recommended\s+citation|how\s+to\s+cite|cite\s+as)\b", re.I)

_FRONT_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*[:=]\s*(.*?)\s*$")

# Inline holes, each with the strings that must occur in a line for it to be possible. Only the
# alternatives whose trigger is present are compiled into the pattern for that line: a line of
# plain prose pays for one `in` test per kind, not for a regex with a dozen alternatives tried
# at every position.
_HOLE_KINDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("`",), r"(?P<tick>`+)(?:.+?)(?<!`)(?P=tick)(?!`)"),  # inline code
    # Each scan stops at the next opening of its own kind, so unclosed openings stay linear.
    (("<!--",), r"<!--(?:(?!<!--).)*?-->"),  # HTML comment
    (("<",), r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"),  # HTML tag with attributes
    (("<",), r"<(?:https?|ftp|mailto):[^>\s]*>"),  # autolink
    (("{%",), r"\{%(?:(?!\{%).)*?%\}"),  # Liquid tag
    (("{{",), r"\{\{(?:(?!\{\{).)*?\}\}"),  # Liquid output
    (("{:",), r"\{:[^}\n]*\}"),  # kramdown IAL, {:toc}
    (("](",), r"(?<=\])\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"),  # link target
    (("][",), r"(?<=\])\[[^\]]*\]"),  # reference-link label
    (("[^",), r"\[\^[^\]]+\]"),  # footnote marker
    (("://",), r"\b(?:https?|ftp)://[^\s<>\"'`]+[^\s<>\"'`.,;:!?)\]]"),  # bare URL
    (("www.",), r"\bwww\.[^\s<>\"'`]+[^\s<>\"'`.,;:!?)\]]"),
    (("10.",), r"\b(?:doi:\s*)?10\.\d{4,9}/[^\s<>\"'`]+[^\s<>\"'`.,;:!?)\]]"),  # DOI
    (("@",), r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),  # e-mail address
    (("&",), r"&[A-Za-z]+;|&\#\d+;"),  # HTML entity
)
_hole_patterns: dict[tuple[int, ...], re.Pattern | None] = {}


_NON_SPACE = re.compile(r"\S")
# Every trigger of _HOLE_KINDS, for the quick "can this line hold a hole at all?" test.
HOLE_TRIGGERS = tuple(sorted({t for triggers, _ in _HOLE_KINDS for t in triggers}))


# (trigger, kind) pairs in the order of the kinds: one flat loop of `in` tests, where a
# generator per kind cost more than the scan itself on a short paragraph.
_TRIGGER_KINDS = tuple((t, i) for i, (triggers, _) in enumerate(_HOLE_KINDS) for t in triggers)


def _hole_pattern(present: Container[str]) -> re.Pattern | None:
    """The pattern of the hole kinds whose triggers are `in present` (see prose_spans)."""
    active = tuple(dict.fromkeys([i for t, i in _TRIGGER_KINDS if t in present]))
    if active not in _hole_patterns:
        alternation = "|".join(f"(?:{_HOLE_KINDS[i][1]})" for i in active)
        _hole_patterns[active] = re.compile(alternation, re.S) if active else None
    return _hole_patterns[active]


def prose_spans(
    text: str, start: int, end: int, present: Container[str] | None = None
) -> tuple[tuple[int, int], ...]:
    """The spans of text[start:end] that are prose, the holes cut out.

    `present`: the strings of HOLE_TRIGGERS that occur in text[start:end], for a caller that
    knows them already (the Markdown reader finds them once for the whole text); without it,
    each is looked for in the chunk, a scan of it per trigger.
    """
    # `in` below: a substring test on the chunk, or membership in the caller's set.
    chunk = text[start:end] if present is None else present
    for trigger in HOLE_TRIGGERS:
        if trigger in chunk:
            break
    else:  # plain prose: no hole is possible (substring tests are C scans, far cheaper than a regex)
        return ((start, end),) if _NON_SPACE.search(text, start, end) else ()
    pattern = _hole_pattern(chunk)
    spans = []
    pos = start
    for m in pattern.finditer(text, start, end):
        if m.start() > pos:
            spans.append((pos, m.start()))
        pos = max(pos, m.end())
    if pos < end:
        spans.append((pos, end))
    return tuple(s for s in spans if text[s[0] : s[1]].strip())


def lines_of(text: str, pos: int = 0) -> Iterator[tuple[int, int, str]]:
    """(start, end-without-newline, line) for each line from `pos`."""
    n = len(text)
    find = text.find
    while pos < n:
        nl = find("\n", pos)
        if nl == -1:
            nl = nxt = n
        else:
            nxt = nl + 1
        end = nl - 1 if nl > pos and text[nl - 1] == "\r" else nl
        yield pos, end, text[pos:end]
        pos = nxt


def front_matter_blocks(text: str) -> tuple[int, list[Block]]:
    """Length of the front matter (0 if none) and the prose blocks of its prose keys."""
    if text.startswith("---"):
        fence = "---"
    elif text.startswith("+++"):
        fence = "+++"
    else:
        return 0, []
    lines = lines_of(text)
    first = next(lines)
    if first[2].rstrip() != fence:
        return 0, []
    blocks = []
    for start, end, line in lines:
        if line.rstrip() in (fence, "...") and not (fence == "+++" and line.rstrip() == "..."):
            nl = text.find("\n", end)
            return (len(text) if nl == -1 else nl + 1), blocks
        m = _FRONT_KEY.match(line)
        if m and m.group(1).lower() in PROSE_FRONT_MATTER_KEYS and m.group(2):
            vstart = start + m.start(2)
            vend = start + m.end(2)
            value = text[vstart:vend]
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
                vstart, vend = vstart + 1, vend - 1
            if value[:1] not in "|>[{":
                spans = prose_spans(text, vstart, vend)
                if spans:
                    blocks.append(Block(vstart, vend, spans, FRONT_MATTER, heading=True))
    # An opening fence without a closing one is not front matter.
    return 0, []


_HEADING_MARKUP = re.compile(r"[*_#:\s]+")


def heading_text(line: str) -> str:
    return _HEADING_MARKUP.sub(" ", line).strip()
