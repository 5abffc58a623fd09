"""The names in a document's prose: found, trimmed, and each told apart as a glossary entity,
an unlisted name with its transliteration key, or neither.

`scan_names` (and `NameScan`, for a caller that walks twice) walks the prose once and says, for
each capitalised name not already taken by a glossary match, which glossary entity it names
(listed spelling or not) or, when none, its transliteration key. Where the names are is found
by `spans.py`; what a name's text means is remembered per glossary finder, since the same names
come back in every article. Lint (TERM003/TERM004) and the corpus both use it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import pairwise
from typing import NamedTuple
from weakref import WeakKeyDictionary

from ...documents.model import Block
from .finder import (
    NameMatch,
    VariantFinder,
    feature_trimmed,
    has_acronym,
    is_common_name,
    trim_name,
)
from .translit import Key, name_key


class NameHit(NamedTuple):  # a tuple: built hundreds of times per article
    block: Block
    start: int
    end: int
    name: str  # as written in the text
    match: NameMatch | None  # the glossary entity it names, if any
    key: Key | None  # its transliteration key, when it names no glossary entity
    # The first word of a sentence, a heading or a list item (worked out for one-word keys only:
    # nothing asks it of longer names).
    sentence_start: bool = False


def at_sentence_start(text: str, block: Block, start: int) -> bool:
    i = start - 1
    while i >= block.start and text[i] in _OPENERS:
        i -= 1
    return i < block.start or text[i] in ".!?:;…"


def proper_names(hits: Iterable[NameHit]) -> list[NameHit]:
    """The unlisted names (hits with a key) that are proper names: a one-word form counts only
    if the text capitalises it somewhere other than at the start of a sentence. Otherwise
    "Stop"/"Step" or "Crate"/"Create" at the head of sentences would make a group."""
    hits = [h for h in hits if h.key is not None]
    mid_sentence = {h.name.lower() for h in hits if not h.sentence_start}
    return [h for h in hits if len(h.key) > 1 or h.name.lower() in mid_sentence]


_HYPHENS = re.compile(r"[-\u2010\u2011]")
_PARTICLES = frozenset(
    {"al", "el", "ad", "an", "ar", "as", "at", "az", "ash", "ath", "adh", "ul", "ol", "od", "os"}
)


def _is_compound(name: str) -> bool:
    """A lower-case word after a hyphen makes an English compound ("Command-line",
    "Pre-releases"), unless an article stands before it ("al-baghdadi", "ad-din")."""
    for word in name.split():
        parts = _HYPHENS.split(word)
        for before, after in pairwise(parts):
            if after[:1].islower() and before.lower() not in _PARTICLES:
                return True
    return False


# What may stand between a sentence's end and its first word: spaces, quotes, brackets, marks.
_OPENERS = " \t\r\n\"'“‘«([*_>#-"


@lru_cache(maxsize=65536)
def discovered_key(name: str) -> Key | None:
    """The key a name is grouped by, or None for common words, acronyms, very short names and
    English compounds."""
    if is_common_name(name) or has_acronym(name) or _is_compound(name):
        return None
    key = name_key(name)
    if not key or sum(map(len, key)) < 4:
        return None
    return key


def scan_names(
    text: str,
    blocks: Iterable[Block],
    taken: Sequence[tuple[int, int]],
    finder: VariantFinder | None,
    correct: dict[tuple[int, int], str] | None = None,
) -> Iterator[NameHit]:
    """Every name in the blocks' prose that overlaps none of the `taken` spans (sorted,
    non-overlapping: the glossary matches, which their own rules report), but for the
    unlisted spellings that hold a `correct` form (see NameScan.hits)."""
    return NameScan(text, blocks, finder).hits(taken, correct=correct)


# What the memo says of a match that is neither a glossary entity nor a name.
_NOTHING = (0, "", None, None)
# A scan keeps its windows' verdicts for a second walk in a text of up to this many
# characters (a few tens of thousands of matches); a longer text's verdicts, all held, would
# take more memory than the windows are there to save, so it is walked once
# (`NameScan.keeps_windows`).
KEEP_CHARS = 1 << 20


# Texts of matches whose meaning a memo keeps at most (a few MB), per glossary finder.
MEMO_LIMIT = 1 << 17
_memos: WeakKeyDictionary[VariantFinder, dict] = WeakKeyDictionary()
_memo_without_finder: dict = {}


def _memo_for(finder: VariantFinder | None) -> dict:
    if finder is None:
        return _memo_without_finder
    memo = _memos.get(finder)
    if memo is None:
        memo = _memos[finder] = {}
    return memo


def remembered(finder: VariantFinder | None) -> int:
    """How many match texts' verdicts are remembered for `finder` (at most MEMO_LIMIT)."""
    return len(_memo_for(finder))


def _classify(raw: str, finder: VariantFinder | None):
    """(offset of the name in `raw`, the name, its glossary entity, its key) for the text of
    a NAME match, or _NOTHING when it is neither an entity nor a name worth grouping. A name
    inside a longer capitalised phrase ("the Qaiyara Airfield", "Lake Dukan") is found too:
    the phrase less the words around it that name a kind of place."""
    trimmed = trim_name(raw)
    if trimmed is None:
        return _NOTHING
    name = trimmed[1]
    match = finder.identify(name) if finder is not None else None
    if match is None and finder is not None and trimmed[0]:
        # A title or a word cut from the front that starts a glossary name (Emir Timur, In
        # Amenas): the name from that word on.
        at = 0
        for word in raw[: trimmed[0]].split(" "):
            if finder.starts_a_name(word):
                whole = raw[at : trimmed[0] + len(name)]
                match = finder.identify(whole)
                if match is not None:
                    return at, whole, match, None
                break
            at += len(word) + 1
    if match is None and finder is not None:
        inner = feature_trimmed(name)
        if inner is not None:
            match = finder.identify(inner[1])
            if match is not None:
                return trimmed[0] + inner[0], inner[1], match, None
    key = discovered_key(name) if match is None else None
    if match is None and key is None:
        return _NOTHING
    return trimmed[0], name, match, key


class _Window(NamedTuple):
    starts: list[int]
    which: list[int]  # the span each match is in
    verdicts: list[tuple]  # the memo's verdict on each match's text


class NameScan:
    """The matches of the name pattern in a document's prose, each classified by the memo:
    made once, then asked which unlisted names it met (`unlisted_forms`) and walked for the hits
    wanted (`hits`)."""

    def __init__(self, text: str, blocks: Iterable[Block], finder: VariantFinder | None):
        self.text = text
        self.blocks = tuple(blocks)
        self.finder = finder
        self._span_blocks = [block for block in self.blocks for _ in block.spans]
        self._spans = [span for block in self.blocks for span in block.spans]
        self._kept_windows: list[_Window] | None = None
        # Whether a second walk is cheap: the first one's verdicts are kept for it.
        self.keeps_windows = len(text) <= KEEP_CHARS

    def _windows(self) -> Iterator[_Window]:
        if self._kept_windows is not None:
            yield from self._kept_windows
            return
        from .spans import name_span_windows  # numpy: loaded when a text is scanned

        text, memo, finder = self.text, _memo_for(self.finder), self.finder
        kept: list[_Window] | None = [] if self.keeps_windows else None
        # Window by window: a long document's matches are never all held at once.
        for starts, ends, which in name_span_windows(text, self._spans):
            # What a match names depends on its text alone, so it is worked out once per text
            # (trim, glossary entity, key) and remembered: most matches are texts met before.
            raws = [text[start:end] for start, end in zip(starts, ends, strict=True)]
            verdicts = [memo.get(raw) for raw in raws]
            for k in [k for k, verdict in enumerate(verdicts) if verdict is None]:
                known = memo.get(raws[k])  # (met earlier in this text)
                if known is None:
                    if len(memo) >= MEMO_LIMIT:
                        memo.clear()
                    known = memo[raws[k]] = _classify(raws[k], finder)
                verdicts[k] = known
            window = _Window(starts, which, verdicts)
            if kept is not None:
                kept.append(window)
            yield window
        self._kept_windows = kept

    def unlisted_forms(self) -> set[tuple[str, Key]]:
        """(name, key) of every unlisted name the scan met, wherever it stands."""
        found: dict[int, tuple] = {}
        for window in self._windows():
            # One verdict tuple stands for every match of the same text: counted once.
            found.update(
                (id(verdict), verdict) for verdict in window.verdicts if verdict[3] is not None
            )
        return {(t[1], t[3]) for t in found.values()}

    def hits(
        self,
        taken: Sequence[tuple[int, int]],
        unlisted: set[str] | None = None,
        correct: dict[tuple[int, int], str] | None = None,
    ) -> Iterator[NameHit]:
        """The hits that overlap none of the `taken` spans (sorted, non-overlapping): every
        glossary entity, and the unlisted names whose lower case is in `unlisted` (all of them
        when it is None). `correct` gives the entry id of the taken spans that are correct
        forms: an unlisted spelling of that entry that holds one and goes beyond it is a hit
        all the same (the accepted "Soleimani" in "Ghasem Soleimani")."""
        text = self.text
        taken_starts = [s for s, _ in taken]
        span_blocks = self._span_blocks
        for starts, which, v in self._windows():
            if unlisted is None:
                wanted = [k for k, verdict in enumerate(v) if verdict is not _NOTHING]
            else:  # entities, and the names asked for
                wanted = [
                    k
                    for k, (_, name, match, _) in enumerate(v)
                    if match is not None or name.lower() in unlisted
                ]
            for k in wanted:
                shift, name, match, key = v[k]
                ns = starts[k] + shift
                ne = ns + len(name)
                i = bisect_left(taken_starts, ne) - 1
                if (
                    i >= 0
                    and taken[i][1] > ns
                    and not (correct and _holds_correct_forms(taken, i, ns, ne, match, correct))
                ):
                    continue
                block = span_blocks[which[k]]
                if match is not None:
                    yield NameHit(block, ns, ne, name, match, None)
                else:
                    # Where the sentence starts matters only for one-word names (proper_names).
                    first = len(key) == 1 and at_sentence_start(text, block, ns)
                    yield NameHit(block, ns, ne, name, None, key, first)


def _holds_correct_forms(taken, i: int, ns: int, ne: int, match, correct) -> bool:
    """Whether the name at [ns, ne), an unlisted spelling of a glossary entry, holds the taken
    spans it overlaps (from taken[i] back), each a correct form of that entry, and goes
    beyond them."""
    if match is None or match.listed:
        return False
    covered = 0
    while i >= 0 and taken[i][1] > ns:
        span = taken[i]
        if correct.get(span) != match.entry.id or span[0] < ns or span[1] > ne:
            return False
        covered += span[1] - span[0]
        i -= 1
    return covered < ne - ns
