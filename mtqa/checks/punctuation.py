"""Unbalanced brackets and quotation marks within a paragraph."""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator

from ..documents.model import Block, Document
from ..findings import Finding, Severity
from .base import Check, CheckContext, Rule, RuleExample, make_finding

UNBALANCED_BRACKET = Rule(
    code="PUNC001",
    name="unbalanced-bracket",
    summary="Flags a bracket ( [ { without its partner in the same paragraph, or a closing one "
    "without an opening one.",
    why="A lost bracket usually means lost text, often at a PDF page break.",
    severity=Severity.WARNING,
    fix="never",
    fix_safety="No fix: where the partner belongs needs a reader.",
    examples=(
        RuleExample("The base (in Anbar was attacked."),
        RuleExample("The base (in Anbar) was attacked.", flagged=False),
    ),
)

UNBALANCED_QUOTE = Rule(
    code="PUNC002",
    name="unbalanced-quote",
    summary="Flags an opening quotation mark without a closing one in the same paragraph "
    "(curly quotes by pair, straight double quotes by count).",
    why="An open quotation leaves the reader unsure where the quoted words end.",
    severity=Severity.WARNING,
    fix="never",
    fix_safety="No fix: where the quotation ends needs a reader.",
    examples=(
        RuleExample("He called it “the base of the region."),
        RuleExample('They said "no" and left.', flagged=False),
    ),
)

RULES = (UNBALANCED_BRACKET, UNBALANCED_QUOTE)

_PAIRS = {")": "(", "]": "[", "}": "{"}
_OPENERS = "([{"
# Only the characters these checks look at are visited (a regex scan, not a Python loop).
_BRACKET = re.compile(r"[()\[\]{}]")
_QUOTE = re.compile('[“”"]')
# "1)" or "a)" at the start of a line is an enumerator, not a closing bracket.
_ENUMERATOR = re.compile(r"(?:^|\n)[ \t]*[\w]{1,3}$")


def bracket_findings(doc: Document, block: Block) -> Iterator[Finding]:
    """PUNC001's findings in one block, found by walking its brackets (run skips the blocks
    whose marks balance, which have none)."""
    text = doc.text
    stack: list[tuple[str, int]] = []
    for s, e in block.spans:
        for m in _BRACKET.finditer(text, s, e):
            i = m.start()
            c = text[i]
            if c in _OPENERS:
                stack.append((c, i))
            elif c in _PAIRS:
                if stack and stack[-1][0] == _PAIRS[c]:
                    stack.pop()
                elif c == ")" and _ENUMERATOR.search(text, max(0, i - 8), i):
                    continue
                else:
                    yield make_finding(
                        doc,
                        UNBALANCED_BRACKET,
                        i,
                        i + 1,
                        f"closing '{c}' without an opening '{_PAIRS[c]}' in this paragraph",
                        region=block.kind,
                    )
    for c, i in stack:
        yield make_finding(
            doc,
            UNBALANCED_BRACKET,
            i,
            i + 1,
            f"'{c}' is not closed in this paragraph",
            region=block.kind,
        )


def quote_findings(doc: Document, block: Block) -> Iterator[Finding]:
    """PUNC002's findings in one block, found by walking its quotation marks."""
    text = doc.text
    open_curly: list[int] = []
    straight: list[int] = []
    for s, e in block.spans:
        for m in _QUOTE.finditer(text, s, e):
            i = m.start()
            c = text[i]
            if c == "“":
                open_curly.append(i)
            elif c == "”":
                if open_curly:
                    open_curly.pop()
                else:
                    yield make_finding(
                        doc,
                        UNBALANCED_QUOTE,
                        i,
                        i + 1,
                        "closing '”' without an opening '“' in this paragraph",
                        region=block.kind,
                    )
            elif c == '"':
                straight.append(i)
    for i in open_curly:
        yield make_finding(
            doc,
            UNBALANCED_QUOTE,
            i,
            i + 1,
            "'“' is not closed in this paragraph",
            region=block.kind,
        )
    if len(straight) % 2:
        i = straight[-1]
        yield make_finding(
            doc,
            UNBALANCED_QUOTE,
            i,
            i + 1,
            f"odd number of straight double quotes ({len(straight)}) in this paragraph",
            region=block.kind,
        )


# Every character either check looks at, and the two halves of that set.
_MARK = re.compile('[()\\[\\]{}“”"]')
_NOT_BRACKETS = str.maketrans("", "", '“”"')
_NOT_QUOTES = str.maketrans("", "", "()[]{}")


def _nested(marks: str, pairs: tuple[str, ...]) -> bool:
    """Whether `marks` is well nested: removing adjacent pairs leaves nothing."""
    while marks:
        before = marks
        for pair in pairs:
            marks = marks.replace(pair, "")
        if marks == before:
            return False
    return True


def _balanced(marks: str) -> bool:
    """True when neither check can find anything in a block with these marks: every bracket
    closes its partner and every curly quote too, and straight quotes come in pairs. (The
    common case, settled with string operations in C instead of a loop over the marks.)"""
    quotes = marks.translate(_NOT_QUOTES)
    return (
        quotes.count('"') % 2 == 0
        and _nested(quotes.replace('"', ""), ("“”",))
        and _nested(marks.translate(_NOT_BRACKETS), ("()", "[]", "{}"))
    )


def _marks_by_block(doc: Document) -> Iterator[tuple[Block, str]]:
    """Each block that has marks in its prose, with them in order. The marks of the whole
    text come from one lookup in the character tables (matching.chars), shared with the name
    scan; a block without marks costs nothing."""
    text = doc.text
    spans = [(block, s, e) for block in doc.blocks for s, e in block.spans]
    bounds = [x for _, s, e in spans for x in (s, e)]
    if not spans or not all(map(operator.le, bounds, bounds[1:])):  # out of order: block by block
        for block in doc.blocks:
            marks = "".join(["".join(_MARK.findall(text, s, e)) for s, e in block.spans])
            if marks:
                yield block, marks
        return
    import numpy as np

    from ..matching.chars import MARK, text_flags, windows

    # Window by window over the prose's stretch: a long document's flags are never all held.
    at = np.concatenate(
        [np.empty(0, dtype=np.intp)]
        + [
            np.flatnonzero(text_flags(text, lo, hi) & MARK) + lo
            for lo, hi in windows(bounds[0], bounds[-1])
        ]
    )
    which = np.searchsorted(np.array(bounds[0::2]), at, side="right") - 1
    ends = np.array(bounds[1::2])
    inside = (which >= 0) & (at < ends[np.maximum(which, 0)])
    current, marks = None, []
    for i, span in zip(at[inside].tolist(), which[inside].tolist(), strict=True):
        block = spans[span][0]
        if block is not current:
            if marks:
                yield current, "".join(marks)
            current, marks = block, []
        marks.append(text[i])
    if marks:
        yield current, "".join(marks)


def run(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    for block, marks in _marks_by_block(doc):
        if _balanced(marks):
            continue
        yield from bracket_findings(doc, block)
        yield from quote_findings(doc, block)


CHECK = Check(rules=RULES, run=run)
