"""JSON (one object) and JSON Lines (one finding per line) output."""

from __future__ import annotations

import json

from .model import RunReport


def render(report: RunReport) -> str:
    payload = {
        "signature": report.signature.to_dict(),
        "summary": report.summary(),
        "findings": [f.to_dict() for f in report.findings],
        "errors": [{"path": e.path, "message": e.reason} for e in report.errors],
    }
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def render_lines(report: RunReport) -> str:
    return "".join(json.dumps(f.to_dict(), ensure_ascii=False) + "\n" for f in report.findings)
