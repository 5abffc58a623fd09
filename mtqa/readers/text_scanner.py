"""Find the prose in plain text (PDF conversions), and the pieces every text reader shares.

The plain-text reader's line scanner, deliberately forgiving (converted PDFs are not CommonMark,
and a `.txt` file is no Markdown); the Markdown reader uses a real parser and borrows from here
the inline holes (`prose_spans`), front matter, and the citation-section patterns. It yields
paragraph-like blocks and, inside each, the prose spans between holes. Never prose: front-matter
keys other than the prose ones, fenced and indented code, `<style>`/`<script>`/`<pre>` blocks,
HTML comments, Liquid block tags, and inline: code spans, tags and attributes, Liquid and
kramdown tags, link and image targets, autolinks, bare URLs, DOIs and e-mail addresses. Blocks
under a References / Bibliography / Works cited heading, and a Recommended Citation, are marked
CITATION.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterator

from ..documents.model import CITATION, FRONT_MATTER, PROSE, Block

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

_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+|$)")
_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]+|$)")
_RAW_HTML_OPEN = re.compile(r"^\s*<(style|script|pre|textarea|svg|math)\b", re.I)
_HTML_COMMENT_OPEN = re.compile(r"^\s*<!--")
_LIQUID_RAW_OPEN = re.compile(r"\{%-?\s*(raw|highlight|comment|capture)\b[^%]*%\}")
_REFERENCE_DEF = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
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


def _lines(text: str, pos: int = 0) -> Iterator[tuple[int, int, str]]:
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
    lines = _lines(text)
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


def scan_markdown(text: str) -> tuple[Block, ...]:
    fm_end, blocks = front_matter_blocks(text)
    body = _Scanner(text, fm_end)
    return tuple(blocks) + tuple(body.blocks())


class _Scanner:
    def __init__(self, text: str, start: int):
        self.text = text
        self.start = start

    def blocks(self) -> Iterator[Block]:
        text = self.text
        para: list[tuple[int, int]] = []  # lines of the current paragraph
        para_kind = PROSE
        citation_level: int | None = None
        skip_until: re.Pattern | None = None
        fence: str | None = None
        prev_blank = True
        in_list = False

        def flush() -> Iterator[Block]:
            nonlocal para, para_kind
            if para:
                s, e = para[0][0], para[-1][1]
                spans = prose_spans(text, s, e)
                kind = para_kind
                if kind == PROSE and CITATION_PARAGRAPH.match(text, s, e):
                    kind = CITATION
                if spans:
                    # Spans of one paragraph are joined across line breaks by the matcher:
                    # merge consecutive line spans so a term broken across lines is one span.
                    yield Block(s, e, _merge_line_spans(text, spans), kind)
            para = []
            para_kind = PROSE if citation_level is None else CITATION

        for ls, le, line in _lines(text, self.start):
            if fence is not None:
                if re.match(rf"^ {{0,3}}{re.escape(fence[0])}{{{len(fence)},}}\s*$", line):
                    fence = None
                continue
            if skip_until is not None:
                if skip_until.search(line):
                    skip_until = None
                continue
            stripped = line.strip()
            if not stripped:
                if para:
                    yield from flush()
                prev_blank = True
                continue
            if line[0].isalpha():
                # Fast path: a line that starts with a letter is running prose (no fence, tag,
                # heading, list item or table can start so); only a bare "References" line
                # needs a look.
                if prev_blank and len(stripped) < 40 and CITATION_HEADING.match(heading_text(line)):
                    citation_level = 7
                    para_kind = CITATION
                para.append((ls, le))
                prev_blank = False
                continue
            m = _FENCE.match(line)
            if m:
                yield from flush()
                fence = m.group(1)
                continue
            m = _RAW_HTML_OPEN.match(line)
            if m:
                yield from flush()
                close = re.compile(rf"</{m.group(1)}\s*>", re.I)
                if not close.search(line, m.end()):
                    skip_until = close
                continue
            if _HTML_COMMENT_OPEN.match(line):
                yield from flush()
                if "-->" not in line:
                    skip_until = re.compile("-->")
                continue
            m = _LIQUID_RAW_OPEN.search(line)
            if m and stripped.startswith("{%"):
                yield from flush()
                close = re.compile(r"\{%-?\s*end" + m.group(1) + r"\b")
                if not close.search(line, m.end()):
                    skip_until = close
                continue
            if prev_blank and not in_list and (line.startswith("    ") or line.startswith("\t")):
                continue  # indented code block
            if _REFERENCE_DEF.match(line) or _TABLE_RULE.match(line):
                yield from flush()
                prev_blank = False
                continue
            m = _ATX.match(line)
            if m:
                yield from flush()
                level = len(m.group(1))
                heading = heading_text(line[m.end() :])
                if CITATION_HEADING.match(heading):
                    citation_level = level
                elif citation_level is not None and level <= citation_level:
                    citation_level = None
                kind = CITATION if citation_level is not None else PROSE
                spans = prose_spans(text, ls + m.end(), le)
                if spans:
                    yield Block(ls, le, spans, kind, heading=True)
                para_kind = kind
                prev_blank = False
                in_list = False
                continue
            # A bold-only line that names a citation section in converted PDFs ("**REFERENCES:**").
            if prev_blank and len(stripped) < 40 and CITATION_HEADING.match(heading_text(line)):
                citation_level = 7
                para_kind = CITATION
            if _LIST_ITEM.match(line):
                yield from flush()
                in_list = True
            elif stripped.startswith("|"):
                yield from flush()
            para.append((ls, le))
            prev_blank = False
        yield from flush()


def _merge_line_spans(text: str, spans: tuple[tuple[int, int], ...]) -> tuple[tuple[int, int], ...]:
    """Join spans separated only by a line break, so the matcher sees one run of prose."""
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and not text[merged[-1][1] : s].strip():
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return tuple(merged)
