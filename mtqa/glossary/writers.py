"""Write a Glossary as mtqa YAML, CSV, TSV, XLSX or TBX (`mtqa glossary convert`)."""

from __future__ import annotations

import io
from pathlib import Path

from ..errors import MtqaError
from ..findings import Applicability, Severity
from ..sanitize import SafeCsvWriter
from .model import Category, Entry, Glossary, glossary_to_data

WRITABLE = ("yaml", "csv", "tsv", "xlsx", "tbx")


def to_yaml(g: Glossary) -> str:
    import yaml  # here: most runs write no glossary

    return yaml.safe_dump(
        glossary_to_data(g),
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )


_COLUMNS = [
    "id",
    "preferred",
    "variants",
    "replace",
    "accepted",
    "category",
    "severity",
    "fix",
    "note",
    "source",
    "case_sensitive",
    "inflect",
    "pos",
]


def _flag(value: bool | None) -> str:
    return "" if value is None else "true" if value else "false"


def _rows(g: Glossary) -> list[list[str]]:
    rows = []
    for e in g.entries:
        literal = [v for v in e.variants if v.text is not None]
        replaces = [v.replace or "" for v in literal]
        rows.append(
            [
                e.id,
                e.preferred,
                "|".join(v.text for v in literal),
                "|".join(replaces) if any(replaces) else "",
                "|".join(e.accepted),
                e.category.value,
                e.severity.value,
                e.fix.value,
                e.note,
                "|".join(e.source),
                "true" if e.case_sensitive else "",
                _flag(e.inflect),
                e.pos or "",
            ]
        )
    return rows


def _lost_in_table(e: Entry) -> list[str]:
    lost = []
    if any(v.regex for v in e.variants):
        lost.append("regex variants")
    if any(v.fix for v in e.variants):
        lost.append("per-variant fix")
    if any(v.exact for v in e.variants):
        lost.append("exact variants")
    if any(v.must_be_empty is not None for v in e.variants):
        lost.append("must_be_empty")
    if not e.context.is_empty:
        lost.append("context")
    if e.examples:
        lost.append("examples")
    return lost


def _lost_in_tbx(e: Entry) -> list[str]:
    lost = [f for f in _lost_in_table(e) if f != "per-variant fix"]
    if any(v.fix for v in e.variants):
        lost.append("per-variant fix")
    if any(v.replace for v in e.variants):
        lost.append("per-variant replacements")
    if e.category is not Category.TERMINOLOGY:
        lost.append("category")
    if e.severity is not Severity.WARNING:
        lost.append("severity")
    if e.fix is not Applicability.SAFE:
        lost.append("fix")
    if e.case_sensitive:
        lost.append("case_sensitive")
    if e.inflect is not None:
        lost.append("inflect")
    if e.pos is not None:
        lost.append("pos")
    return lost


def lossy_glossary_fields(g: Glossary, fmt: str) -> list[str]:
    """The glossary's own fields `fmt` cannot hold (a table has no place for them; its name is
    its file's)."""
    if fmt not in ("csv", "tsv", "xlsx"):
        return []
    lost = ["description"] if g.description else []
    if (g.source_language, g.target_language) != ("ar", "en"):
        lost.append("language")
    return lost


def lossy_fields(g: Glossary, fmt: str) -> list[tuple[str, list[str]]]:
    """Each entry with what of it `fmt` cannot hold (entries that lose nothing left out), so
    the CLI names every loss instead of losing silently."""
    if fmt == "yaml":
        return []
    lost_in = _lost_in_tbx if fmt == "tbx" else _lost_in_table
    return [(e.id, lost) for e in g.entries if (lost := lost_in(e))]


def to_delimited(g: Glossary, delimiter: str) -> str:
    import csv  # here: most runs write no glossary

    buf = io.StringIO()
    w = SafeCsvWriter(csv.writer(buf, delimiter=delimiter, lineterminator="\n"))
    w.writerow(_COLUMNS)
    w.writerows(_rows(g))
    return buf.getvalue()


def to_tbx(g: Glossary) -> str:
    from xml.sax.saxutils import escape, quoteattr

    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<tbx type="TBX-Basic" style="dca" xml:lang="{g.target_language}" xmlns="urn:iso:std:iso:30042:ed-2">',
        "  <tbxHeader><fileDesc><sourceDesc><p>"
        f"{escape(g.name)}</p></sourceDesc></fileDesc></tbxHeader>",
        "  <text><body>",
    ]

    def term(text: str, status: str) -> str:
        return (
            f"        <termSec><term>{escape(text)}</term>"
            f'<termNote type="administrativeStatus">{status}</termNote></termSec>'
        )

    for e in g.entries:
        out.append(f"    <conceptEntry id={quoteattr(e.id)}>")
        if e.note:
            out.append(f'      <descrip type="definition">{escape(e.note)}</descrip>')
        if e.source:
            out.append(f'      <langSec xml:lang="{g.source_language}">')
            out.extend(term(s, "preferredTerm-admn-sts") for s in e.source)
            out.append("      </langSec>")
        out.append(f'      <langSec xml:lang="{g.target_language}">')
        out.append(term(e.preferred, "preferredTerm-admn-sts"))
        out.extend(term(a, "admittedTerm-admn-sts") for a in e.accepted)
        out.extend(term(v.text, "deprecatedTerm-admn-sts") for v in e.variants if v.text)
        out.append("      </langSec>")
        out.append("    </conceptEntry>")
    out.append("  </body></text>")
    out.append("</tbx>")
    return "\n".join(out) + "\n"


def to_xlsx_bytes(g: Glossary) -> bytes:
    from ..xlsx import workbook_bytes

    return workbook_bytes([("glossary", _COLUMNS, _rows(g))])


def render_glossary(g: Glossary, fmt: str) -> bytes:
    if fmt == "yaml":
        return to_yaml(g).encode("utf-8")
    if fmt in ("csv", "tsv"):
        return to_delimited(g, "," if fmt == "csv" else "\t").encode("utf-8")
    if fmt == "tbx":
        return to_tbx(g).encode("utf-8")
    if fmt == "xlsx":
        return to_xlsx_bytes(g)
    raise MtqaError(f"cannot write glossary format {fmt!r} (use one of: {', '.join(WRITABLE)})")


def format_for_path(path: str) -> str:
    ext = Path(path).suffix.lower()
    return {
        ".yaml": "yaml",
        ".yml": "yaml",
        ".csv": "csv",
        ".tsv": "tsv",
        ".xlsx": "xlsx",
        ".tbx": "tbx",
    }.get(ext, "")
