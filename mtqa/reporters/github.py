"""GitHub Actions workflow commands: one annotation per finding."""

from __future__ import annotations

from .meta import PLAIN, RenderOptions
from .model import RunReport

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render(report: RunReport, options: RenderOptions = PLAIN) -> str:
    lines = []
    for f in report.findings:
        props = ",".join(
            [
                f"file={_escape_property(f.path)}",
                f"line={f.line}",
                f"col={f.column}",
                f"endLine={f.end_line}",
                f"endColumn={f.end_column}",
                f"title={_escape_property(f'{f.code} {f.rule}')}",
            ]
        )
        message = f.message
        if f.suggestions:
            message += f" (suggestion: {f.suggestions[0]})"
        lines.append(f"::{_LEVEL[f.severity.value]} {props}::{_escape_data(message)}")
    for e in report.errors:
        lines.append(f"::error file={_escape_property(e.path)}::{_escape_data(e.reason)}")
    return "\n".join(lines) + ("\n" if lines else "")
