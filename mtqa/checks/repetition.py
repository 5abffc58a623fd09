"""Repeated words ("the the") and repeated phrases ("in the first place in the first place")."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..documents.model import Document
from ..findings import Applicability, Edit, Finding, Fix, Severity
from .base import Check, CheckContext, Rule, RuleExample, make_finding

if TYPE_CHECKING:
    from .word_arrays import Words

REPEATED_WORD = Rule(
    code="REP001",
    name="repeated-word",
    summary="Flags a word written twice in a row.",
    why="A doubled word is almost always a slip of editing or of PDF conversion.",
    severity=Severity.WARNING,
    fix="always",
    fix_safety="Safe when the two words are written alike, on one line, in one block. Unsafe "
    'for words English doubles on purpose ("that that", "had had") and for a capitalised first '
    'copy ("The the"). Words that differ in case otherwise ("AND and"), words on two lines, and '
    "a word that ends a container title (`::: tip Note`) are not repeats.",
    examples=(
        RuleExample("It was the the first base.", fixed="It was the first base."),
        RuleExample("He said that that was wrong.", fixed="He said that was wrong."),
        RuleExample("It was the first base.", flagged=False),
        RuleExample("Bitwise AND and assignment.", flagged=False),
    ),
    target_language_only=True,
)

REPEATED_PHRASE = Rule(
    code="REP002",
    name="repeated-phrase",
    summary="Flags a phrase of two to eight words written twice in a row.",
    why="Repeated phrases come from copy-paste or from a line repeated across a PDF page break.",
    severity=Severity.WARNING,
    fix="always",
    fix_safety="Unsafe: deleting a phrase deserves a look, though the repeat is rarely intended.",
    examples=(
        RuleExample(
            "It led to the rise of ISIS in the first place in the first place.",
            fixed="It led to the rise of ISIS in the first place.",
        ),
        RuleExample("Step by step, they left.", flagged=False),
    ),
    target_language_only=True,
)

RULES = (REPEATED_WORD, REPEATED_PHRASE)

# Words that English legitimately doubles; their fix is offered but unsafe.
_LEGIT_DOUBLES = frozenset({"that", "had", "is", "do", "bye", "very", "so", "no", "ha", "really"})
MAX_PHRASE = 8

# Between the two copies: spaces, or one line break (a phrase repeated across a PDF line).
_GAP = re.compile(r"[ \t\u00a0]+|[ \t]*\r?\n[ \t]*")
# Between two copies of a word: spaces only. A word at the end of one line and the start of the
# next is as often a title followed by its text (`::: tip Note` / `Note that`), a table row or
# an alphabet line as it is a slip, and deleting it would join or break the lines.
_WORD_GAP = re.compile(r"[ \t\u00a0]+")
# A line that opens a container whose title is written after the opener (markdown-it `:::`,
# MkDocs `!!!`, `???`, `===`): a word of the title is not a slip even when the text repeats it.
_CONTAINER_OPENER = re.compile(r"[ \t]*(?::{3,}|!{3}|\?{3}\+?|={3})")
# Inside a phrase: spaces and commas.
_INNER = re.compile(r"[ \t,]+")


# Words are scanned in chunks (with an overlap long enough for the longest repeat), so memory
# stays bounded whatever the size of a document or of one paragraph.
CHUNK = 1 << 16
OVERLAP = 2 * MAX_PHRASE


def repeat_starts(ids, blocks, length: int) -> list[int]:
    """Indices i where the `length` words from i equal the `length` words from i + length.

    Vectorised (numpy) so a 20 MB paragraph costs a few array passes, not a regex that
    backtracks at every word.
    """
    import numpy as np

    if len(ids) < 2 * length:
        return []
    # Where a word equals the one `length` words on (in the same block): few places, so the
    # rest works on their positions, not on every word.
    same = np.flatnonzero(ids[:-length] == ids[length:])
    same = same[blocks[same] == blocks[same + length]]
    if length == 1 or len(same) < length:
        return same.tolist() if length == 1 else []
    # `length` such places in a row: the run from same[j] to same[j + length - 1] is unbroken.
    span = length - 1
    return same[:-span][same[span:] - same[:-span] == span].tolist()


def _certainty(text: str, start: int, first: str, second: str) -> bool | None:
    """True when two words are a sure repeat, False when a likely one, None when not a repeat.

    Case counts: "AND and" (an operator, then the word), "Go go" (a name, then the verb) and
    an uppercase alphabet line before a lowercase one are not slips. "The the" at the start of
    a sentence usually is, but only a reader can tell, so its fix is unsafe.
    """
    if first == second:
        return True
    if first[:1].isupper() and first[1:] == second[1:] and second[:1] == first[:1].lower():
        # Only the end of the line before the word is looked at (bounded, so a huge one-line
        # file full of repeats stays linear).
        window = text[max(0, start - _LOOKBACK) : start]
        line_start = window.rfind("\n")
        before = window[line_start + 1 :].rstrip()
        if before:
            return False if before[-1] in _SENTENCE_START_AFTER else None
        if line_start != -1 or start <= _LOOKBACK:
            return False  # the word starts its line
    return None


_LOOKBACK = 80
# What may come before the first word of a sentence on its line.
_SENTENCE_START_AFTER = frozenset(".!?:;\"“‘'(#>-*|")


def _in_container_title(text: str, offset: int) -> bool:
    # A container title is short: a line start further back than _LOOKBACK is not one.
    line_start = text.rfind("\n", max(0, offset - _LOOKBACK), offset) + 1
    if line_start == 0 and offset > _LOOKBACK:
        return False
    return _CONTAINER_OPENER.match(text, line_start, offset) is not None


class _Spans:
    """Disjoint spans, kept sorted: whether a new span overlaps one is a binary search, so a
    document full of repeated phrases costs n log n, not a scan of every span so far."""

    def __init__(self):
        self.starts: list[int] = []
        self.ends: list[int] = []  # sorted too: the spans do not overlap

    def overlaps(self, start: int, end: int) -> bool:
        # The span that starts last before `end` reaches furthest: only it can overlap.
        i = bisect_left(self.starts, end) - 1
        return i >= 0 and self.ends[i] > start

    def add(self, start: int, end: int) -> None:
        i = bisect_left(self.starts, start)
        self.starts.insert(i, start)
        self.ends.insert(i, end)

    def forget_before(self, offset: int) -> None:
        """Drop the spans that end at or before `offset` (no later phrase can reach them)."""
        i = bisect_right(self.ends, offset)
        del self.starts[:i], self.ends[:i]


class _Scanner:
    def __init__(self, doc: Document):
        self.doc = doc
        self.kinds = [b.kind for b in doc.blocks]
        self.last_word_end = -1  # end of the last REP001 finding
        self.taken = _Spans()  # spans of REP002 findings

    def scan(self, chunk: Words, limit: int) -> Iterator[Finding]:
        """Findings that start at one of the first `limit` words of `chunk`."""
        text = self.doc.text
        starts = chunk.starts.tolist()
        ends = chunk.ends.tolist()
        ids = chunk.ids
        blocks = chunk.blocks

        def gap_ok(k: int, pattern: re.Pattern) -> bool:
            return pattern.fullmatch(text, ends[k], starts[k + 1]) is not None

        def lower(k: int) -> str:
            return text[starts[k] : ends[k]].lower()

        # Equal ids are equal words but for a rare hash collision (see word_arrays.py): each
        # candidate is confirmed on the words themselves before anything else.
        for i in repeat_starts(ids, blocks, 1):
            if i >= limit or lower(i) != lower(i + 1):
                continue
            if starts[i] < self.last_word_end or not gap_ok(i, _WORD_GAP):
                continue
            word = text[starts[i] : ends[i]]
            certainty = _certainty(text, starts[i], word, text[starts[i + 1] : ends[i + 1]])
            if certainty is None or _in_container_title(text, starts[i]):
                continue
            safe = certainty and word.lower() not in _LEGIT_DOUBLES
            self.last_word_end = ends[i + 1]
            yield make_finding(
                self.doc,
                REPEATED_WORD,
                starts[i],
                ends[i + 1],
                f"'{word}' is repeated",
                region=self.kinds[blocks[i]],
                suggestions=(word,),
                fix=Fix(
                    Applicability.SAFE if safe else Applicability.UNSAFE,
                    (Edit(ends[i], ends[i + 1], ""),),
                ),
            )
        # Longest phrases first; a shorter repeat inside a reported one is not reported again.
        if chunk:
            self.taken.forget_before(starts[0])
        found = []
        for length in range(MAX_PHRASE, 1, -1):
            for i in repeat_starts(ids, blocks, length):
                last = i + 2 * length - 1
                if i >= limit:
                    continue  # not this chunk's
                phrase = [lower(k) for k in range(i, i + length)]
                if phrase != [lower(k) for k in range(i + length, i + 2 * length)]:
                    continue
                if len(set(phrase)) == 1:
                    continue  # one word repeated (REP001's finding)
                if not gap_ok(i + length - 1, _GAP):
                    continue
                if not all(gap_ok(k, _INNER) for k in range(i, i + length - 1)):
                    continue
                if not all(gap_ok(k, _INNER) for k in range(i + length, last)):
                    continue
                if self.taken.overlaps(starts[i], ends[last]):
                    continue
                self.taken.add(starts[i], ends[last])
                found.append((i, length))
        for i, length in sorted(found):
            phrase = text[starts[i] : ends[i + length - 1]]
            yield make_finding(
                self.doc,
                REPEATED_PHRASE,
                starts[i],
                ends[i + 2 * length - 1],
                f"the phrase '{phrase}' is repeated",
                region=self.kinds[blocks[i]],
                suggestions=(phrase,),
                fix=Fix(
                    Applicability.UNSAFE,
                    (Edit(ends[i + length - 1], ends[i + 2 * length - 1], ""),),
                ),
            )


def run(doc: Document, ctx: CheckContext) -> Iterator[Finding]:
    from .word_arrays import iter_words  # numpy: loaded when a document is checked, not on import

    scanner = _Scanner(doc)
    chunk: Words | None = None
    for words in iter_words(doc):
        chunk = words if chunk is None else chunk + words
        while len(chunk) >= CHUNK + OVERLAP:
            yield from scanner.scan(chunk[: CHUNK + OVERLAP], CHUNK)
            chunk = chunk[CHUNK:]
    if chunk is not None and len(chunk) >= 2:
        yield from scanner.scan(chunk, len(chunk))


CHECK = Check(rules=RULES, run=run)
