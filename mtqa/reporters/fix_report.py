"""Render the fix report (report_model.ReportModel) as HTML, Markdown or XLSX."""

from __future__ import annotations

from ..wording import count
from .charts import bar_chart
from .report_model import APPLIED, REJECTED, ReportModel


def render_html(model: ReportModel) -> str:
    from .html import render_template

    s = model.summary()
    matrix = ""
    if model.corpus is not None:
        from .corpus import matrix_svg

        matrix = matrix_svg(model.corpus)
    return render_template(
        "report.html.j2",
        model=model,
        s=s,
        rules_text=rules_text(model.signature.rules),
        matrix=matrix,
        by_rule_chart=bar_chart(list(s["by_rule"].items()), "Findings per rule"),
        by_entry_chart=bar_chart(list(s["by_entry"].items()), "Findings per glossary entry"),
    )


def rules_text(codes) -> str:
    """The rules a run had on, in words: "all 15 rules", or their codes."""
    from ..checks import ALL_CODES

    codes = list(codes)
    if set(ALL_CODES) <= set(codes):
        return f"all {count(len(ALL_CODES), 'rule')}"
    return ", ".join(codes) if codes else "none"


def _md(text: str) -> str:
    """Escape Markdown and HTML in document text so a pull request shows it as written."""
    out = text.replace("\\", "\\\\").replace("<", "&lt;").replace(">", "&gt;")
    for ch in "`*_[]|#":
        out = out.replace(ch, "\\" + ch)
    return out


def render_markdown(model: ReportModel) -> str:
    s = model.summary()
    sev = s["by_severity"]
    lines = [
        "## mtqa report",
        "",
        f"{count(s['files'], 'file')}, {count(s['words'], 'word')}: "
        f"**{count(s['findings'], 'finding')}** "
        f"({count(sev['error'], 'error')}, {count(sev['warning'], 'warning')}, {sev['info']} info)"
        f"; {count(s['applied'], 'fix')} applied, {s['pending']} pending, "
        f"{s['manual']} for a human"
        + (f", {count(s['rejected'], 'retranslation')} turned down" if s["rejected"] else "")
        + ".",
        "",
    ]
    if s["by_rule"]:
        lines += [
            "| rule | findings |",
            "|---|---|",
            *[f"| {code} | {n} |" for code, n in s["by_rule"].items()],
            "",
        ]
    clean = []
    for f in model.files:
        if not f.items and not f.error:
            clean.append(f.path)  # no heading with nothing under it: listed once below
            continue
        lines.append(f"### {_md(f.path)}")
        lines.append("")
        if f.error:
            lines += [f"Not read: {_md(f.error)}", ""]
            continue
        for i in f.items:
            x, e = i.finding, i.excerpt
            status = "applied" if i.status == APPLIED else i.status
            if i.status == REJECTED:
                change = f"**{_md(e.match)}**, turned down: ~~{_md(e.fixed or '')}~~"
                label = ""
            else:
                change = (
                    f"~~{_md(e.match)}~~ → **{_md(e.fixed)}**"
                    if e.fixed is not None
                    else f"**{_md(e.match)}**"
                )
                label = f", fix: {i.fix_label}"
            lines.append(
                f"- L{x.line}:{x.column} `{x.code}` {x.severity.value}, {status}{label} — "
                f"{_md(e.before[-60:])}{change}{_md(e.after[:60])}"
                + (
                    f" — source ({i.segment_kind} {_md(i.segment)}): {_md(i.source)}"
                    if i.source
                    else ""
                )
                + (f" — {_md(i.detail)}" if i.detail else "")
            )
        lines.append("")
    if clean:
        lines += [f"No findings in {', '.join(_md(p) for p in clean)}.", ""]
    lines.append(f"<sub>{_md(str(model.signature))} · {model.created}</sub>")
    return "\n".join(lines) + "\n"


XLSX_COLUMNS = [
    "file",
    "line",
    "column",
    "severity",
    "code",
    "rule",
    "entry",
    "text",
    "suggestion",
    "status",
    "fix",
    "sentence",
    "message",
    "note",
    "segment",
    "source",
    "place",
]


def render_xlsx(model: ReportModel) -> bytes:
    from .xlsx import workbook_bytes

    findings = (
        [
            f.path,
            i.finding.line,
            i.finding.column,
            i.finding.severity.value,
            i.finding.code,
            i.finding.rule,
            i.finding.term or "",
            i.finding.text,
            i.finding.suggestions[0] if i.finding.suggestions else "",
            i.status,
            i.fix_label,
            i.excerpt.before + i.excerpt.match + i.excerpt.after,
            i.finding.message,
            i.note,
            i.segment,
            i.source,
            i.where,
        ]
        for f in model.files
        for i in f.items
    )
    summary = [[k, str(v) if isinstance(v, dict) else v] for k, v in model.summary().items()]
    summary += [["signature", str(model.signature)], ["created", model.created]]
    return workbook_bytes(
        [("findings", XLSX_COLUMNS, findings), ("summary", ["key", "value"], summary)]
    )
