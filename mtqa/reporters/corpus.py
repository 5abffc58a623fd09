"""Output of `mtqa corpus`: text table, JSON, CSV, XLSX and HTML (with the variants x articles
matrix). All of them render the same CorpusResult."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from ..corpus import CorpusResult
from ..sanitize import SafeCsvWriter, for_terminal
from ..wording import count
from .charts import matrix_chart
from .meta import PLAIN, RenderOptions
from .model import Signature


@dataclass(frozen=True)
class CorpusReport:
    """What the corpus reporters render: the result and the run's signature."""

    result: CorpusResult
    signature: Signature


def _summary(result: CorpusResult) -> dict:
    return {
        "files": len(result.files),
        "words": result.words,
        "errors": len(result.errors),
        "variant_groups": len(result.groups),
        "inconsistent_groups": sum(1 for g in result.groups if not g.consistent),
    }


def render_json(report: CorpusReport, options: RenderOptions = PLAIN) -> str:
    result, signature = report.result, report.signature
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


def render_text(report: CorpusReport, options: RenderOptions = PLAIN) -> str:
    result = report.result
    out = []
    for g in result.groups:
        total = sum(v.count for v in g.variants)
        out.append(
            f"{g.preferred}  [{g.source}, {count(len(g.variants), 'form')}, {count(total, 'use')}]"
        )
        for v in g.variants:
            mark = "*" if g.is_preferred(v) else " "
            docs = ", ".join(Path(d).name for d in v.documents[:4])
            more = f" (+{len(v.documents) - 4})" if len(v.documents) > 4 else ""
            out.append(f"  {mark} {v.text:<40} {v.count:>5}  {docs}{more}")
        if g.deviating_documents:
            out.append(f"    deviating: {count(len(g.deviating_documents), 'document')}")
    s = _summary(result)
    n = s["inconsistent_groups"]
    out.append(
        f"{count(n, 'entity')} written in more than one form across "
        f"{count(s['files'], 'file')} ({count(s['words'], 'word')})"
        + (f"; {s['errors']} could not be read" if s["errors"] else "")
        + "."
    )
    # Forms and file names come from the documents: no escape sequence reaches a terminal.
    return for_terminal("\n".join(out) + "\n")


def render_csv(report: CorpusReport, options: RenderOptions = PLAIN) -> str:
    """One row per group, variant and document."""
    result = report.result
    buf = io.StringIO()
    w = SafeCsvWriter(csv.writer(buf, lineterminator="\n"))
    w.writerow(["entity", "preferred", "source", "variant", "is_preferred", "document", "uses"])
    for g in result.groups:
        for v in g.variants:
            for d, n in v.per_document.items():
                w.writerow([g.entity, g.preferred, g.source, v.text, g.is_preferred(v), d, n])
    # Unreadable inputs as records of their own: source "error", the reason as the variant.
    for e in result.errors:
        w.writerow(["", "", "error", e.reason, "", e.path, 0])
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
        # The preferred form heads its entity's rows, used or not: a row of empty cells says
        # that no article writes it.
        preferred = next((v for v in g.variants if g.is_preferred(v)), None)
        variants = list(g.variants)
        if preferred is not None:
            variants.remove(preferred)
        bands.append((g.preferred, len(variants) + 1, True))
        labels.append(g.preferred if preferred is None else preferred.text)
        if preferred is not None:
            for d, n in preferred.per_document.items():
                values[(len(labels) - 1, column[d])] = n
        for v in variants:
            i = len(labels)
            labels.append(v.text)
            for d, n in v.per_document.items():
                values[(i, column[d])] = n
    return matrix_chart(
        labels, [Path(d).name for d in documents], values, bands, title="Variants by article"
    )


def render_html(report: CorpusReport, options: RenderOptions = PLAIN) -> str:
    from .html import render_template

    result, signature = report.result, report.signature
    return render_template(
        "corpus.html.j2",
        result=result,
        summary=_summary(result),
        signature=signature,
        matrix=matrix_svg(result),
        basename=lambda p: Path(p).name,
    )


def render_xlsx(report: CorpusReport, options: RenderOptions = PLAIN) -> bytes:
    from ..xlsx import workbook_bytes

    result, signature = report.result, report.signature
    return workbook_bytes(
        [
            (
                "variants",
                ["entity", "preferred", "source", "variant", "is preferred", "uses", "documents"],
                (
                    [
                        g.entity,
                        g.preferred,
                        g.source,
                        v.text,
                        g.is_preferred(v),
                        v.count,
                        len(v.documents),
                    ]
                    for g in result.groups
                    for v in g.variants
                ),
            ),
            (
                "by document",
                ["entity", "preferred", "variant", "document", "uses"],
                (
                    [g.entity, g.preferred, v.text, d, n]
                    for g in result.groups
                    for v in g.variants
                    for d, n in v.per_document.items()
                ),
            ),
            (
                "signature",
                ["key", "value"],
                (
                    [k, ", ".join(v) if isinstance(v, list) else v]
                    for k, v in signature.to_dict().items()
                ),
            ),
            # Unreadable inputs, so a workbook never hides that the run was incomplete.
            *(
                [("errors", ["path", "message"], ([e.path, e.reason] for e in result.errors))]
                if result.errors
                else []
            ),
        ]
    )
