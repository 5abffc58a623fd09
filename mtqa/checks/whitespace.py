"""Doubled spaces between words inside a line of prose."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..documents.model import Block, Document
from ..findings import Applicability, Edit, Finding, Fix, Severity
from .base import Check, CheckContext, Rule, RuleExample, make_finding

DOUBLED_SPACE = Rule(
    code="WS001",
    name="doubled-space",
    summary="Flags two or more spaces between two words of a sentence, on one line (in a "
    "bilingual file, BIL010 checks the targets against their sources instead).",
    why="Doubled spaces are left over from editing or conversion and show in justified text.",
    severity=Severity.INFO,
    fix="always",
    fix_safety="Safe: the run becomes one space. Only runs between words are flagged: "
    "indentation, the spaces after a list marker (`-   item`, `1.  item`), table padding "
    "(`| a   |`, and any run of three or more spaces in a table row), the two trailing "
    "spaces of a Markdown line break and the spaces after the end of a sentence are layout, "
    "not slips, and are not touched.",
    examples=(
        RuleExample("The US  forces left.", fixed="The US forces left."),
        RuleExample("They left,  and stayed.", fixed="They left, and stayed."),
        RuleExample("A hard break  \nstays.", flagged=False),
        RuleExample("-   an item with a nested fence", flagged=False),
        RuleExample("| left   | right |", flagged=False),
        RuleExample("| :icon:     Fetch |", flagged=False),
        RuleExample("They left.  Then they stayed.", flagged=False),
    ),
    target_language_only=True,
)

RULES = (DOUBLED_SPACE,)

# A run of spaces between the end of a word (a letter or digit, or the comma, closing quote or
# bracket after one) and the start of the next (a letter or digit, or an opening quote or
# bracket). List markers (`-`, `*`, `1.`), table pipes and sentence ends are none of these, so
# the spacing that lays out a list item, a table or two sentences is never collapsed.
WORD_GAP = re.compile(
    r"(?:(?<=[^\W_])|(?<=[^\W_][,;:)\]’”\"']))[ \u00a0]{2,}(?=[^\W_]|[(\[‘“\"'][^\W_])"
)

# The runs WORD_GAP can match, found first: a plain character class lets the regex engine
# skip ahead in C, where WORD_GAP's look-behind is tried at every character. WORD_GAP can only
# match a whole run (a space before it fails the look-behind; one after it, the look-ahead),
# so it is tried once per candidate, at its start.
_SPACES = re.compile(r"[ \u00a0]{2,}")
# The same runs in a text without a no-break space; a literal prefix the engine finds with a
# fast substring search (several times faster again).
_ASCII_SPACES = re.compile(r"   *")


def in_table_row(text: str, offset: int) -> bool:
    """Whether the line of `offset` holds a table pipe (where runs of spaces line cells up)."""
    # Looked for within a bounded reach, so a huge one-line file stays linear.
    lo = max(0, offset - 2000)
    hi = min(len(text), offset + 2000)
    line_start = text.rfind("\n", lo, offset) + 1 or lo
    line_end = text.find("\n", offset, hi)
    return "|" in text[line_start : hi if line_end == -1 else line_end]


def doubled_runs(doc: Document, blocks) -> Iterator[tuple[Block, int, int]]:
    """(block, start, end) of each doubled space between words in the prose of `blocks`."""
    text = doc.text
    spaces = _SPACES if "\u00a0" in text else _ASCII_SPACES
    if spaces is _ASCII_SPACES and "  " not in text:
        return
    for block in blocks:
        for s, e in block.spans:
            for candidate in spaces.finditer(text, s, e):
                m = WORD_GAP.match(text, candidate.start(), e)
                if m is None:
                    continue
                if m.end() - m.start() > 2 and in_table_row(text, m.start()):
                    continue  # a cell's content padded to line up with the rows around it
                yield block, m.start(), m.end()


def has_doubled_space(text: str) -> bool:
    return any(WORD_GAP.match(text, m.start()) for m in _SPACES.finditer(text))


def run(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    # The target of a bilingual segment is BIL010's, which compares it with its source.
    blocks = (b for b in doc.blocks if b.segment is None)
    for block, start, end in doubled_runs(doc, blocks):
        yield doubled_space(doc, block, start, end)


def doubled_space(
    doc: Document, block: Block, start: int, end: int, rule: Rule = DOUBLED_SPACE
) -> Finding:
    """The WS001 finding for the run of spaces text[start:end], with its one-space fix."""
    return make_finding(
        doc,
        rule,
        start,
        end,
        f"{end - start} spaces where one is expected",
        region=block.kind,
        suggestions=(" ",),
        fix=Fix(Applicability.SAFE, (Edit(start, end, " "),)),
    )


CHECK = Check(rules=RULES, run=run)
