"""Retranslation outcomes as items of the fix report (HTML, Markdown, XLSX).

A retranslation is not a lint rule: it is a fix proposed for a whole segment target by the
retranslate stage (`mtqa.mt.stage`). In the report it reads like any other fix: an accepted
candidate is an unsafe fix (applied when the run wrote it, pending otherwise), a rejected one is
display-only ("unverified") with the reasons it was turned down; both carry their chrF against
the current translation and the model's score. The excerpt is the whole target, before and after,
with inline codes shown as their markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..checks.base import Rule
from ..errors import MtqaError
from ..findings import Finding, Severity
from ..readers import reader_for_path
from ..signature import Signature
from .report_model import (
    APPLIED,
    PENDING,
    REJECTED,
    Excerpt,
    FileReport,
    Item,
    ReportModel,
    fix_items,
)

if TYPE_CHECKING:  # the stage pulls in the linter; reports only need its values
    from ..mt.stage import FileResult, Outcome, RetranslateResult

CODE = "retranslation"
# What "Rules in this report" says of a retranslation (no check makes one; the stage does).
RULE = Rule(
    code=CODE,
    name="model retranslation",
    summary="A segment that still had findings after the safe fixes, translated again by an "
    "open MT model steered by the glossary, and verified.",
    why="Some findings need the sentence rewritten, not a word replaced.",
    severity=Severity.INFO,
    fix="sometimes",
    fix_safety="Unsafe: an accepted candidate passed verification (glossary, numbers, codes, "
    "closeness to the current translation) and still deserves a reader; a turned-down one is "
    "shown with its reasons and never written.",
)


def message(outcome: Outcome) -> str:
    scores = (
        f"chrF {outcome.chrf:.1f} against the current translation, model score {outcome.score:.3f}"
    )
    if outcome.accepted:
        cleared = f"; clears {', '.join(outcome.cleared)}" if outcome.cleared else ""
        return f"retranslation passed verification ({scores}){cleared}"
    return f"retranslation turned down ({scores}): {'; '.join(outcome.reasons)}"


def _position(text: str, offset: int) -> tuple[int, int]:
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def item(outcome: Outcome, text: str, written: bool, note: str = "") -> Item:
    """The report item of one outcome; `text` is the file's text the outcome's offsets are in."""
    line, column = _position(text, outcome.start)
    end_line, end_column = _position(text, outcome.end)
    finding = Finding(
        path=outcome.path,
        start=outcome.start,
        end=outcome.end,
        line=line,
        column=column,
        end_line=end_line,
        end_column=end_column,
        code=CODE,
        rule="model retranslation",
        severity=Severity.INFO,
        message=message(outcome),
        text=text[outcome.start : outcome.end],
        suggestions=(outcome.candidate,),
        fix=outcome.fix,
        extra={
            "segment": outcome.segment_id,
            "candidate": outcome.candidate,
            "chrf": round(outcome.chrf, 1),
            "model_score": round(outcome.score, 4),
            "accepted": outcome.accepted,
            "reasons": list(outcome.reasons),
        },
    )
    status = (APPLIED if written else PENDING) if outcome.accepted else REJECTED
    return Item(
        finding,
        Excerpt("", outcome.current, "", outcome.candidate),
        status,
        note,
        segment=outcome.segment_id,
        source=outcome.source,
        detail=finding.message,
    )


def items(result: FileResult) -> list[Item]:
    """Accepted candidates first, then the turned-down ones, each in segment order."""
    ordered = sorted(result.outcomes, key=lambda o: (not o.accepted, o.start))
    # An accepted candidate that could not be written says why (the file is left as it was).
    unwritten = result.error or ""
    return [item(o, result.text, result.written, unwritten if o.accepted else "") for o in ordered]


def _words(result: FileResult) -> int:
    reader = reader_for_path(result.path)
    if reader is None:
        return len(result.original.split())
    try:
        return reader.from_text(result.original, result.path).word_count
    except MtqaError:
        return 0


def add_retranslations(model: ReportModel, result: RetranslateResult) -> ReportModel:
    """Add every file's retranslation outcomes to `model` (to the file's entry, or a new one)."""
    model.extra_rules[CODE] = RULE
    by_path = {f.path: f for f in model.files}
    for fr in result.files:
        if not fr.outcomes:
            continue
        entry = by_path.get(fr.path)
        if entry is None:
            entry = FileReport(fr.path, _words(fr))
            model.files.append(entry)
            by_path[fr.path] = entry
        entry.items.extend(items(fr))
    return model


def from_retranslation(result: RetranslateResult, signature: Signature) -> ReportModel:
    """A report of a retranslate run alone: the glossary's safe fixes it made first (applied
    where the file was written), then the retranslations."""
    model = ReportModel([], signature)
    model.files.extend(FileReport(e.path, 0, error=e.reason) for e in result.errors)
    for fr in result.files:
        if fr.safe_fixes is not None:
            entry = FileReport(fr.path, _words(fr))
            entry.items = fix_items(fr.safe_fixes, written=fr.written, remaining=False)
            model.files.append(entry)
    return add_retranslations(model, result)
