"""Glossary regexes that cannot hang a run.

Glossaries carry regexes written by others (prh and Vale dictionaries). A backtracking engine can
take exponential time on a pattern like `(a+)+b` and a line of `a`s, so:

- a pattern RE2 accepts runs on RE2 (google-re2): linear in the text, whatever the pattern;
- a pattern RE2 cannot run (lookarounds, back-references: prh dictionaries use both) runs on the
  `regex` module under a time budget that spans the whole run: each such pattern may spend
  that many seconds over all the documents of a run together. One that runs out of it is
  dropped for the rest of the run, with one warning naming it, so a slow pattern costs a run
  its budget once, not once per file;
- `mtqa glossary check` refuses a pattern that neither engine can run safely: one RE2 rejects
  and that backtracks past a small budget on short probe lines made from its own characters.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

RE2, BACKTRACKING = "re2", "backtracking"

# Seconds of backtracking-regex time one pattern may use in a whole run (all documents).
DEFAULT_BUDGET = float(os.environ.get("MTQA_REGEX_BUDGET", "2.0"))
# What `glossary check` allows one probe line: a safe pattern takes microseconds on it.
PROBE_BUDGET = 0.2


class RegexError(ValueError):
    """A pattern neither engine accepts, or one that backtracks catastrophically."""


class Hit(NamedTuple):  # a named tuple: one is made per match, and it is built in one C call
    start: int
    end: int
    groups: tuple[str | None, ...]  # group 0 (the match) first


@dataclass(frozen=True)
class SafeRegex:
    source: str
    engine: str
    _compiled: object = field(repr=False, compare=False)

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None, budget: Budget | None = None
    ) -> Iterator[Hit]:
        endpos = len(text) if endpos is None else endpos
        if self.engine == RE2:
            yield from self._re2_hits(Subject.of(text), pos, endpos)
            return
        budget = budget or Budget()
        if self.source in budget.exhausted:
            return  # dropped for the rest of the run
        started = time.perf_counter()
        try:
            for m in self._compiled.finditer(
                text, pos, endpos, timeout=max(budget.left(self.source), 0.001)
            ):
                yield Hit(m.start(), m.end(), (m.group(0), *m.groups()))
        except TimeoutError:
            budget.exhausted.add(self.source)
            if budget.quiet:
                return
            import logging  # here: a run that never times out never loads logging

            from .sanitize import for_terminal  # (a glossary's pattern, shown on a terminal)

            logging.getLogger("mtqa").warning(
                "regex /%s/ ran out of its time budget (%g s for the run) and is dropped from "
                "here on (catastrophic backtracking?)",
                for_terminal(self.source),
                budget.seconds,
            )
        finally:
            budget.charge(self.source, time.perf_counter() - started)

    def _re2_hits(self, subject: Subject, pos: int, endpos: int) -> Iterator[Hit]:
        """RE2 on the document's UTF-8 bytes, encoded once for all patterns (the binding would
        encode the whole text again on every call, and map every offset back one by one)."""
        data = subject.data
        start, stop = subject.byte(pos), subject.byte(endpos, mark=False)
        regexp = self._compiled._regexp
        anchor = _unanchored()
        while start <= stop:
            spans = regexp.Match(anchor, data, start, stop)
            if spans[0][0] == -1:
                return
            b0, b1 = spans[0]
            groups = tuple(None if a == -1 else data[a:b].decode("utf-8") for a, b in spans)
            yield Hit(subject.char(b0), subject.char(b1), groups)
            # The next search starts after this match (one character on after an empty one).
            start = b1 if b1 > b0 else subject.byte(subject.char(b1) + 1)
            if b1 == b0 and start <= b1:
                return


def _unanchored():
    import re2

    return re2._Anchor.UNANCHORED


class Subject:
    """A document's text as UTF-8 bytes, with character <-> byte offsets. Offsets are asked
    for mostly in order, so each is counted on from the last one converted (either way) by
    coding only the text between: a scan costs the length of the text, not its square."""

    _last: Subject | None = None

    def __init__(self, text: str):
        self.text = text
        self.data = text.encode("utf-8")
        self.ascii = len(self.data) == len(text)
        self._mark = (0, 0)  # (byte, char) of the last offset converted

    @classmethod
    def of(cls, text: str) -> Subject:
        # All the patterns of one document scan the same text: encode it once.
        last = cls._last
        if last is None or last.text is not text:
            last = cls._last = cls(text)
        return last

    def char(self, byte: int) -> int:
        if self.ascii:
            return byte
        b0, c0 = self._mark if self._mark[0] <= byte else (0, 0)
        char = c0 + len(self.data[b0:byte].decode("utf-8"))
        self._mark = (byte, char)
        return char

    def byte(self, char: int, mark: bool = True) -> int:
        """The byte offset of a character offset; `mark=False` for the end of a scan, which
        is not where the next offset will be asked for."""
        if self.ascii:
            return char
        if char >= len(self.text):
            return len(self.data)
        b0, c0 = self._mark if self._mark[1] <= char else (0, 0)
        byte = b0 + len(self.text[c0:char].encode("utf-8"))
        if mark:
            self._mark = (byte, char)
        return byte


@dataclass
class Budget:
    """Backtracking time: `seconds` for each pattern, counted over every document it scans."""

    seconds: float = DEFAULT_BUDGET
    spent: dict[str, float] = field(default_factory=dict)  # pattern source -> seconds
    exhausted: set[str] = field(default_factory=set)
    quiet: bool = False  # probing: say nothing

    def left(self, source: str) -> float:
        return self.seconds - self.spent.get(source, 0.0)

    def charge(self, source: str, seconds: float) -> None:
        self.spent[source] = self.spent.get(source, 0.0) + seconds


_RUN_BUDGET: Budget | None = None


def run_budget() -> Budget:
    """The budget of this run (this process): one for all the documents it checks, so a
    pattern that is slow on every file is stopped once, not once per file."""
    global _RUN_BUDGET
    if _RUN_BUDGET is None:
        _RUN_BUDGET = Budget()
    return _RUN_BUDGET


def _re2_options():
    import re2

    options = re2.Options()
    options.log_errors = False  # a pattern RE2 refuses is not an error here: it falls back
    return options


@lru_cache(maxsize=8192)
def compile_regex(
    pattern: str, ignore_case: bool = False, multiline: bool = False, ascii: bool = False
) -> SafeRegex:
    """RE2 when it can run the pattern, else the backtracking `regex` module. `ascii`: `\\w`,
    `\\d` and `\\b` mean ASCII only, as in JavaScript and Go (prh's and Vale's engines; RE2
    reads them so anyway). Raises RegexError for a pattern neither engine accepts."""
    import re2

    flags = ("i" if ignore_case else "") + ("m" if multiline else "")
    try:
        compiled = re2.compile(f"(?{flags}){pattern}" if flags else pattern, _re2_options())
        return SafeRegex(pattern, RE2, compiled)
    except re2.error:
        pass
    import regex

    bits = regex.VERSION0
    bits |= regex.IGNORECASE if ignore_case else 0
    bits |= regex.MULTILINE if multiline else 0
    bits |= regex.ASCII if ascii else 0
    try:
        return SafeRegex(pattern, BACKTRACKING, regex.compile(pattern, bits))
    except (regex.error, ValueError, OverflowError) as exc:
        raise RegexError(str(exc)) from None


def _probes(pattern: str) -> list[str]:
    """Short lines that make a backtracking pattern show exponential behaviour: runs of each
    character the pattern names (and of letters and spaces), ending in one that breaks a match."""
    chars = {c for c in pattern if c.isalnum() or c in " -_.'"} | {"a", "0", " "}
    lines = []
    for c in sorted(chars):
        lines += [c * 28 + "\x00", (c + " ") * 14 + "\x00"]
    word = "".join(sorted(c for c in chars if c.isalnum()))
    lines.append((word * 3)[:40] + "\x00")
    return lines


def unsafe_reason(pattern: str, ignore_case: bool = False, ascii: bool = False) -> str | None:
    """Why a pattern cannot run safely, or None. RE2 patterns always run in linear time; any
    pattern that matches the empty string is refused (it matches between every two characters
    of a document: a finding, or at least a step, at each)."""
    compiled = compile_regex(pattern, ignore_case, True, ascii)
    probes = _probes(pattern)
    # RE2 needs no probing for speed: the empty line and the one of all the pattern's letters
    # show an empty match (a glossary of thousands of regexes is checked in a blink).
    for line in ("", probes[-1]) if compiled.engine == RE2 else ("", *probes):
        budget = Budget(PROBE_BUDGET, quiet=True)
        if any(hit.start == hit.end for hit in compiled.finditer(line, budget=budget)):
            return "matches the empty string (so at every position of a document)"
        if budget.exhausted:
            return (
                f"took over {PROBE_BUDGET:g} s on the {len(line)}-character line {line[:12]!r}... "
                "(catastrophic backtracking); RE2 cannot run it either (lookaround or "
                "back-reference): rewrite it without nested repetition"
            )
    return None
