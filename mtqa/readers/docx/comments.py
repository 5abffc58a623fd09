"""Findings as Word comments: what a review copy tells the editor about what was not fixed.

Each finding left after fixing becomes one comment, anchored on its text, saying the rule, the
message, the suggestion and the glossary's note. A finding's offsets refer to the fixed text;
they are mapped back to the text as read, since the comment anchors sit on the original runs
(a finding inside a changed word covers the whole change).
"""

from __future__ import annotations

from collections import defaultdict

from .changes import Change
from .stories import Layout
from .writer import Comment


def comments_for(
    doc, layout: Layout, found: list[Change], fixed: str, findings, reasons=None
) -> list[Comment]:
    """One comment per finding; `reasons`: why a fix was withheld, by (code, text)."""
    if not findings:
        return []
    by_para: dict[int, list[Change]] = defaultdict(list)
    for c in found:
        by_para[c.paragraph].append(c)
    starts = [0]
    for line in fixed.split("\n")[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    from bisect import bisect_right

    glossary = getattr(doc.options, "glossary", None)
    out = []
    for f in findings:
        para = bisect_right(starts, f.start) - 1
        base = starts[para]
        start = _to_original(by_para[para], f.start - base, at_end=False)
        end = _to_original(by_para[para], min(f.end, base + len(layout.paragraphs[para].text)
                                               + _growth(by_para[para])) - base, at_end=True)
        reason = (reasons or {}).get((f.code, f.text))
        out.append(Comment(para, start, max(start, end), comment_text(f, glossary, reason)))
    return out


def _growth(found: list[Change]) -> int:
    return sum(len(c.text) - (c.end - c.start) for c in found)


def _to_original(found: list[Change], x: int, at_end: bool) -> int:
    """A position in a paragraph's fixed text, as a position in its text as read."""
    shift = 0
    for c in sorted(found):
        new_start = c.start + shift
        new_end = new_start + len(c.text)
        if x < new_start or (x == new_start and not at_end):
            break
        if x <= new_end:
            return c.end if at_end else c.start
        shift += len(c.text) - (c.end - c.start)
    return x - shift


def comment_text(finding, glossary=None, reason: str | None = None) -> str:
    lines = [f"{finding.code} ({finding.rule}): {finding.message}"]
    if finding.suggestions:
        lines.append("Suggestion: " + " / ".join(finding.suggestions))
    if reason:
        lines.append(f"Not fixed: {reason}")
    if glossary is not None and finding.term:
        entry = glossary.get(finding.term)
        note = getattr(entry, "note", "") if entry is not None else ""
        if note and note not in finding.message:
            lines.append(f"Note: {note}")
    return "\n".join(lines)
