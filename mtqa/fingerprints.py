"""Fingerprints: a name for a finding that survives edits elsewhere in its file.

A finding's line and offsets move whenever a paragraph above it changes, so they cannot say
"this is the finding we saw last week". A fingerprint is made of what stays: the rule, the
glossary entry, the matched text and the few words around it, each normalised (its words only,
case folded: typography, white space and markup between words do not count). Two findings with the same
rule, entry, text and context in one file are told apart by their order among themselves.

SARIF's `partialFingerprints`, the JSON reports, `mtqa lint --baseline` and the language server
all use these, so a finding keeps one name everywhere.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import NamedTuple

from .findings import Finding


class Located(NamedTuple):
    """The fields of a finding that its fingerprint reads, from the finding's JSON (a Finding
    has the same fields under the same names)."""

    path: str
    start: int
    end: int
    code: str
    term: str | None
    text: str

    @classmethod
    def of(cls, data: dict) -> Located:
        return cls(
            data["path"], data["start"], data["end"], data["code"], data["term"], data["text"]
        )


Locatable = Finding | Located

# Words of context on each side: enough to tell two occurrences of a term apart, few enough
# that an edit to the sentence's far end leaves the fingerprint alone.
CONTEXT_WORDS = 3
# How far to look for those words (characters), and a paragraph break ends the context.
_REACH = 64
_WORD = re.compile(r"\w+")
_PARAGRAPH = re.compile(r"\n[ \t]*\r?\n")
# The name SARIF gives this fingerprint (partialFingerprints), versioned as its recipe is.
SARIF_KEY = "mtqaFinding/v1"


def _words(text: str) -> list[str]:
    """The words of `text`: runs of letters and digits, so punctuation, typography (curly or
    straight apostrophes, kinds of hyphen and space) and markup between words do not count."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return _WORD.findall(text)


def _norm(words: list[str]) -> str:
    return " ".join(words).casefold()


def _context(text: str, start: int, end: int) -> tuple[str, str]:
    before = text[max(0, start - _REACH) : start]
    after = text[end : end + _REACH]
    if "\n" in before:
        breaks = list(_PARAGRAPH.finditer(before))
        if breaks:
            before = before[breaks[-1].end() :]
    if "\n" in after:
        cut = _PARAGRAPH.search(after)
        if cut:
            after = after[: cut.start()]
    return _norm(_words(before)[-CONTEXT_WORDS:]), _norm(_words(after)[:CONTEXT_WORDS])


def _key(finding: Locatable, text: str | None) -> tuple[str, ...]:
    matched = finding.text
    if text is not None and 0 <= finding.start <= finding.end <= len(text):
        matched = text[finding.start : finding.end]
        before, after = _context(text, finding.start, finding.end)
    else:  # the file's text is not known: the finding's own text, no context
        before = after = ""
    return (finding.code, finding.term or "", _norm(_words(matched)), before, after)


def fingerprints_of(findings: Sequence[Locatable], text: str | None) -> list[str]:
    """The fingerprint of each finding of one file (in the order given), `text` being the
    file's text as the findings' offsets count it (None: unknown, then no context)."""
    keys = [_key(f, text) for f in findings]
    order = sorted(range(len(findings)), key=lambda i: (findings[i].start, findings[i].end))
    seen: dict[tuple[str, ...], int] = {}
    out = [""] * len(findings)
    for i in order:
        n = seen[keys[i]] = seen.get(keys[i], 0) + 1
        data = "\x1f".join((*keys[i], str(n)))
        out[i] = hashlib.sha256(data.encode("utf-8")).hexdigest()[:32]
    return out


def file_text(path: str) -> str | None:
    """The text a file's findings count their offsets in; None when it cannot be read."""
    from .documents.io import decode, read_bytes
    from .errors import InputError

    try:
        return decode(read_bytes(path), path)[0]
    except InputError:
        pass
    try:  # a binary format (a workbook, a Word file): its reader says what its text is
        from .readers import read_document

        return read_document(path).text
    except InputError:
        return None


def fingerprints(
    findings: Iterable[Locatable],
    texts: Mapping[str, str] | None = None,
    read: Callable[[str], str | None] = file_text,
) -> list[str]:
    """The fingerprint of each finding of a run, in order. Each file's text comes from `texts`
    where given, else is read once (`read`)."""
    findings = list(findings)
    by_path: dict[str, list[int]] = {}
    for i, f in enumerate(findings):
        by_path.setdefault(f.path, []).append(i)
    out = [""] * len(findings)
    for path, indexes in by_path.items():
        text = texts.get(path) if texts is not None and path in texts else read(path)
        own = fingerprints_of([findings[i] for i in indexes], text)
        for i, fp in zip(indexes, own, strict=True):
            out[i] = fp
    return out
