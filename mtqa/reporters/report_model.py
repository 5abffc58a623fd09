"""The fix report's model: every finding in its sentence, before and after, and its status.

One model feeds the HTML, Markdown and XLSX renderers. It is built from a lint run (every fix
pending) or from a fix run (applied fixes, then what is left for a human).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime

from ..checks import RULES_BY_CODE
from ..findings import Applicability, Finding, place
from ..glossary.model import Glossary
from .model import Signature

APPLIED = "applied"
PENDING = "pending"  # a fix exists but was not applied
MANUAL = "manual"  # no automatic fix: a human decides
REJECTED = "rejected"  # a retranslation candidate verification turned down: not a fix

_SENTENCE_END = re.compile(r"[.!?](?=[\s\"'”’)\]]|$)|\n\s*\n")
_CONTEXT = 240


@dataclass(frozen=True)
class Excerpt:
    """A sentence cut around a finding: the text before the match, the match, and after."""

    before: str
    match: str
    after: str
    fixed: str | None  # the match's replacement (with the context edits applied), if any
    before_fixed: str | None = None  # `before` with an article edit applied, if any


# A line that starts a new block (heading, list item, table row, rule, quote) ends a sentence.
_BLOCK_START = re.compile(r"\n(?=[ \t]*(?:#|---|\||>|[-*+][ \t]|\d+[.)][ \t]))")


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence around [start, end): its line, for a heading or a front-matter value."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    line = text[line_start:line_end].lstrip()
    if line.startswith(("#", "|")) or _in_front_matter(text, start):
        return line_start, line_end
    lo = max(0, start - _CONTEXT)
    last = None
    for m in _SENTENCE_END.finditer(text, lo, start):
        last = m
    for m in _BLOCK_START.finditer(text, lo, start):
        if last is None or m.end() > last.end():
            last = m
    s = last.end() if last else lo
    hi = min(len(text), end + _CONTEXT)
    ends = [
        m.end()
        for m in (_SENTENCE_END.search(text, end, hi), _BLOCK_START.search(text, end, hi))
        if m
    ]
    return s, (min(ends) if ends else hi)


def _in_front_matter(text: str, offset: int) -> bool:
    if not text.startswith("---"):
        return False
    close = text.find("\n---", 3)
    return close != -1 and offset < close


def _apply(text: str, base: int, edits) -> str:
    """`text` (which starts at offset `base`) with the edits that fall inside it applied."""
    parts, pos = [], 0
    for x in sorted(edits, key=lambda x: x.start):
        parts.append(text[pos : x.start - base] + x.text)
        pos = x.end - base
    return "".join(parts) + text[pos:]


def excerpt(text: str, finding: Finding, in_markup: bool = False) -> Excerpt:
    s, e = sentence_around(text, finding.start, finding.end)
    if in_markup:
        # A target inside XML: the sentence stops at the tags around it.
        s = max(s, text.rfind(">", s, finding.start) + 1)
        close = text.find("<", finding.end, e)
        e = e if close == -1 else close
    before = text[s : finding.start]
    after = text[finding.end : e]
    fixed = None
    before_fixed = None
    if finding.fix is not None:
        edits = finding.fix.edits
        inside = [x for x in edits if x.start >= finding.start and x.end <= finding.end]
        fixed = _apply(finding.text, finding.start, inside)
        pre = [x for x in edits if x.end <= finding.start and x.start >= s]
        if pre:
            before_fixed = _apply(before, s, pre)

    def squash(t: str) -> str:
        return re.sub(r"\s+", " ", t)

    return Excerpt(
        squash(before).lstrip(),
        finding.text,
        squash(after).rstrip(),
        fixed,
        squash(before_fixed).lstrip() if before_fixed is not None else None,
    )


@dataclass(frozen=True)
class Item:
    finding: Finding
    excerpt: Excerpt
    status: str  # APPLIED, PENDING, MANUAL or REJECTED
    note: str = ""
    # Bilingual files: the segment the finding is in, and its source (shown beside the target).
    segment: str = ""
    source: str = ""
    segment_kind: str = "segment"  # "paragraph" for a draft aligned with its source
    # A line the Markdown report adds after the change, where the excerpt alone does not say
    # enough (a retranslation's scores and the reasons it was turned down).
    detail: str = ""

    @property
    def where(self) -> str:
        """"line 3, column 5", or a Word document's "body, paragraph 2, character 12"."""
        return place(self.finding)

    @property
    def fix_label(self) -> str:
        """safe / unsafe / unverified / none (rejected: a turned-down candidate, no fix)."""
        if self.status == REJECTED:
            return REJECTED
        if self.finding.fix is None:
            return "none"
        if self.finding.fix.applicability == Applicability.DISPLAY_ONLY:
            return "unverified"
        return self.finding.fix.applicability.value


@dataclass
class FileReport:
    path: str
    words: int
    items: list[Item] = field(default_factory=list)
    error: str | None = None


@dataclass
class ReportModel:
    files: list[FileReport]
    signature: Signature
    created: str = field(default_factory=lambda: datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))
    # Variant groups from a corpus run, for the batch matrix (optional).
    corpus: object | None = None
    # Rules of items that no check makes (a retranslation), by code, for "Rules in this report".
    extra_rules: dict = field(default_factory=dict)

    @property
    def items(self) -> list[Item]:
        return [i for f in self.files for i in f.items]

    def summary(self) -> dict:
        items = self.items
        sev = Counter(i.finding.severity.value for i in items)
        return {
            "files": len([f for f in self.files if f.error is None]),
            "unreadable": len([f for f in self.files if f.error is not None]),
            "words": sum(f.words for f in self.files),
            "findings": len(items),
            "by_severity": {k: sev.get(k, 0) for k in ("error", "warning", "info")},
            "by_rule": dict(Counter(i.finding.code for i in items).most_common()),
            "by_entry": dict(
                Counter(i.finding.term for i in items if i.finding.term).most_common()
            ),
            "applied": sum(1 for i in items if i.status == APPLIED),
            "pending": sum(1 for i in items if i.status == PENDING),
            "manual": sum(1 for i in items if i.status == MANUAL),
            "rejected": sum(1 for i in items if i.status == REJECTED),
        }

    @property
    def rules(self):
        """The rules of the findings shown, with `extra_rules` for codes no check has."""
        codes = sorted({i.finding.code for i in self.items})
        known = {**RULES_BY_CODE, **self.extra_rules}
        return [known[c] for c in codes if c in known]


def _note(finding: Finding, glossary: Glossary | None) -> str:
    if glossary is None or not finding.term:
        return ""
    entry = glossary.get(finding.term)
    return entry.note if entry else ""


def _item(
    text: str,
    finding: Finding,
    status: str,
    glossary: Glossary | None,
    sources: dict[str, str] | None = None,
) -> Item:
    if status != APPLIED:
        status = PENDING if finding.fix is not None else MANUAL
    segment = finding.extra.get("segment", "") if sources else ""
    source, kind = sources.get(segment, ("", "segment")) if segment else ("", "segment")
    return Item(
        finding,
        excerpt(text, finding, in_markup=bool(segment) and text.lstrip().startswith("<")),
        status,
        _note(finding, glossary),
        segment,
        source,
        segment_kind=kind,
    )


def _sources(doc) -> dict[str, tuple[str, str]]:
    return {s.id: (s.source, s.kind) for s in doc.segments}


def from_lint(
    documents_and_findings, signature: Signature, glossary: Glossary | None, errors=()
) -> ReportModel:
    """`documents_and_findings`: (Document, findings) pairs from a lint run."""
    files = []
    for doc, findings in documents_and_findings:
        fr = FileReport(doc.path, doc.word_count)
        sources = _sources(doc)
        fr.items = [_item(doc.text, f, PENDING, glossary, sources) for f in findings]
        files.append(fr)
    files += [FileReport(e.path, 0, error=e.reason) for e in errors]
    return ReportModel(files, signature)


def fix_items(
    result,
    glossary: Glossary | None = None,
    sources=None,
    written: bool = True,
    remaining: bool = True,
) -> list[Item]:
    """The items of one FixResult: its fixes (applied, or pending where nothing was written),
    then, with `remaining`, what is left."""
    done = APPLIED if written else PENDING
    items = [
        _item(text, f, done, glossary, sources) for text, applied in result.passes for f in applied
    ]
    if remaining:
        items += [_item(result.fixed, f, PENDING, glossary, sources) for f in result.remaining]
    return items


def from_fix(results, signature: Signature, glossary: Glossary | None, errors=()) -> ReportModel:
    """`results`: (Document, FixResult) pairs from a fix run."""
    files = []
    for doc, result in results:
        fr = FileReport(doc.path, doc.word_count)
        fr.items = fix_items(result, glossary, _sources(doc))
        files.append(fr)
    files += [FileReport(e.path, 0, error=e.reason) for e in errors]
    return ReportModel(files, signature)
