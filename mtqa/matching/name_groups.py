"""Names in a document's prose, grouped by transliteration: shared by lint (TERM003/TERM004) and
the corpus, so that one article and a thousand articles group names by the same rules.

`scan_names` walks the prose once and says, for each capitalised name not already taken by a
glossary match, which glossary entity it names (listed spelling or not) or, when none, its
transliteration key. `merge_keys` joins keys that are the same name (translit.same_name: the
same number of words, vowel-only differences, a glued article or Persian G allowed), so that
"Abu Mahdi al-Muhandis" and "Abu Mahdi al-Mohandes" meet while "Bashar al-Assad" and
"Ain al-Asad" stay apart. `majority_key` orders a group's forms: the most used first.
"""

from __future__ import annotations

import operator
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import compress, pairwise, repeat
from typing import NamedTuple
from weakref import WeakKeyDictionary

from ..documents.model import Block
from .discovery import (
    NameMatch,
    VariantFinder,
    feature_trimmed,
    has_acronym,
    is_common_name,
    trim_name,
)
from .normalize import fold_typography
from .translit import name_buckets, name_key, same_name

Key = tuple[str, ...]


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


def _at_sentence_start(text: str, block: Block, start: int) -> bool:
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
_PARTICLES = frozenset({"al", "el", "ad", "an", "ar", "as", "at", "az", "ash", "ath", "adh", "ul"})


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


# What the memo says of a match that is neither a glossary entity nor a name (with an empty
# name, so that the C-level filters below can read every verdict alike).
_NOTHING = (0, "", None, None)
_NAME = operator.itemgetter(1)
_MATCH = operator.itemgetter(2)
_KEY = operator.itemgetter(3)
# A scan keeps its windows' verdicts for a second walk in a text of up to this many
# characters (a few tens of thousands of matches); a longer text's verdicts, all held, would
# take more memory than the windows are there to save, so it is walked once
# (`NameScan.keeps_windows`).
_KEEP_CHARS = 1 << 20


# Texts of matches whose meaning a memo keeps at most (a few MB), per glossary finder.
_MEMO_LIMIT = 1 << 17
_memos: WeakKeyDictionary[VariantFinder, dict] = WeakKeyDictionary()
_memo_without_finder: dict = {}


def _memo_for(finder: VariantFinder | None) -> dict:
    if finder is None:
        return _memo_without_finder
    memo = _memos.get(finder)
    if memo is None:
        memo = _memos[finder] = {}
    return memo


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
        self.keeps_windows = len(text) <= _KEEP_CHARS

    def _windows(self) -> Iterator[_Window]:
        if self._kept_windows is not None:
            yield from self._kept_windows
            return
        from .name_scan import name_span_windows  # numpy: loaded when a text is scanned

        text, memo, finder = self.text, _memo_for(self.finder), self.finder
        kept: list[_Window] | None = [] if self.keeps_windows else None
        # Window by window: a long document's matches are never all held at once.
        for starts, ends, which in name_span_windows(text, self._spans):
            # What a match names depends on its text alone, so it is worked out once per text
            # (trim, glossary entity, key) and remembered. Most matches are neither entity nor
            # name: they are looked up and dropped in C (map, compress), and only the others
            # are walked.
            raws = list(map(text.__getitem__, map(slice, starts, ends)))
            verdicts = list(map(memo.get, raws))
            for k in compress(range(len(verdicts)), map(operator.is_, verdicts, repeat(None))):
                known = memo.get(raws[k])  # (met earlier in this text)
                if known is None:
                    if len(memo) >= _MEMO_LIMIT:
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
            v = window.verdicts
            named = list(compress(v, map(operator.is_not, map(_KEY, v), repeat(None))))
            found.update(zip(map(id, named), named, strict=True))
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
                wanted = map(operator.is_not, v, repeat(_NOTHING))
            else:  # entities, and names asked for (a C-level test per match)
                wanted = map(
                    operator.or_,
                    map(operator.is_not, map(_MATCH, v), repeat(None)),
                    map(unlisted.__contains__, map(str.lower, map(_NAME, v))),
                )
            for k in compress(range(len(v)), wanted):
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
                    first = len(key) == 1 and _at_sentence_start(text, block, ns)
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


def form_of(name: str) -> str:
    """How a name's form is counted: its typography folded (curly and straight apostrophes,
    dashes are one form); forms equal in lower case are one form."""
    return _folded(name)


_folded = lru_cache(maxsize=65536)(fold_typography)


def grouped_names(forms: Iterable[tuple[str, Key]]) -> set[str]:
    """The lower-cased names, of the (name, key) given, that are in a group of two forms or
    more (merge_keys): the only names of a document that TERM004 can report. Names left out
    (glossary matches, citations, common words at a sentence's start) only split or shrink
    groups, so the groups of the names a document really counts lie within these."""
    slots: dict[Key, set[str]] = {}
    for name, key in forms:
        slots.setdefault(key, set()).add(form_of(name).lower())
    # A key is in such a group when it has two forms itself, or when it is the same name as
    # another key (then its group has two keys, each with a form): merge_keys's test, without
    # building the groups.
    grouped = {key for key, written in slots.items() if len(written) > 1}
    buckets: dict[tuple[int, str], list[Key]] = {}
    for key in slots:
        for bucket in name_buckets(key):
            buckets.setdefault(bucket, []).append(key)
    for members in buckets.values():
        if len(members) > 1:
            for i, k1 in enumerate(members):
                for k2 in members[i + 1 :]:
                    if not (k1 in grouped and k2 in grouped) and same_name(k1, k2):
                        grouped.update((k1, k2))
    return {name.lower() for name, key in forms if key in grouped}


def merge_keys(keys: Iterable[Key]) -> dict[Key, Key]:
    """Each key -> the representative of its group (union of keys that are the same name)."""
    ordered = sorted(set(keys))
    parent = {k: k for k in ordered}

    def find(k: Key) -> Key:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    # Only names that share an index key can be the same name (see translit.name_buckets).
    buckets: dict[tuple[int, str], list[Key]] = {}
    for k in ordered:
        for bucket in name_buckets(k):
            buckets.setdefault(bucket, []).append(k)
    for members in buckets.values():
        for i, k1 in enumerate(members):
            for k2 in members[i + 1 :]:
                if find(k1) != find(k2) and same_name(k1, k2):
                    a, b = sorted((find(k1), find(k2)))
                    parent[b] = a
    return {k: find(k) for k in ordered}


def majority_key(form: str, count: int, documents: int = 1) -> tuple:
    """Sort key of a group's forms: most uses, then used in most documents, then alphabetical."""
    return (-count, -documents, form)


def display_form(written: dict[str, int]) -> str:
    """How to show forms that differ only in case: the one written most often (then the
    alphabetically first), by the same order as `majority_key`."""
    return min(written.items(), key=lambda kv: majority_key(kv[0], kv[1]))[0]
