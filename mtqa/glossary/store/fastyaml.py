"""A fast reading of large mtqa YAML glossaries that gives what PyYAML gives, or nothing.

PyYAML (even with libyaml) takes about 3.7 s to read a 100,000-entry glossary (13 MB): libyaml
makes a Python event with two marks for each of 1.5 million nodes, then every plain scalar goes
through the resolver in Python. `yaml_rs` (a Rust parser) reads the same file in about 0.5 s,
but it follows YAML 1.2 where PyYAML follows 1.1 (`yes`, `010`, `2024-01-01`, `12:30`, `<<`
read differently) and it gives no line numbers, which every Entry keeps (`Entry.line`, shown
in messages).

So its result is used only when the file is in a form where both readings provably agree, and
otherwise (or when the result fails any check) `None` is returned and the caller parses with
PyYAML as before:

1. Every line is one of a few single-line block forms (`LINE_GRAMMAR`, checked by RE2 in one linear
   pass): `key: value`, `- value`, `- key: value`, `key:`, `- key:`, comments, blank lines; a value is a
   one-line plain scalar that starts with no indicator and holds no `: ` or ` #`, or a one-line
   quoted scalar without escapes. No flow collections, block scalars, anchors, aliases, tags,
   directives, document markers, tabs or odd line breaks (`_ODD`). Nothing spans lines, so the
   structure is decided by indentation alone, and the two parsers read it the same way. (A
   `- x` line more indented than the item above continues that item's plain scalar: so the
   number of `- ` lines must be the number of list items read.)
2. Every scalar of the result is a string that no YAML 1.1 implicit resolver of PyYAML's would
   turn into anything else, or `None` or a boolean (their 1.2 spellings are 1.1 ones with the
   same value). Numbers are refused: `010` is 10 in 1.2 and 8 in 1.1. A quoted `'yes'` is also
   refused (it cannot be told from a plain one): refusing only costs time.
3. The entries are the lines `- key:` at the indentation of the `entries` list, one per entry,
   so each entry's line (where PyYAML's mapping node starts) is the line of its dash.

The fast reading keeps no line per key (PyYAML's `key_lines`): those only go into error
messages, and the loader reads a file again with PyYAML when validation finds a problem, so
every message is the one PyYAML's reading gives. Small files (under MIN_BYTES) are read by
PyYAML directly: they take milliseconds.
"""

from __future__ import annotations

import re
from typing import Any

from ..raw import RawEntry, RawGlossary
from ..yaml_glossary import from_mtqa_yaml

# Files smaller than this are parsed by PyYAML alone (a 10,000-entry glossary is 1.3 MB).
MIN_BYTES = 1 << 20

# Characters either parser treats differently, which the line grammar below leaves to PyYAML
# (in RE2's syntax, excluded from every character class): tabs, CR (a lone CR is a line
# break), C0/C1 controls and DEL (PyYAML refuses them), NEL, LINE/PARAGRAPH SEPARATOR (line
# breaks in YAML 1.1 only), BOM and the non-characters U+FFFE/U+FFFF.
_ODD = r"\x00-\x09\x0b-\x1f\x7f-\x9f\x{2028}\x{2029}\x{feff}\x{fffe}\x{ffff}"

_KEY = r"[A-Za-z_][A-Za-z0-9_]*"
# The rest of a plain word: any colon is followed by a character of the word (`a:b`, never a
# trailing `:`); no brackets or braces (left to PyYAML).
_REST = rf"(?:[^\s\[\]{{}}:{_ODD}]|:+[^\s\[\]{{}}:{_ODD}])*"
# A one-line plain scalar: it starts with no indicator, and words are separated by spaces, a
# word never starting with `#` (a comment) or `:`; so no `: `, no ` #`, no trailing space.
_PLAIN = rf"""[^\s\-?:,\[\]{{}}#&*!|>'"%@`{_ODD}]{_REST}(?: +[^\s#\[\]{{}}:{_ODD}]{_REST})*"""
_VALUE = rf"""(?:{_PLAIN}|'(?:[^'\n{_ODD}]|'')*'|"[^"\\\n{_ODD}]*")"""
_KEYV = rf"{_KEY}:(?: +{_VALUE})?"
# A line: an item (`- `, not nested) with a key or a value, or a key with an optional value;
# then an optional comment; or a comment alone; or nothing. A value never stands alone on a
# line (that would continue a plain scalar of the line above).
_LINE = rf" *(?:(?:- +(?:{_KEYV}|{_VALUE})?|{_KEYV})(?: +#[^\n{_ODD}]*)? *|#[^\n{_ODD}]*)?"
LINE_GRAMMAR = rf"(?:{_LINE}\n)*(?:{_LINE})?"


def line_grammar():
    """The line grammar, compiled (on first use) to run on the text's UTF-8 bytes: RE2 reads
    it as it reads a str, without turning the byte offsets of the match back into character
    offsets (two passes over a 13 MB text)."""
    import re2  # a dependency (mtqa/regexes.py); compiled on first use, linear in the text

    global _DOC
    if _DOC is None:
        _DOC = re2.compile(LINE_GRAMMAR.encode())  # UTF-8, RE2's default for a bytes pattern
    return _DOC


_DOC: Any = None


def yaml_11_resolvers() -> dict:
    """PyYAML's implicit resolvers (YAML 1.1) by first character, as its reading consults
    them: a scalar one of them would read as other than a string is left to PyYAML."""
    from .yaml_lines import _LineLoader

    return _LineLoader.yaml_implicit_resolvers


class FastRawGlossary(RawGlossary):
    """A raw glossary read here: its entries have lines, their keys none."""


_TOP_KEYS = frozenset({"name", "description", "language", "entries"})


def _yaml_11_items(doc: Any, resolvers: dict) -> int | None:
    """The number of list items in `doc` when every key and scalar of it is one PyYAML reads
    the same way (see point 2), else None."""
    # Only a text whose first character has resolvers (digits, y/n/t/f/o, ~, ...; "" for the
    # empty text) is tried against them, as PyYAML tries them: most terms start elsewhere.
    # Texts in mappings and lists are checked where they are found, not pushed on the stack
    # (1.5 million of them). The resolvers of each first character in one regex (a C call
    # per risky text, not a Python loop; one regex for all of them took several times as
    # long, trying the number patterns on every name that starts with an o or a y).
    if None in resolvers:  # resolvers for any first character: PyYAML registers none
        return None
    risky = frozenset(resolvers)
    by_first = {
        first: re.compile("|".join(f"(?:{r.pattern})" for _tag, r in pairs) or "(?!)", re.X).match
        for first, pairs in resolvers.items()
    }
    # Risky texts found plain, each tried once: a large glossary repeats a few of them
    # ("name", "terminology") in every entry, and a set lookup is a fraction of a match.
    plain: set[str] = set()

    def resolved(text: str) -> bool:
        """Whether a resolver takes `text` (asked only of a risky text not in `plain`)."""
        if by_first[text[:1]](text):
            return True
        plain.add(text)
        return False

    items = 0
    good_keys: set[str] = set()
    stack = [doc]
    pop, push = stack.pop, stack.append
    while stack:
        node = pop()
        kind = type(node)
        if kind is dict:
            # A large glossary has a handful of distinct keys: each is checked once.
            if not node.keys() <= good_keys:
                for key in node:
                    if type(key) is not str or (
                        key[:1] in risky and key not in plain and resolved(key)
                    ):
                        return None
                good_keys.update(node)
            for value in node.values():
                kind = type(value)
                if kind is str:
                    if value[:1] in risky and value not in plain and resolved(value):
                        return None
                elif kind is list:
                    items += len(value)
                    for item in value:
                        if type(item) is str:
                            if item[:1] in risky and item not in plain and resolved(item):
                                return None
                        else:
                            push(item)
                elif value is not None and kind is not bool:
                    push(value)
        elif kind is list:
            items += len(node)
            stack.extend(node)
        elif kind is str:
            if node[:1] in risky and node not in plain and resolved(node):
                return None
        elif node is not None and kind is not bool:
            return None
    return items


# The start of an item line (`- ` after the indentation), found from the newline before it.
_ITEM = re.compile(r"\n *- ")


def _entry_lines(text: str, count: int) -> list[int] | None:
    """The 1-based line of each entry (the `- key:` line at the entries' indentation), or None
    when the entries are not written one `- key:` line each, `count` of them."""
    head = re.search(r"^entries:[ ]*(?:#.*)?$", text, re.M)
    if head is None:
        return None
    if text.find("\nentries:", head.end()) != -1:
        return None  # a second `entries` key: left to PyYAML
    start = head.end()
    first = re.compile(r"^( *)-", re.M).search(text, start)
    if first is None:
        return None
    # Nothing but blank and comment lines between `entries:` and its first item.
    if any(
        line.strip() and not line.lstrip().startswith("#")
        for line in text[start : first.start()].split("\n")
    ):
        return None
    n = len(first.group(1))
    # Each pattern starts with a newline and spaces, a literal prefix `re` jumps between.
    # The list ends at the first line indented no deeper than it that is not one of its items.
    end_match = re.compile(rf"\n(?! {{{n}}}-)(?: {{0,{n}}})[^ \n#]").search(text, first.start() - 1)
    end = end_match.start() + 1 if end_match is not None else len(text)
    items = re.compile(rf"\n {{{n}}}- +{_KEY}:(?: |$)", re.M)
    starts = [m.start() + 1 for m in items.finditer(text, first.start() - 1, end)]
    # Every `- ` line of the block is one of its items (the caller has checked that each is an
    # item of some list; none is nested): so these are all of them when there are `count`.
    if len(starts) != count:
        return None
    lines = []
    line, pos = 1, 0
    for s in starts:
        line += text.count("\n", pos, s)
        pos = s
        lines.append(line)
    return lines


def fast_mtqa_yaml(text: str, path: str) -> RawGlossary | None:
    """The raw glossary PyYAML's reading would give, or None where that cannot be assured."""
    if len(text) < MIN_BYTES:
        return None
    try:
        import yaml_rs
    except ImportError:  # pragma: no cover - a dependency; PyYAML still reads everything
        return None
    if line_grammar().fullmatch(text.encode()) is None:
        return None
    try:
        # Duplicate keys are an error here (PyYAML keeps the last): such a file is left to it.
        doc = yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # any refusal: PyYAML gives the message
        return None
    if type(doc) is not dict or not doc.keys() <= _TOP_KEYS or type(doc.get("entries")) is not list:
        return None
    items = _yaml_11_items(doc, yaml_11_resolvers())
    # Each `- ` line is an item: none continues a plain scalar of the line above (`  - c` then
    # `   - d` is the one scalar "c - d"), so no scalar spans lines.
    if items is None or items != len(_ITEM.findall(text)) + text.startswith("- "):
        return None
    lines = _entry_lines(text, len(doc["entries"]))
    if lines is None:
        return None
    # The top level checked as PyYAML's reading is; the entries made here, each with its line
    # (yaml_rs's plain dicts have no lines to look up).
    raw = from_mtqa_yaml({**doc, "entries": []}, path)
    raw.entries = [RawEntry(e, line) for e, line in zip(doc["entries"], lines, strict=True)]
    return FastRawGlossary(**vars(raw))
