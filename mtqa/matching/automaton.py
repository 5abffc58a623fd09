"""One pass over the text for the whole glossary.

Every literal form of every entry (correct forms and variants, with their plurals) is a key of one
Aho-Corasick automaton over folded text, so the cost of a scan does not grow with the number of
entries. Matches are kept when they are whole words, then resolved leftmost-longest. Correct
forms are keys too: a variant inside an occurrence of a correct form ("Ain al-Asad" inside "Ain
al-Asad Air Base") loses to the longer correct match and is not reported. Regex variants, which an
automaton cannot hold, are matched one by one on the same folded text, on an engine that cannot
hang (mtqa.regexes). Exact variants (imported prh and Vale rules) keep their engine's semantics:
they run on the prose as written and are resolved as prh resolves them (`find_exact`).
"""

from __future__ import annotations

import marshal
import operator
import re
from array import array
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from typing import NamedTuple

import ahocorasick

from ..gcpause import gc_paused
from ..glossary.model import Entry, Glossary
from ..glossary.store.keys import IS_CORRECT, IS_PLURAL, key_table, slot_index
from ..normalize import fold_all
from ..regexes import Budget, Hit, SafeRegex, compile_regex
from .inflection import pluralize

CORRECT = "correct"
VARIANT = "variant"


@dataclass(frozen=True, slots=True)
class Target:
    """What a key stands for: a correct form or a variant of one entry."""

    entry: Entry
    kind: str
    form: str  # the glossary's spelling of this key (for case checks and messages)
    replacement: str | None = None  # for variants
    variant_index: int | None = None


# Matches are named tuples: one is made per match, and a named tuple is built in one C call.
class Match(NamedTuple):
    start: int  # in folded text
    end: int
    target: Target


class ExactMatch(NamedTuple):
    start: int  # in the original text
    end: int
    target: Target
    replacement: str  # with its $1..$9 filled in


_GROUP_REF = re.compile(r"\$([0-9]{1,2})")
_ESCAPED = re.compile(r"\\(.)", re.S)
_REGEX_SYNTAX = re.compile(r"[\\.^$|?*+()\[\]{}]")


def exact_literal(regex: str) -> tuple[str, bool, bool] | None:
    """(text, \\b before, \\b after) when an exact variant's regex only spells a literal: an
    escaped string (prh's string patterns), optionally between \\b anchors; else None."""
    left = regex.startswith(r"\b")
    body = regex[2:] if left else regex
    right = body.endswith(r"\b") and not body.endswith(r"\\b")
    body = body[:-2] if right else body
    if not body or re.search(r"\\[A-Za-z0-9]", body):
        return None  # \d, \w, \b inside, \1 ...: classes and references, not literals
    if _REGEX_SYNTAX.search(_ESCAPED.sub("", body)):
        return None
    return _ESCAPED.sub(r"\1", body), left, right


# RE2's (and JavaScript's) \b, ASCII word characters on one side only, in one C call:
# `match(text, i)` looks at the character before `i` too (tests/matching/test_matching.py).
_ASCII_BOUNDARY = re.compile(r"\b", re.ASCII)


def _by_start_then_longest(candidate: tuple) -> tuple[int, int]:
    return candidate[0], candidate[0] - candidate[1]


def expand(template: str, groups: tuple[str | None, ...]) -> str:
    """prh's replacement: $1..$99 by the groups ("" for one that did not take part); $0 and a
    number past the last group are left as written."""

    def sub(m: re.Match) -> str:
        index = int(m.group(1))
        if index == 0 or index > len(groups) - 1:
            return m.group(0)
        return groups[index] or ""

    if "$" not in template:  # the common case: nothing to fill in
        return template
    return _GROUP_REF.sub(sub, template)


def _is_word_char(c: str) -> bool:
    return c.isalnum()


def is_bounded(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is a whole word (or words) in `text`.

    A hyphen or an apostrophe between letters joins a word ("Al-Qaim", "Kata'ib"), so a key may
    not start or end at one; the possessive "'s" after a match is allowed.
    """
    if start > 0:
        before = text[start - 1]
        if _is_word_char(before):
            return False
        if before in "-'" and start > 1 and _is_word_char(text[start - 2]):
            return False
    if end < len(text):
        after = text[end]
        if _is_word_char(after):
            return False
        if (
            after in "-'"
            and end + 1 < len(text)
            and _is_word_char(text[end + 1])
            and not (
                after == "'"
                and text[end + 1] == "s"
                and (end + 2 >= len(text) or not _is_word_char(text[end + 2]))
            )
        ):
            return False
    return True


# Characters that join the words of a path, a dotted name or a snake_case identifier.
_JOINERS = "/\\._"
# Punctuation that may open or close a word of prose around such a token ("(see src/a.rs).",
# "_emphasis_", "**strong**", a backslash line break).
_EDGE_PUNCTUATION = "\"'()[]{}<>,;:!?*_~\\"


# Characters looked at each side of a match for the token it is part of. A longer run without
# a space is a blob (minified code, base64, a long URL-like name), not prose; the bound keeps a
# blob full of matches linear rather than quadratic.
MAX_TOKEN_REACH = 256
_TOKEN_END = re.compile(r"[\s\x00\x01]")
_LAST_BREAK = re.compile(r".*[\s\x00\x01]", re.S)


def _token_bounds(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The run of non-space characters around [start, end), without the punctuation at its edges.

    None when the run reaches further than MAX_TOKEN_REACH on either side.
    """
    floor = max(0, start - MAX_TOKEN_REACH)
    last = _LAST_BREAK.match(text, floor, start)  # regex scans in C, not a loop per character
    if last is None and floor > 0:
        return None
    lo = floor if last is None else last.end()
    ceiling = min(len(text), end + MAX_TOKEN_REACH)
    m = _TOKEN_END.search(text, end, ceiling)
    if m is None and ceiling < len(text):
        return None
    hi = ceiling if m is None else m.start()
    while lo < start and text[lo] in _EDGE_PUNCTUATION:
        lo += 1
    while hi > end and text[hi - 1] in _EDGE_PUNCTUATION + ".":
        hi -= 1
    return lo, hi


_SNAKE_OR_BACKSLASH = re.compile(r"[^\W_]_+[^\W_]|[^\W_]\\[^\W_]")


def in_identifier(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is part of a path, a dotted name or a snake_case identifier.

    `src/main.rs`, `images.AutoOrient`, `post_url`, `C:\\docs\\a.md` are names a program reads:
    a glossary term inside one is not prose, and replacing it would break a reference. A match
    that is the whole token ("Node.js", "U.S.") is a word like any other. CamelCase needs no
    rule of its own: a term inside one ("Orient" in "AutoOrient") is not a whole word anyway.
    A slash between two plain words ("and/or") is prose; it takes a second slash, a leading
    one or a file extension to make a path.
    """
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before not in _JOINERS and after not in _JOINERS:
        return False  # the common case: a word between spaces or punctuation
    bounds = _token_bounds(text, start, end)
    if bounds is None:
        return True  # a blob of hundreds of characters without a space is not prose
    lo, hi = bounds
    if lo == start and hi == end:
        return False
    token = text[lo:hi]
    if _SNAKE_OR_BACKSLASH.search(token):
        return True
    dotted = (
        re.search(r"[^\W_]{2,}\.[^\W_]{2,}", token) is not None
        or re.search(r"[^\W_]\.[^\W_]{2,}", token) is not None
    )
    if "/" in token:
        return dotted or token.count("/") >= 2 or token[0] in "/~."
    return dotted


# What the cache keeps for a matcher (see `TermMatcher.state`); a change to it changes this number, and a
# file of another layout is then built again rather than misread.
MATCHER_FORMAT = 3
_CACHE_NAME = "matcher"


# From this many keys on, the automaton holds only each key's first PREFIX characters and a
# dict confirms the whole key where one occurs (see TermMatcher). 300,000 whole keys make an
# automaton of 1.8 million nodes: half a second to build, 70 MB to keep, and slower to unpickle
# from a cache than a dict of the keys is to make. Their prefixes make a few thousand nodes.
# The keys are kept sorted, so the keys of one prefix are a run of them: the dict that confirms
# them is made for a prefix when the text first holds it, not for all 300,000 keys every run.
PREFIX_MIN_KEYS = 10_000
PREFIX = 6


def prefix_groups(keys: list[str], q: int = PREFIX) -> tuple[list[str], list[tuple[int, ...]]]:
    """The distinct first-q-character prefixes of `keys` (a shorter key is its own), and for
    each the lengths of the keys that start with it, in increasing order."""
    # A defaultdict makes a set only for a new prefix (setdefault made one for every key).
    lengths: defaultdict[str, set[int]] = defaultdict(set)
    for key in keys:
        lengths[key[:q]].add(len(key))
    return list(lengths), [tuple(sorted(v)) for v in lengths.values()]


def term_matcher(glossary: Glossary) -> TermMatcher:
    """The glossary's term matcher: kept in the glossary's cache with the glossary (see
    glossary.store.cache.compiled), so a large glossary's is built once."""
    from ..glossary.store.cache import compiled  # here: a lint that needs no matcher skips it

    return compiled(
        glossary,
        _CACHE_NAME,
        build=lambda: TermMatcher(glossary),
        dump=TermMatcher.state,
        restore=lambda stored: TermMatcher(glossary, state=stored),
    )


class TermMatcher:
    """All the glossary's forms in one automaton pass, compiled once per glossary and, for a
    glossary from the cache, kept there beside it.

    Each key (a folded form) has an index; what it stands for is two arrays (its entry's index
    and its slot in that entry), turned into a `Target` only for the keys that match, so the
    entries a text does not meet are never decoded. A glossary of up to PREFIX_MIN_KEYS keys
    puts its whole keys in the automaton. A larger one puts their prefixes there, and where a
    prefix occurs at the start of a word, looks up the text of each length a key with that
    prefix has: the same occurrences (every key starts with its prefix), from an automaton
    that is built in milliseconds. The lookup is a dict of that prefix's keys, made the first
    time the prefix occurs (the keys are sorted, so they are one run): a run meets a few
    hundred prefixes, and a dict of all 300,000 keys cost more than the rest of loading.
    """

    def __init__(
        self, glossary: Glossary, prefix_min_keys: int | None = None, *, state=None
    ):
        """The matcher of `glossary`, built; or taken from `state` (what `state()` gave for
        this glossary), which raises ValueError where the state does not fit the glossary.
        `term_matcher` keeps it in the glossary's cache."""
        self.glossary = glossary
        self._targets: dict[int, Target] = {}
        self._prefix_min = PREFIX_MIN_KEYS if prefix_min_keys is None else prefix_min_keys
        with gc_paused():  # hundreds of thousands of keys for a large glossary
            if state is None:
                self._build(glossary)
            elif not self._restore(state):
                raise ValueError("a stored matcher that does not fit this glossary")

    def _build(self, glossary: Glossary) -> None:
        # Every form with what it stands for, in glossary order (the glossary's key table);
        # folded all at once below.
        table = key_table(glossary.entries, pluralize)
        forms, slots = table.forms, table.slot_of
        regexes = table.regexes
        exact: list[tuple[int, int]] = []
        # Exact variants that are literals (optionally between \b): one case-sensitive automaton
        # pass over the text as written finds them all, instead of a regex scan each.
        literals: dict[str, list[tuple[int, int, bool, bool]]] = {}
        for n, i, regex in table.exact:
            literal = exact_literal(regex)
            if literal is not None:
                literal_text, left, right = literal
                literals.setdefault(literal_text, []).append((n, i, left, right))
            else:
                exact.append((n, i))
        # key -> the index of its form
        folded = fold_all(forms)
        keys = dict(zip(folded, range(len(folded)), strict=True))
        if "" in keys or len(keys) != len(folded):
            keys = {}  # a key made twice, or an empty one: chosen one by one below
        # Else every key is non-empty and made once (a large glossary's usual case): nothing
        # to choose between, and the table was made in C.
        for f, key in () if keys else enumerate(folded):
            if not key:
                continue
            # Correct forms win over variants with the same key; otherwise first one wins
            # (validation has already refused conflicting claims).
            existing = keys.get(key)
            if existing is None or (not slots[existing] & IS_CORRECT and slots[f] & IS_CORRECT):
                keys[key] = f
        # In sorted order (see PREFIX): a key's index is only a name within this matcher.
        self._keys = sorted(keys)
        forms_of = list(map(keys.__getitem__, self._keys))  # each key's form
        self._entry_of = array("I", map(table.entry_of.__getitem__, forms_of))
        self._slot_of = array("I", map(slots.__getitem__, forms_of))
        self._prefix = PREFIX  # (read now: tests try other lengths)
        self._groups = (
            prefix_groups(self._keys, self._prefix) if len(keys) >= self._prefix_min else None
        )
        self._refs = (regexes, exact, [(t, tuple(refs)) for t, refs in literals.items()])
        self._compile()

    def _compile(self) -> None:
        """The automata and regexes, from the key table and the variant references (the part
        of a matcher that is quicker to make than to read from a file)."""
        self.size = len(self._keys)
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_INTS)
        if self._groups is None:
            for k, key in enumerate(self._keys):
                self._automaton.add_word(key, k)
            self._index = None
        else:
            for g, prefix in enumerate(self._groups[0]):
                self._automaton.add_word(prefix, g)
            self._index = {}  # prefix group -> {key: index}, made on the group's first hit
        if self.size:
            self._automaton.make_automaton()
        self._compile_refs()

    @property
    def by_prefix(self) -> bool:
        """Whether the automaton holds the keys' prefixes (a glossary of PREFIX_MIN_KEYS keys
        or more) rather than the whole keys."""
        return self._groups is not None

    def _group_index(self, prefix: str) -> dict[str, int]:
        """{key: index} of the keys whose first PREFIX characters are `prefix`: a run of the
        sorted keys, found by bisection on those characters."""
        first = operator.itemgetter(slice(0, self._prefix))
        lo = bisect_left(self._keys, prefix, key=first)
        hi = bisect_right(self._keys, prefix, lo, key=first)
        return dict(zip(self._keys[lo:hi], range(lo, hi), strict=True))

    def _compile_refs(self) -> None:
        """The regex and exact variants, compiled from the entries they belong to (few, even in
        a large glossary: every literal goes into the automaton)."""
        regexes, exact, literals = self._refs
        self._regexes: list[tuple[SafeRegex, Target]] = []
        for n, i in regexes:
            entry = self.glossary.entries[n]
            target = self._variant_target(entry, i, False)
            self._regexes.append((compile_regex(entry.variants[i].regex, ignore_case=True), target))
        self._exact: list[tuple[SafeRegex, Target]] = []
        for n, i in exact:
            entry = self.glossary.entries[n]
            regex = entry.variants[i].regex
            self._exact.append(
                (compile_regex(regex, multiline=True, ascii=True), self._exact_target(entry, i))
            )
        self._literals = None
        if literals:
            self._literals = ahocorasick.Automaton(ahocorasick.STORE_ANY)
            for text, refs in literals:
                targets = tuple(
                    (self._exact_target(self.glossary.entries[n], i), left, right)
                    for n, i, left, right in refs
                )
                self._literals.add_word(text, (len(text), targets))
            self._literals.make_automaton()

    @staticmethod
    def _exact_target(entry: Entry, i: int) -> Target:
        v = entry.variants[i]
        replacement = v.replace if v.replace is not None else entry.preferred
        return Target(entry, VARIANT, v.label, replacement, i)

    @staticmethod
    def _variant_target(entry: Entry, i: int, plural: bool) -> Target:
        v = entry.variants[i]
        replacement = v.replace or entry.preferred
        if v.regex is not None:
            return Target(entry, VARIANT, v.label, replacement, i)
        if plural:
            return Target(
                entry, VARIANT, pluralize(v.text), pluralize(replacement) or replacement, i
            )
        return Target(entry, VARIANT, v.text, replacement, i)

    def _target(self, k: int) -> Target:
        """What key k stands for, made (and its entry decoded) the first time it matches."""
        target = self._targets.get(k)
        if target is None:
            entry = self.glossary.entries[self._entry_of[k]]
            slot = self._slot_of[k]
            index, plural = slot_index(slot), bool(slot & IS_PLURAL)
            if slot & IS_CORRECT:
                form = entry.correct_forms[index]
                target = Target(entry, CORRECT, pluralize(form) if plural else form)
            else:
                target = self._variant_target(entry, index, plural)
            self._targets[k] = target
        return target

    def state(self) -> bytes:
        """The compiled matcher as bytes, for a cache: plain values only (marshal)."""
        return marshal.dumps(
            (
                MATCHER_FORMAT,
                len(self.glossary),
                self._keys,
                self._entry_of.tobytes(),
                self._slot_of.tobytes(),
                self._prefix,
                self._groups,
                self._refs,
            )
        )

    def _restore(self, stored) -> bool:
        """Take the compiled matcher from the cache; False when it does not fit this glossary
        (another layout, another number of entries or keys, a table out of range)."""
        try:
            fmt, entries, keys, entry_of, slot_of, prefix, groups, refs = marshal.loads(stored)
            if fmt != MATCHER_FORMAT or entries != len(self.glossary):
                return False
            self._entry_of, self._slot_of = array("I"), array("I")
            self._entry_of.frombytes(entry_of)
            self._slot_of.frombytes(slot_of)
            if not len(keys) == len(self._entry_of) == len(self._slot_of):
                return False
            if keys and max(self._entry_of) >= entries:
                return False
            self._keys = keys
            self._prefix = prefix
            # The threshold is this run's: a cache written with another one still serves.
            if (groups is None) != (len(keys) < self._prefix_min):
                groups = prefix_groups(keys, prefix) if len(keys) >= self._prefix_min else None
            self._groups = groups
            self._refs = refs
            self._compile()
        except Exception:  # a damaged or foreign file: build the matcher instead
            return False
        return True

    @property
    def has_folded(self) -> bool:
        """Whether `find` can match anything: an imported prh or Vale glossary has only exact
        variants, and then the folded text need not even be built."""
        return bool(self.size or self._regexes)

    @property
    def has_exact(self) -> bool:
        return bool(self._exact) or self._literals is not None

    def _literal_hits(self, text: str, lo: int, hi: int):
        """(target, Hit) for the literal exact variants in text[lo:hi], as a regex scan of each
        would find them: where the \\b asked for holds, leftmost and not overlapping each
        other, per variant."""
        last_end: dict[int, int] = {}
        boundary = _ASCII_BOUNDARY.match
        for end_index, (length, targets) in self._literals.iter(text, lo, hi):
            end = end_index + 1
            start = end - length
            for target, left, right in targets:
                if left and boundary(text, start) is None:
                    continue
                if right and boundary(text, end) is None:
                    continue
                if start < last_end.get(id(target), -1):
                    continue
                last_end[id(target)] = end
                yield target, Hit(start, end, (text[start:end],))

    def find_exact(
        self, text: str, ranges: list[tuple[int, int]], budget: Budget | None = None
    ) -> list[list[ExactMatch]]:
        """The exact variants' matches in each paragraph text[lo:hi] of `ranges` (in order, not
        overlapping), resolved as prh resolves them: by position, the longer of two at one
        position, the first of two that overlap. A match that is the rule's expected text, or
        whose `must_be_empty` group is not empty, is none; one whose replacement changes
        nothing still holds its place.

        Each pattern scans the whole text once (a scan per paragraph costs a call per
        paragraph and pattern); only where a match runs over a paragraph's edge, which a scan of
        the paragraph alone would not have found, is that pattern scanned paragraph by
        paragraph."""
        from bisect import bisect_right

        starts = [lo for lo, _ in ranges]
        per_block: list[list[tuple[int, int, Target, str, bool]]] = [[] for _ in ranges]
        if not ranges:
            return []
        for pattern, target in self._exact:
            hits: list[tuple[int, object]] = []
            crossing = False
            for hit in pattern.finditer(text, ranges[0][0], ranges[-1][1], budget):
                i = bisect_right(starts, hit.start) - 1
                if i >= 0 and hit.end <= ranges[i][1]:
                    hits.append((i, hit))
                elif (i >= 0 and hit.start < ranges[i][1]) or (
                    i + 1 < len(ranges) and hit.end > ranges[i + 1][0]
                ):
                    crossing = True
                    break
            if crossing:
                hits = [
                    (i, hit)
                    for i, (lo, hi) in enumerate(ranges)
                    for hit in pattern.finditer(text, lo, hi, budget)
                ]
            for i, hit in hits:
                candidate = self._exact_candidate(hit, target)
                if candidate is not None:
                    per_block[i].append(candidate)
        if self._literals is not None:
            for target, hit in self._literal_hits(text, ranges[0][0], ranges[-1][1]):
                i = bisect_right(starts, hit.start) - 1
                # A literal across a paragraph's edge is in no paragraph: prh would not see it.
                if i >= 0 and hit.end <= ranges[i][1]:
                    candidate = self._exact_candidate(hit, target)
                    if candidate is not None:
                        per_block[i].append(candidate)
        out: list[list[ExactMatch]] = []
        for candidates in per_block:
            kept: list[ExactMatch] = []
            if candidates:  # most paragraphs have none
                if len(candidates) > 1:
                    candidates.sort(key=_by_start_then_longest)
                last_end = -1
                for s, e, target, replacement, noop in candidates:
                    if s >= last_end:
                        last_end = e
                        if not noop:
                            kept.append(ExactMatch(s, e, target, replacement))
            out.append(kept)
        return out

    @staticmethod
    def _exact_candidate(hit, target: Target) -> tuple[int, int, Target, str, bool] | None:
        if hit.end == hit.start:
            return None
        group = target.entry.variants[target.variant_index].must_be_empty
        if group is not None and group < len(hit.groups) and hit.groups[group]:
            return None
        if hit.groups[0] == target.replacement:
            return None
        replacement = expand(target.replacement, hit.groups)
        return hit.start, hit.end, target, replacement, replacement == hit.groups[0]

    def find(self, folded: str, budget: Budget | None = None) -> list[Match]:
        """Leftmost-longest, whole-word, non-overlapping matches in folded text."""
        candidates: list[tuple[int, int, Target]] = []
        if self.size and self._index is None:
            keys = self._keys
            for end_index, k in self._automaton.iter(folded):
                end = end_index + 1
                start = end - len(keys[k])
                if is_bounded(folded, start, end) and not in_identifier(folded, start, end):
                    candidates.append((start, end, self._target(k)))
        elif self.size:
            tables = self._index
            prefixes, lengths = self._groups
            n = len(folded)
            for end_index, g in self._automaton.iter(folded):
                start = end_index + 1 - len(prefixes[g])
                if start and folded[start - 1].isalnum():
                    continue  # inside a word: no key can start here (is_bounded)
                index = tables.get(g)
                if index is None:
                    index = tables[g] = self._group_index(prefixes[g])
                for length in lengths[g]:
                    end = start + length
                    if end > n:
                        break
                    k = index.get(folded[start:end])
                    if (
                        k is not None
                        and is_bounded(folded, start, end)
                        and not in_identifier(folded, start, end)
                    ):
                        candidates.append((start, end, self._target(k)))
        for pattern, target in self._regexes:
            for m in pattern.finditer(folded, budget=budget):
                if (
                    m.end > m.start
                    and is_bounded(folded, m.start, m.end)
                    and not in_identifier(folded, m.start, m.end)
                ):
                    candidates.append((m.start, m.end, target))
        candidates.sort(key=lambda c: (c[0], -(c[1] - c[0]), c[2].kind != CORRECT))
        out: list[Match] = []
        last_end = -1
        for start, end, target in candidates:
            if start >= last_end:
                out.append(Match(start, end, target))
                last_end = end
        return out
