"""The human format: file:line:col, code, message, suggestion, and the line with the match marked."""

from __future__ import annotations

from collections import Counter

import typer

from ..findings import Applicability, place
from ..sanitize import for_terminal as clean
from ..wording import count
from .model import RunReport

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}
_SNIPPET_WIDTH = 100


def _snippet(line_text: str, column: int, length: int) -> tuple[str, str]:
    """The line (shortened around the match) and a caret line under the match."""
    start = column - 1
    left = max(0, start - 40)
    right = min(len(line_text), max(start + length + 40, left + _SNIPPET_WIDTH))
    prefix = "…" if left > 0 else ""
    suffix = "…" if right < len(line_text) else ""
    shown = prefix + line_text[left:right].replace("\t", " ") + suffix
    pad = len(prefix) + (start - left)
    marks = max(1, min(length, right - start))
    return shown, " " * pad + "^" * marks


def _where(lines: dict[str, list[int]]) -> str:
    """Each form of a group (TERM004) once, with the lines it is used on."""
    return "; ".join(
        f"'{form}' line{'s' if len(at) > 1 else ''} {', '.join(map(str, at))}"
        for form, at in lines.items()
    )


def _clip(text: str, width: int = _SNIPPET_WIDTH) -> str:
    """A segment's text on one line, shortened."""
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _bilingual_lines(extra) -> list[str]:
    """Under a source-aware finding: the segment's source, so the target above can be read
    against it; for an inconsistency (BIL004), both units with their targets."""
    if "source" not in extra:
        return []
    lines = [f"    source: {_clip(extra['source'])}"]
    if "other_target" in extra:
        where = f"{extra['other_path']}, " if extra.get("other_path") else ""
        lines.append(f"    this:   unit {extra.get('unit', '')}: {_clip(extra.get('target', ''))}")
        lines.append(
            f"    other:  {where}unit {extra.get('other_unit', '')}: "
            f"{_clip(extra['other_target'])}"
        )
        if extra.get("other_source") and extra["other_source"] != extra["source"]:
            lines.append(f"            its source: {_clip(extra['other_source'])}")
    return lines


def _style(color: bool):
    def style(text: str, **kw) -> str:
        return typer.style(text, **kw) if color else text

    return style


def _without_note(message: str, note: str) -> str:
    """The message without the entry's note it ends with (the note is said once apart)."""
    tail = f". {note}"
    return message[: -len(tail)] if note and message.endswith(tail) else message


def render(
    report: RunReport,
    color: bool = False,
    show_source: bool = True,
    line_lookup=None,
    quiet: bool = False,
    note=None,
) -> str:
    style = _style(color)
    out: list[str] = []
    noted: set[str] = set()
    for f in report.findings:
        sev = f.severity.value
        entry_note = note(f.term) if note is not None and f.term else ""
        message = _without_note(f.message, entry_note)
        head = (
            f"{style(clean(f.path), bold=True)}:{f.line}:{f.column}: "
            f"{style(f.code, fg=_COLOURS[sev], bold=True)} [{sev}] {clean(message)}"
        )
        out.append(head)
        if "story" in f.extra:
            out.append(f"    in: {place(f)}")
        if f.suggestions:
            fix = f" ({f.fix.applicability.value} fix)" if f.fix else " (no automatic fix)"
            out.append(f"    suggestion: {style(clean(f.suggestions[0]), fg='green')}{fix}")
        if f.extra.get("lines"):
            out.append(f"    where: {clean(_where(f.extra['lines']))}")
        if message != f.message and f.term not in noted:
            noted.add(f.term)
            out.append(f"    note ({clean(f.term)}): {clean(entry_note)}")
        if show_source and line_lookup is not None:
            line_text = line_lookup(f.path, f.line)
            if line_text is not None:
                length = len(f.text) if f.end_line == f.line else len(line_text) - f.column + 1
                shown, carets = _snippet(line_text, f.column, length)
                out.append(f"    | {clean(shown)}")
                out.append(f"    | {style(carets, fg=_COLOURS[sev])}")
        out.extend(clean(line) for line in _bilingual_lines(f.extra))
    if not quiet:
        out += _summary(report)
    return "".join(line + "\n" for line in out)


def _summary(report: RunReport) -> list[str]:
    s = report.summary()
    sev = Counter(f.severity.value for f in report.findings)
    parts = [f"{sev[k]} {k}" for k in ("error", "warning", "info") if sev.get(k)]
    line = f"Found {count(s['findings'], 'finding')}"
    if parts:
        line += f" ({', '.join(parts)})"
    line += f" in {count(s['files'], 'file')}"
    if s["errors"]:
        line += f"; {s['errors']} could not be read"
    out = [line + "."]
    fixable = s["fixable"]
    if fixable["safe"] or fixable["unsafe"]:
        msg = f"{fixable['safe']} fixable with `mtqa fix`"
        if fixable["unsafe"]:
            msg += f" ({fixable['unsafe']} more with `mtqa fix --unsafe`)"
        out.append(msg + ".")
    return out


def render_concise(report: RunReport, color: bool = False, quiet: bool = False) -> str:
    """One line per finding (path:line:col: CODE message), as ruff's concise format."""
    style = _style(color)
    out = [
        f"{style(clean(f.path), bold=True)}:{f.line}:{f.column}: "
        f"{style(f.code, fg=_COLOURS[f.severity.value], bold=True)} {clean(f.message)}"
        for f in report.findings
    ]
    if not quiet:
        out += _summary(report)
    return "".join(line + "\n" for line in out)


def render_statistics(report: RunReport) -> str:
    """Findings counted per rule, most first: count, code, [*] where some are fixable, name."""
    from ..checks import RULES_BY_CODE

    counts: Counter = Counter()
    fixable: set[str] = set()
    for (_severity, code, _term, applicability), n in report.findings.tally().items():
        counts[code] += n
        if applicability in (Applicability.SAFE.value, Applicability.UNSAFE.value):
            fixable.add(code)
    if not counts:
        return ""
    width = len(str(max(counts.values())))
    code_width = max(len(c) for c in counts)
    lines = []
    for code, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        rule = RULES_BY_CODE.get(code)
        mark = "[*]" if code in fixable else "   "
        lines.append(
            f"{n:>{width}}\t{code:<{code_width}}\t{mark} {rule.name if rule else ''}".rstrip()
        )
    return "".join(line + "\n" for line in lines)
