"""Markdown through a real CommonMark parser, with the syntax of static-site generators masked.

Why pyromark (pulldown-cmark): measured on the seed article it parses about 40 MB/s to Python
events and gives a source range for every block and inline node; markdown-it-py gives block
positions only (5.6 MB/s), markdown-it-pyrs about 57 MB/s. CommonMark + GFM tables, footnotes,
strikethrough, task lists and heading attributes are on.

Three steps:
1. **Mask** what no CommonMark parser knows, replacing it by a same-length run of a neutral
   character so every offset still points into the original text: front matter, Liquid
   (`{% %}`, `{{ }}`, and the bodies of `raw`/`highlight`/`comment`), Hugo shortcodes (the tag
   always; the body of code-bearing ones), kramdown attribute lists and heading ids, MkDocs
   admonition and tab openers, markdown-it container fences (`:::`), emoji shortcodes. A masked
   region that fills its lines becomes spaces (blank lines, so it separates blocks); one inside
   a line becomes a run of `x` (plain text, so the line keeps its shape).
2. **Dedent** MkDocs admonition and tab bodies (indented by four spaces, which CommonMark reads
   as code) with an offset map back to the original, so they are parsed as the prose they are.
3. **Walk** the parser's events: text in paragraphs, headings, table cells, list items and HTML
   blocks is prose; everything else is a hole: code spans and blocks, HTML tags and the text of
   `<code>`, `<pre>`, `<kbd>`, `<samp>`, `<var>`, `<script>`, `<style>`; link and image targets;
   the text of shortcut and collapsed reference links (it is their label); autolinks, bare URLs,
   DOIs, e-mail addresses, entities, footnote markers, task-list markers, and every masked
   region.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left, bisect_right
from typing import NamedTuple

from ..documents.model import CITATION, LOCKED, PROSE, Block, ReadOptions
from . import register
from .base import Parsed, Reader
from .prose import (
    CITATION_HEADING,
    CITATION_PARAGRAPH,
    HOLE_TRIGGERS,
    front_matter_blocks,
    heading_text,
    prose_spans,
)

# A plain letter: CommonMark takes it as ordinary text everywhere (a control character, for
# instance, may not stand in a link destination, so a masked `{% link %}` would break the
# reference definition around it).
MASK = "x"
# CITATION_PARAGRAPH without its `^`, which would not match at a `pos` other than 0.
_CITATION_START = re.compile(CITATION_PARAGRAPH.pattern.lstrip("^"), CITATION_PARAGRAPH.flags)
# Characters that start no match of _CITATION_START: word characters other than the first
# letters of its phrases (the pattern skips non-word characters first, so those may).
_NOT_CITATION_STARTS = frozenset(string.ascii_letters + string.digits + "_") - set("rhcRHC")

# Hugo shortcodes whose body is code; a site can name more (`code_shortcodes`).
CODE_SHORTCODES = ("highlight", "code", "code-toggle", "codeblock", "output", "tab-code")

_LIQUID_BODY_OPEN = re.compile(r"\{%-?\s*(raw|highlight|comment)\b[^%]{0,2000}?%\}")
# Tags may run over lines, but not without end: bounded, so a page full of unclosed `{%` stays
# linear instead of scanning to the end of the text from each one.
# A tag never holds the opening of another, so each scan also stops at the next opening.
_LIQUID_TAG = re.compile(r"\{%(?:(?!\{%).){0,2000}?%\}", re.S)
_LIQUID_OUTPUT = re.compile(r"\{\{(?:(?!\{\{).){0,2000}?\}\}", re.S)
_KRAMDOWN_IAL = re.compile(r"\{:[^}\n]*\}")
_ATTR_LIST = re.compile(r"\{\s*[#.][\w-][^{}\n]*\}")
_CONTAINER_LINE = re.compile(r"^[ \t>]*:::.*$", re.M)
# Starts with its literal colon so the regex engine can skip ahead (a leading look-behind made
# this scan the slowest part of reading an article); the boundaries are checked in Python.
_EMOJI = re.compile(r":(?=([a-z0-9_+-]+):)")
_FENCE = re.compile(r"^( *)(`{3,}|~{3,})")
_OPENER = re.compile(r"^( *)(?:!!!|\?\?\?\+?|===)(?:\s|$)")
_DEFINITION_OPENER = re.compile(r"^ *:[ \t]+\S", re.M)
# The same after a line break: a literal first character lets the regex engine skip ahead.
_DEFINITION_LINE = re.compile(r"\n *:[ \t]+\S")
# Reference-link syntax that the parser left as text (no definition in this file: it may be
# defined in an included file): `[text][label]` and `[text][]`.
_REFERENCE_TEXT = re.compile(r"\[[^\[\]\n]*\]\[[^\[\]\n]*\]")

# Inline HTML elements whose text is code, never prose.
_CODE_ELEMENTS = (
    "code",
    "pre",
    "kbd",
    "samp",
    "var",
    "tt",
    "script",
    "style",
    "textarea",
    "svg",
    "math",
)
_CODE_ELEMENT_OPEN = re.compile(r"<(" + "|".join(_CODE_ELEMENTS) + r")\b[^>]*(?<!/)>", re.I)
_CODE_ELEMENT_CLOSE = re.compile(r"</(" + "|".join(_CODE_ELEMENTS) + r")\s*>", re.I)
_CODE_ELEMENT_BLOCK = re.compile(
    r"<(" + "|".join(_CODE_ELEMENTS) + r")\b[^>]*>.*?(?:</\1\s*>|\Z)", re.I | re.S
)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.S)

_NON_SPACE = re.compile(r"\S")
# Words without one of which no line names a citation section (CITATION_HEADING): most short
# lines skip that pattern and its clean-up of the line.
_MAY_NAME_CITATIONS = re.compile(r"(?i)refer|bibl|cite|citat|source")

# The strings without which no inline hole of prose.prose_spans can occur, grouped by
# how `trigger_starts` finds them fastest. Most start with a character rare in prose (`<`, `&`,
# `[`): str.find jumps between its occurrences with memchr, a few microseconds an article.
# Those that start with a letter, digit or colon (`www.`, `10.`, `://`) would stop that jump at
# every word: a regex of the literal string finds them (the regex engine scans for a literal
# prefix in C). One regex of all of them is slower than both: it tries each alternative at
# every letter `w`, digit `1` and colon.
_COMMON_FIRSTS = frozenset(string.ascii_letters + string.digits + ":")
# first character -> the triggers that start with it
_TRIGGERS_AT = {
    first: tuple(t for t in HOLE_TRIGGERS if t[0] == first)
    for first in sorted({t[0] for t in HOLE_TRIGGERS})
}


def _first_pattern(first: str, triggers: tuple[str, ...]) -> re.Pattern:
    """A regex that matches the first character of every occurrence of `triggers` (they all
    start with `first`), and only that character, so that overlapping occurrences (`{{{` holds
    `{{` twice) are all found."""
    if first in triggers:  # `<` is a trigger itself: every `<!--` starts with one
        return re.compile(re.escape(first))
    rests = "|".join(re.escape(t[1:]) for t in triggers)
    return re.compile(f"{re.escape(first)}(?={rests})")


# rare first character -> (its triggers, the regex of their starts)
_TRIGGERS_BY_FIRST = {
    c: (ts, _first_pattern(c, ts)) for c, ts in _TRIGGERS_AT.items() if c not in _COMMON_FIRSTS
}
_TRIGGER_LITERALS = tuple(re.compile(re.escape(t)) for t in HOLE_TRIGGERS if t[0] in _COMMON_FIRSTS)
# Occurrences of a rare first character looked at one by one before the regex of its triggers
# takes over: a page full of code spans or template tags has thousands of them, and the regex
# skips those that start no trigger in C and makes a cheaper step of those that do.
_FIND_TRIES = 64


def trigger_starts(probe: str) -> list[int]:
    """The offsets, sorted, at which a string of HOLE_TRIGGERS starts in `probe` (overlapping
    occurrences included), then `len(probe)` as an end marker. `probe`: the ASCII stand-in
    copy of the text (see `parse_markdown`), one byte a character for memchr."""
    found: list[int] = []
    find, startswith = probe.find, probe.startswith
    for first, (triggers, pattern) in _TRIGGERS_BY_FIRST.items():
        i = find(first)
        tries = 0
        while i != -1:
            if tries == _FIND_TRIES:
                found.extend([m.start() for m in pattern.finditer(probe, i)])
                break
            if startswith(triggers, i):
                found.append(i)
            tries += 1
            i = find(first, i + 1)
    for literal in _TRIGGER_LITERALS:
        m = literal.search(probe)
        while m is not None:
            found.append(m.start())
            m = literal.search(probe, m.start() + 1)
    found.sort()
    found.append(len(probe))
    return found


_OPTIONS = None


def _options() -> int:
    global _OPTIONS
    if _OPTIONS is None:
        import pyromark

        o = pyromark.Options
        _OPTIONS = (
            o.ENABLE_TABLES
            | o.ENABLE_FOOTNOTES
            | o.ENABLE_STRIKETHROUGH
            | o.ENABLE_TASKLISTS
            | o.ENABLE_HEADING_ATTRIBUTES
        )
    return _OPTIONS


# ---------------------------------------------------------------------------- masking
# Occurrences of a needle's first character looked at one by one before `holds` falls back to
# a search for the whole needle.
_HOLDS_TRIES = 48
_LITERALS: dict[str, re.Pattern] = {}  # needle -> its regex, for `holds`


def holds(text: str, needle: str) -> bool:
    """`needle in text`, faster for a needle whose first character is rare in prose (`!!!`,
    `:::`): memchr jumps between that character's occurrences, where a substring search steps
    through the whole text a few characters at a time (30 us for an article, per needle)."""
    first = needle[0]
    find = text.find
    i = find(first)
    tries = 0
    while i != -1:
        if text.startswith(needle, i):
            return True
        tries += 1
        if tries == _HOLDS_TRIES:
            # A common character after all: the regex engine's scan for a literal goes through
            # the rest at twice the speed of str.find on a needle this short.
            literal = _LITERALS.get(needle)
            if literal is None:
                literal = _LITERALS[needle] = re.compile(re.escape(needle))
            return literal.search(text, i + 1) is not None
        i = find(first, i + 1)
    return False


def site_syntax_holes(
    text: str,
    front_matter_end: int,
    code_shortcodes: tuple[str, ...] = CODE_SHORTCODES,
    probe: str | None = None,
) -> list[tuple[int, int]]:
    """Regions of `text` that are static-site syntax, sorted and merged. `probe`: the text's
    ASCII stand-in copy, for the substring tests (see `parse_markdown`)."""
    probe = text if probe is None else probe
    holes: list[tuple[int, int]] = []
    if front_matter_end:
        holes.append((0, front_matter_end))
    # One-character tests first: memchr answers them at once, where a two-character needle is
    # searched a few bytes at a time (a tenth of reading an article, for syntax it lacked).
    braces = "{" in probe
    if braces and "{%" in probe:
        holes.extend(
            _bodies(text, _LIQUID_BODY_OPEN, lambda name: r"\{%-?\s*end" + name + r"\s*-?%\}")
        )
        holes.extend(m.span() for m in _LIQUID_TAG.finditer(text))
    if braces and "{{" in probe:
        # Longest names first, and a name ends at a space or the tag's end: `code` must not
        # take the start of `code-toggle`.
        names = "|".join(re.escape(n) for n in sorted(code_shortcodes, key=len, reverse=True))
        opener = re.compile(r"\{\{[<%]\s*(" + names + r")(?=[\s>%])[^\n]{0,2000}?[>%]\}\}")
        holes.extend(_bodies(text, opener, lambda name: r"\{\{[<%]\s*/" + name + r"\s*[>%]\}\}"))
        holes.extend(m.span() for m in _LIQUID_OUTPUT.finditer(text))
    if braces:
        holes.extend(m.span() for m in _KRAMDOWN_IAL.finditer(text))
        holes.extend(m.span() for m in _ATTR_LIST.finditer(text))
    if holds(probe, ":::"):
        holes.extend(m.span() for m in _CONTAINER_LINE.finditer(text))
    if ":" in probe:
        holes.extend(_emoji_shortcodes(text))
    return merge_intervals(holes)


def _bodies(text: str, opener: re.Pattern, closer_for) -> list[tuple[int, int]]:
    """Regions from an opening tag to its closing one (`{% raw %}` ... `{% endraw %}`).

    Paired in one pass: a name whose closer is missing from some point on is not searched for
    again, so unclosed openers cost linear time, not a scan to the end from each one.
    """
    found = []
    closers: dict[str, re.Pattern] = {}
    unclosed_after: dict[str, int] = {}
    pos = 0
    while True:
        m = opener.search(text, pos)
        if m is None:
            return found
        name = m.group(1)
        if m.start() >= unclosed_after.get(name, len(text) + 1):
            pos = m.end()
            continue
        closer = closers.get(name)
        if closer is None:
            closer = closers[name] = re.compile(closer_for(re.escape(name)))
        c = closer.search(text, m.end())
        if c is None:
            unclosed_after[name] = m.start()
            pos = m.end()
            continue
        found.append((m.start(), c.end()))
        pos = c.end()


def _emoji_shortcodes(text: str) -> list[tuple[int, int]]:
    """`:name:` not glued to a word or another colon on either side (not `a:b:c`, `10:30:`)."""
    found = []
    n = len(text)
    for m in _EMOJI.finditer(text):
        s = m.start()
        e = s + len(m.group(1)) + 2
        before = text[s - 1] if s else " "
        after = text[e] if e < n else " "
        if (
            before != ":"
            and not before.isalnum()
            and before != "_"
            and after != ":"
            and not (after.isalnum() or after == "_")
        ):
            found.append((s, e))
    return found


def merge_intervals(intervals: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for s, e in sorted(intervals):
        if e <= s:
            continue
        if out and s <= out[-1][1]:
            if e > out[-1][1]:
                out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


def merge_into_sorted(
    holes: list[tuple[int, int]], starts: list[int], extra: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]], list[int]]:
    """`merge_intervals(holes + extra)` and its starts, for `holes` that merge_intervals made (sorted, apart)
    and `starts` theirs. Only the holes that reach the span of `extra` are merged again: a
    page of many HTML blocks adds a few holes per block to a list of thousands."""
    extra = [h for h in extra if h[1] > h[0]]
    if not extra:
        return holes, starts
    lo = min(h[0] for h in extra)
    hi = max(h[1] for h in extra)
    # Holes that end before `lo` or start after `hi` cannot touch any of `extra`, nor (being
    # apart) any hole that does.
    i = bisect_left(starts, lo)
    if i and holes[i - 1][1] >= lo:
        i -= 1
    j = bisect_right(starts, hi)
    middle = merge_intervals(holes[i:j] + extra)
    return holes[:i] + middle + holes[j:], starts[:i] + [h[0] for h in middle] + starts[j:]


def mask(text: str, holes: list[tuple[int, int]], base: str | None = None) -> str:
    """`text` with each hole replaced by a same-length neutral run (line breaks kept).

    `base`: a copy of `text` of the same length (its ASCII stand-in) to take what lies between
    the holes from; which fill a hole gets is still judged on `text` (a no-break space is white
    space there, not in the copy). The stand-in of the masked text, without a second pass of
    the encoder over it."""
    if not holes:
        return text if base is None else base
    between = text if base is None else base
    parts = []
    pos = 0
    for s, e in holes:
        parts.append(between[pos:s])
        line_start = text.rfind("\n", 0, s) + 1
        line_end = text.find("\n", e)
        if line_end == -1:
            line_end = len(text)
        whole_lines = not text[line_start:s].strip() and not text[e:line_end].strip()
        fill = " " if whole_lines else MASK
        parts.append(re.sub(r"[^\r\n]", fill, text[s:e]))
        pos = e
    parts.append(between[pos:])
    return "".join(parts)


# ---------------------------------------------------------------------------- dedenting
class Dedented(NamedTuple):
    offsets: list[int] | None  # offset in `text` -> offset in the original; None: unmoved
    openers: list[tuple[int, int]]  # admonition and tab opener lines: holes
    definitions: list[tuple[int, int]]  # definition-list items: report, never fix
    # The ranges of the original whose concatenation is the moved text (what `offsets` maps),
    # so that the text is put together from slices, not character by character.
    pieces: list[tuple[int, int]]


def dedent_admonitions(text: str, probe: str | None = None) -> Dedented:
    """Where MkDocs admonition, tab and definition bodies move left by four spaces per level:
    a map from the moved text's offsets to the original's (the parser reads the masked text
    through it).

    Openers inside fenced code are code, not openers. Definition-list bodies (`:   text`, a
    Python-Markdown extension) are read as prose, but CommonMark reads their later paragraphs
    as indented code; so their findings are reported and never fixed.
    """
    probe = text if probe is None else probe  # the ASCII stand-in copy: see parse_markdown
    if (
        not holds(probe, "!!!")
        # On the text, not the copy: the copy writes `?` for each non-ASCII character, and
        # three in a row (any word of Arabic) would send every such page down the slow path.
        and not holds(text, "???")
        and not holds(probe, "===")
        # On the copy it matches wherever it matches the text (and maybe more): a prefilter.
        and not _DEFINITION_LINE.search(probe)
        and not _DEFINITION_OPENER.match(text)
    ):
        return Dedented(None, [], [], [])
    pieces: list[tuple[int, int]] = []
    openers: list[tuple[int, int]] = []
    definitions: list[tuple[int, int]] = []
    bodies: list[int] = []
    open_definitions: list[tuple[int, int]] = []  # (indent, start) of definitions being read
    fence: tuple[str, int, int] | None = None  # character, length, indentation
    pos = 0
    moved = False
    for line in text.splitlines(keepends=True):
        content = line.rstrip("\r\n")
        indent = len(content) - len(content.lstrip(" "))
        while bodies and content.strip() and indent < bodies[-1] + 4:
            bodies.pop()
            if open_definitions and open_definitions[-1][0] == len(bodies):
                definitions.append((open_definitions.pop()[1], pos))
        # A blank line loses at most its own spaces, never its line break.
        shift = min(4 * len(bodies), len(line) - len(line.lstrip(" ")))
        if shift and not line[:shift].strip():
            moved = True
            kept = line[shift:]
            pieces.append((pos + shift, pos + len(line)))
        else:
            kept = line
            pieces.append((pos, pos + len(line)))
        dedented = kept.rstrip("\r\n")
        m = _FENCE.match(dedented)
        if fence is not None:
            # A closing fence: the same character, at least as long, no info string, and
            # indented less than four columns past the opening one (deeper is code content).
            if (
                m
                and m.group(2)[0] == fence[0]
                and len(m.group(2)) >= fence[1]
                and len(m.group(1)) < fence[2] + 4
                and not dedented[m.end() :].strip()
            ):
                fence = None
        elif m:
            fence = (m.group(2)[0], len(m.group(2)), len(m.group(1)))
        elif _OPENER.match(dedented):
            openers.append((pos, pos + len(content)))
            bodies.append(indent)
        elif _DEFINITION_OPENER.match(dedented):
            open_definitions.append((len(bodies), pos))
            bodies.append(indent)
        pos += len(line)
    definitions.extend((start, pos) for _, start in open_definitions)
    if not moved and not openers and not definitions:
        return Dedented(None, [], [], [])
    if not moved:  # the map is wanted only where a line moved (a page of `===` has none)
        return Dedented(None, openers, sorted(definitions), pieces)
    offsets: list[int] = []
    for a, b in pieces:
        offsets.extend(range(a, b))
    offsets.append(pos)
    return Dedented(offsets, openers, sorted(definitions), pieces)


# ---------------------------------------------------------------------------- ASCII stand-ins
def ascii_stand_ins(text: str) -> str:
    """`text` with every non-ASCII character replaced by `?` (same length in characters).

    The parser reports UTF-8 byte offsets. Rather than convert each one, it parses this copy, in
    which byte offsets are character offsets. A non-ASCII character counts as punctuation there,
    which only matters to emphasis next to it (CommonMark's flanking rules) and to reference
    labels that differ in non-ASCII letters alone (they may then match, which only turns prose
    into a hole). Block structure does not change: it is made of ASCII characters.
    """
    if text.isascii():
        return text
    return text.encode("ascii", "replace").decode("ascii")


# ---------------------------------------------------------------------------- the walk
_LEAVES = frozenset({"Paragraph", "Heading", "TableCell", "Item"})
_SKIP_TEXT = frozenset({"CodeBlock", "MetadataBlock"})
_LABEL_LINKS = frozenset(
    {
        "Shortcut",
        "Collapsed",
        "ShortcutUnknown",
        "CollapsedUnknown",
        "Autolink",
        "Email",
        "WikiLink",
    }
)


# Inline containers: text inside them still belongs to the list item around them.
_INLINE = frozenset(
    {"Emphasis", "Strong", "Strikethrough", "Link", "Image", "Superscript", "Subscript"}
)


# Blocks are built as plain tuples of Block's fields (see add_block), which nothing checks:
# a field added to Block must be added there too, and this stops the import until it is.
_new_tuple = tuple.__new__
if Block._fields != ("start", "end", "spans", "kind", "heading", "segment"):
    raise ImportError("mtqa.readers.markdown builds Blocks field by field: update add_block")


class _Walker:
    """Turns parser events over the masked (and dedented) text into Blocks of the original."""

    def __init__(
        self,
        original: str,
        parsed_text: str,
        offsets: list[int] | None,
        holes: list[tuple[int, int]],
        probe: str,
    ):
        self.text = original
        self.parsed = parsed_text
        self.offsets = offsets
        self.holes = holes
        self.hole_starts = [h[0] for h in holes]  # for bisection; kept with `holes`
        self.blocks: list[Block] = []
        self.citation_level: int | None = None
        self.report_only: list[tuple[int, int]] = []
        # Whether `][` occurs at all (reference syntax left as text): most pages have none,
        # and then no paragraph need look for it.
        self.brackets = True
        # Where strings of HOLE_TRIGGERS start (see flush), found in `probe`, the original's
        # ASCII stand-in copy (see parse_markdown).
        self.probe = probe
        self.trigger_starts = trigger_starts(probe)

    def run(self) -> None:
        import pyromark

        events = pyromark.events_with_range(self.parsed, options=_options())
        if self.offsets is not None:
            # The parser read dedented text: its offsets are mapped back once, here, so that the
            # walk reads every range as an offset into the original in either case.
            events = _in_original(events, self.offsets)
        flush = self.flush
        stack: list[str] = []  # names of the open elements
        push, pop = stack.append, stack.pop
        # The open leaf (a paragraph, heading, table cell or list item) lives in locals, not in
        # an object: the commonest events only append to `ranges`. `leaf` is its kind, None
        # while no leaf is open (text is then dropped); a new leaf always gets a new `ranges`.
        leaf: str | None = None
        start = end = 0
        level: int | None = None  # heading level
        ranges: list[tuple[int, int]] = []  # text ranges, touching ones joined
        hidden = 0  # depth inside link labels and code blocks
        code_elements: list[str] = []  # open inline <code>, <kbd>, ... elements
        label_links: list[bool] = []
        for event, r in events:
            if event.__class__ is str:  # SoftBreak, HardBreak, Rule
                if event == "SoftBreak" and leaf is not None and not hidden:
                    _add_range(ranges, (r["start"], r["end"]))
                continue
            # Every other event is a new dict of one key that nothing else holds: taking its
            # item out is the cheapest way to read it (cheaper than unpacking `.items()`).
            kind, value = event.popitem()
            if kind == "Text":  # the commonest event: _add_range inlined
                if leaf is not None and not hidden and not code_elements:
                    s = r["start"]
                    if ranges and ranges[-1][1] == s:
                        ranges[-1] = (ranges[-1][0], r["end"])
                    else:
                        ranges.append((s, r["end"]))
            elif kind == "End":
                name = pop() if stack else ""
                if name in _LEAVES:
                    if leaf == name and ranges:
                        flush(leaf, start, end, ranges, level)
                    # Text after a nested block inside a list item belongs to that item again.
                    if stack and stack[-1] == "Item":
                        leaf, start, end, ranges, level = "Item", r["end"], r["end"], [], None
                    else:
                        leaf = None
                elif name == "Link" or name == "Image":
                    hidden -= label_links.pop() if label_links else 0
                elif name in _SKIP_TEXT:
                    hidden -= 1
                elif leaf is None and stack and stack[-1] == "Item" and name != "HtmlBlock":
                    leaf, start, end, ranges, level = "Item", r["end"], r["end"], [], None
            elif kind == "Start":
                name = value if value.__class__ is str else next(iter(value))
                if leaf == "Item" and name not in _INLINE:
                    if ranges:
                        flush(leaf, start, end, ranges, level)
                    leaf = None
                push(name)
                if name in _LEAVES:
                    leaf, start, end, ranges = name, r["start"], r["end"], []
                    level = int(value["Heading"]["level"][1:]) if name == "Heading" else None
                elif name == "Link" or name == "Image":
                    is_label = value[name]["link_type"] in _LABEL_LINKS
                    label_links.append(is_label)
                    hidden += is_label
                elif name in _SKIP_TEXT:
                    hidden += 1
                elif name == "HtmlBlock":
                    if leaf is not None and ranges:
                        flush(leaf, start, end, ranges, level)
                    leaf = None
                    self.html_block_holes(r["start"], r["end"])
            elif kind == "InlineHtml":
                m = _CODE_ELEMENT_OPEN.match(value)
                if m:
                    code_elements.append(m.group(1).lower())
                elif code_elements and _CODE_ELEMENT_CLOSE.match(value):
                    code_elements.pop()
            elif kind == "Html":
                self.html_line(r["start"], r["end"])
        if leaf is not None and ranges:
            flush(leaf, start, end, ranges, level)

    # An HTML block is reported line by line: tags, comments and the text of code elements are
    # holes; the text between tags is prose (a link label in a table of contents, a summary).
    def html_line(self, s: int, e: int) -> None:
        text = self.text
        line_end = e - 1 if e > s and text[e - 1] == "\n" else e
        if line_end > s and text[line_end - 1] == "\r":
            line_end -= 1
        if s >= line_end or ("<" not in text[s:line_end] and not text[s:line_end].strip()):
            return
        present = self.triggers_in(bisect_left(self.trigger_starts, s), line_end)
        spans = self.subtract(prose_spans(text, s, line_end, present))
        if spans:
            self.add_block(s, line_end, spans, None)

    def html_block_holes(self, s: int, e: int) -> None:
        """Code elements (`<pre>`, `<code>`, `<style>`, ...) and comments of an HTML block."""
        text = self.text
        extra = [x.span() for x in _CODE_ELEMENT_BLOCK.finditer(text, s, e)]
        extra += [x.span() for x in _HTML_COMMENT.finditer(text, s, e)]
        # Tags, also those whose attributes run over several lines.
        extra += [x.span() for x in _HTML_TAG.finditer(text, s, e)]
        if extra:
            self.holes, self.hole_starts = merge_into_sorted(self.holes, self.hole_starts, extra)

    def flush(
        self, name: str, s: int, e: int, ranges: list[tuple[int, int]], level: int | None
    ) -> None:
        """Make the block of a leaf (`name` from `s` to `e`) whose text `ranges` the walk
        collected (never empty): the prose in them, holes cut out."""
        text = self.text
        # Inline holes the parser does not know (bare URLs, e-mail addresses, DOIs, entities):
        # one scan over the leaf, intersected with its text ranges.
        lo, hi = ranges[0][0], ranges[-1][1]
        # Plain prose (no trigger starts in lo..hi): nothing for the inline scan to cut. (The
        # list ends with the text's length, so the search always lands on an entry.)
        triggers = self.trigger_starts
        k = bisect_left(triggers, lo)
        if triggers[k] >= hi:
            spans = ranges
        else:
            spans = _intersect(ranges, prose_spans(text, lo, hi, self.triggers_in(k, hi)))
        if self.holes:
            spans = self.subtract(spans)
        if self.brackets and text.find("][", s, e) != -1:
            # Reference syntax the parser left as text: its brackets are text, not link syntax.
            starts = sorted(r[0] for r in ranges)
            labels = [
                m.span()
                for m in _REFERENCE_TEXT.finditer(text, s, e)
                if _covered(m.start(), starts, ranges)
            ]
            spans = self.cut(spans, labels)
        if len(spans) == 1:  # most leaves: one run of text
            a, b = spans[0]
            # A span of nothing but white space makes no block. (A first character that is no
            # space settles that the span holds some. An empty span is kept, as the filter
            # below keeps it.)
            if a != b and text[a].isspace() and _NON_SPACE.search(text, a, b) is None:
                return
            merged = spans
        elif spans:
            merged = [
                sp
                for sp in _merge_whitespace_gaps(text, spans)
                if not text[sp[0] : sp[1]].isspace()
            ]
            if not merged:
                return
            a, b = merged[0][0], merged[-1][1]
        else:
            return
        # Blocks never overlap: a list item that holds a nested list ends with its own text,
        # and no block reaches back before the line its text starts on (the parser can report
        # a paragraph's start inside the masked front matter before it). A leaf that starts
        # with its text (most paragraphs) starts on that line already.
        if s < a:
            s = max(s, text.rfind("\n", 0, a) + 1)
        if name == "Item" or e < b:
            e = b
        else:
            while e > b and text[e - 1] in "\r\n":
                e -= 1
        self.add_block(s, e, merged, level)

    def triggers_in(self, k: int, hi: int) -> set[str]:
        """The strings of HOLE_TRIGGERS that occur whole before `hi` from the k-th trigger
        offset on: the ones prose_spans would otherwise look for in the leaf one by one."""
        probe, triggers = self.probe, self.trigger_starts
        present = set()
        while triggers[k] < hi:
            i = triggers[k]
            for trigger in _TRIGGERS_AT[probe[i]]:
                if probe.startswith(trigger, i, hi):
                    present.add(trigger)
            k += 1
        return present

    def add_block(self, s: int, e: int, spans: list[tuple[int, int]], level: int | None) -> None:
        text = self.text
        lo, hi = spans[0][0], spans[-1][1]
        if level is not None:  # a heading
            first = text[lo:hi]
            # (The cheap search first: no heading names a citation section without one of
            # its words, and heading_text only turns markup into spaces.)
            if _MAY_NAME_CITATIONS.search(first) and CITATION_HEADING.match(heading_text(first)):
                self.citation_level = level
            elif self.citation_level is not None and level <= self.citation_level:
                self.citation_level = None
        elif hi - lo < 40 and lo < hi:
            first = text[lo:hi]
            if (
                _MAY_NAME_CITATIONS.search(first)
                and CITATION_HEADING.match(heading_text(first))
                and ("**" in text[s:e] or first.strip().isupper() or first.strip().endswith(":"))
            ):
                # A bold or capitalised line that names a citation section in converted PDFs.
                self.citation_level = 7
        if self.citation_level is not None or (
            # Most paragraphs start with a letter no citation line starts with.
            text[lo] not in _NOT_CITATION_STARTS and _CITATION_START.match(text, lo, hi)
        ):
            kind = CITATION
        elif self.report_only and any(a <= s < b for a, b in self.report_only):
            kind = LOCKED
        else:
            kind = PROSE
        # tuple.__new__ builds the named tuple in one C call; Block(...) goes through the
        # Python-level __new__ that namedtuple writes (a third of a microsecond more a block).
        self.blocks.append(_new_tuple(Block, (s, e, tuple(spans), kind, level is not None, None)))

    def subtract(self, spans) -> list[tuple[int, int]]:
        return self.cut(spans, self.holes, self.hole_starts)

    @staticmethod
    def cut(
        spans, holes: list[tuple[int, int]], starts: list[int] | None = None
    ) -> list[tuple[int, int]]:
        """`spans` without the parts inside `holes` (sorted, disjoint; `starts`: their
        starts, when the caller keeps them: a page of many holes and many paragraphs would
        otherwise list them again for each paragraph)."""
        if not holes:
            return list(spans)
        out = []
        if starts is None:
            starts = [h[0] for h in holes]
        for s, e in spans:
            k = max(0, bisect_left(starts, s) - 1)
            pos = s
            while k < len(holes) and holes[k][0] < e:
                hs, he = holes[k]
                if he > pos:
                    if hs > pos:
                        out.append((pos, min(hs, e)))
                    pos = max(pos, he)
                k += 1
            if pos < e:
                out.append((pos, e))
        return out


def _in_original(events, offsets: list[int]):
    """Parser events over dedented text, their ranges turned into offsets of the original."""
    for event, r in events:
        s, e = r["start"], r["end"]
        r["start"] = offsets[s]
        r["end"] = (offsets[e - 1] + 1) if e > s else offsets[s]
        yield event, r


def _add_range(ranges: list[tuple[int, int]], r: tuple[int, int]) -> None:
    """Append a text range, joined to the last one when they touch (most paragraphs end up
    as one range)."""
    if ranges and ranges[-1][1] == r[0]:
        ranges[-1] = (ranges[-1][0], r[1])
    else:
        ranges.append(r)


def _intersect(a: list[tuple[int, int]], b) -> list[tuple[int, int]]:
    """The parts of the ranges in `a` that lie inside ranges of `b` (both sorted, disjoint)."""
    out = []
    j = 0
    b = list(b)
    for s, e in a:
        while j < len(b) and b[j][1] <= s:
            j += 1
        k = j
        while k < len(b) and b[k][0] < e:
            lo, hi = max(s, b[k][0]), min(e, b[k][1])
            if lo < hi:
                out.append((lo, hi))
            k += 1
    return out


def _covered(pos: int, starts: list[int], ranges: list[tuple[int, int]]) -> bool:
    """Whether `pos` lies in one of the text ranges (sorted by start in `starts`)."""
    k = bisect_left(starts, pos + 1) - 1
    if k < 0:
        return False
    ordered = sorted(ranges)
    return ordered[k][0] <= pos < ordered[k][1]


def _merge_whitespace_gaps(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Join spans separated only by white space (a line break inside a paragraph), so a term
    broken across lines is one run of prose for the matcher."""
    merged: list[tuple[int, int]] = []
    for s, e in sorted(spans):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        elif merged and not text[merged[-1][1] : s].strip():
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def parse_markdown(
    text: str, code_shortcodes: tuple[str, ...] = CODE_SHORTCODES
) -> tuple[Block, ...]:
    fm_end, fm_blocks = front_matter_blocks(text)
    # The substring tests that decide which scans to run are made on the ASCII stand-in copy:
    # same offsets, and a string of one byte per character is searched with memchr, where a
    # text with one curly quote in it is two or four bytes a character (a tenth of the read).
    probe = ascii_stand_ins(text)
    holes = site_syntax_holes(text, fm_end, code_shortcodes, probe)
    offsets, openers, definitions, pieces = dedent_admonitions(text, probe)
    if openers:
        holes = merge_intervals(holes + openers)
    masked = mask(text, holes, probe)
    if offsets is not None:
        masked = "".join([masked[a:b] for a, b in pieces])
    walker = _Walker(text, masked, offsets, holes, probe)
    walker.report_only = definitions
    walker.brackets = holds(probe, "][")
    walker.run()
    return tuple(fm_blocks) + tuple(walker.blocks)


class MarkdownReader(Reader):
    name = "markdown"

    def __init__(self, code_shortcodes: tuple[str, ...] = CODE_SHORTCODES) -> None:
        self.code_shortcodes = code_shortcodes
        self._configured: dict[ReadOptions, MarkdownReader] = {}

    def for_options(self, options: ReadOptions) -> MarkdownReader:
        """A reader that also takes the site's own code shortcodes as code (`code-shortcodes`)."""
        if not options.code_shortcodes:
            return self
        reader = self._configured.get(options)
        if reader is None:
            names = tuple(dict.fromkeys((*CODE_SHORTCODES, *options.code_shortcodes)))
            reader = self._configured[options] = MarkdownReader(names)
        return reader

    def parse(self, text: str, path: str) -> Parsed:
        return Parsed(parse_markdown(text, self.code_shortcodes))


register(MarkdownReader())
