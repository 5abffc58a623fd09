"""Output of `mtqa corpus`: text table, JSON, CSV, XLSX and HTML (with the variants x articles
matrix). All of them render the same CorpusResult."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..corpus import CorpusResult
from .charts import matrix_chart
from .model import Signature


def _summary(result: CorpusResult) -> dict:
    return {
        "files": len(result.files),
        "words": result.words,
        "errors": len(result.errors),
        "variant_groups": len(result.groups),
        "inconsistent_groups": sum(1 for g in result.groups if not g.consistent),
    }


def render_json(result: CorpusResult, signature: Signature) -> str:
    return (
        json.dumps(
            {
                "signature": signature.to_dict(),
                "summary": _summary(result),
                "variant_groups": [g.to_dict() for g in result.groups],
                "errors": [{"path": e.path, "message": e.reason} for e in result.errors],
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def render_text(result: CorpusResult, signature: Signature) -> str:
    out = []
    for g in result.groups:
        total = sum(v.count for v in g.variants)
        out.append(f"{g.preferred}  [{g.source}, {len(g.variants)} forms, {total} uses]")
        for v in g.variants:
            mark = "*" if v.text.lower() == g.preferred.lower() else " "
            docs = ", ".join(Path(d).name for d in v.documents[:4])
            more = f" (+{len(v.documents) - 4})" if len(v.documents) > 4 else ""
            out.append(f"  {mark} {v.text:<40} {v.count:>5}  {docs}{more}")
        if g.deviating_documents:
            out.append(f"    deviating: {len(g.deviating_documents)} document(s)")
    s = _summary(result)
    out.append(
        f"{s['inconsistent_groups']} entities written in more than one form across "
        f"{s['files']} files ({s['words']} words)."
    )
    return "\n".join(out) + "\n"


def render_csv(result: CorpusResult, signature: Signature) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(
        ["entity", "preferred", "source", "variant", "is_preferred", "document", "count_in_corpus"]
    )
    for g in result.groups:
        for v in g.variants:
            for d in v.documents:
                w.writerow(
                    [
                        g.entity,
                        g.preferred,
                        g.source,
                        v.text,
                        v.text.lower() == g.preferred.lower(),
                        d,
                        v.count,
                    ]
                )
    return buf.getvalue()


def matrix_svg(result: CorpusResult, limit: int = 40) -> str:
    """Variants (grouped by entity) x articles; the cell shade is the number of uses."""
    groups = [g for g in result.groups if not g.consistent][:limit]
    documents = sorted({d for g in groups for v in g.variants for d in v.documents})
    column = {d: j for j, d in enumerate(documents)}
    labels: list[str] = []
    values: dict[tuple[int, int], int] = {}
    bands = []
    for g in groups:
        bands.append(
            (g.preferred, len(g.variants), g.variants[0].text.lower() == g.preferred.lower())
        )
        for v in g.variants:
            i = len(labels)
            labels.append(v.text)
            for d, n in v.per_document.items():
                values[(i, column[d])] = n
    return matrix_chart(
        labels, [Path(d).name for d in documents], values, bands, title="Variants by article"
    )


def render_html(result: CorpusResult, signature: Signature) -> str:
    from .html import render_template

    return render_template(
        "corpus.html.j2",
        result=result,
        summary=_summary(result),
        signature=signature,
        matrix=matrix_svg(result),
        basename=lambda p: Path(p).name,
    )


def render_xlsx(result: CorpusResult, signature: Signature) -> bytes:
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "variants"
    ws.append(["entity", "preferred", "source", "variant", "is preferred", "uses", "documents"])
    for c in ws[1]:
        c.font = Font(bold=True)
    for g in result.groups:
        for v in g.variants:
            ws.append(
                [
                    g.entity,
                    g.preferred,
                    g.source,
                    v.text,
                    v.text.lower() == g.preferred.lower(),
                    v.count,
                    len(v.documents),
                ]
            )
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    docs = wb.create_sheet("by document")
    docs.append(["entity", "preferred", "variant", "document"])
    for g in result.groups:
        for v in g.variants:
            for d in v.documents:
                docs.append([g.entity, g.preferred, v.text, d])
    docs.freeze_panes = "A2"
    meta = wb.create_sheet("signature")
    for k, v in signature.to_dict().items():
        meta.append([k, ", ".join(v) if isinstance(v, list) else v])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
