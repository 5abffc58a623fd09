"""CSV: one row per finding, the columns an editor sorts by."""

from __future__ import annotations

import csv
import io

from ..sanitize import SafeCsvWriter
from .meta import PLAIN, RenderOptions
from .model import RunReport

COLUMNS = [
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "code",
    "rule",
    "severity",
    "term",
    "text",
    "suggestion",
    "fix",
    "region",
    "message",
]


def render(report: RunReport, options: RenderOptions = PLAIN) -> str:
    buf = io.StringIO()
    w = SafeCsvWriter(csv.writer(buf, lineterminator="\n"))
    w.writerow(COLUMNS)
    for f in report.findings:
        w.writerow(
            [
                f.path,
                f.line,
                f.column,
                f.end_line,
                f.end_column,
                f.code,
                f.rule,
                f.severity.value,
                f.term or "",
                f.text,
                f.suggestions[0] if f.suggestions else "",
                f.fix.applicability.value if f.fix else "",
                f.region,
                f.message,
            ]
        )
    # An unreadable input is a row of its own (code "input-error"), so a CSV consumer sees
    # that the run was incomplete.
    for e in report.errors:
        row = dict.fromkeys(COLUMNS, "")
        row.update(path=e.path, code="input-error", rule="input-error", severity="error")
        row["message"] = e.reason
        w.writerow(row.values())
    return buf.getvalue()
