"""Workbooks for editors: bold frozen header, filters on, one sheet per table."""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence


def workbook_bytes(sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence]]]) -> bytes:
    """An XLSX file with one sheet per (title, header, rows). Every text is a text cell, never a
    formula: a glossary term or a line of a document that starts with `=` is shown, not run."""
    import openpyxl
    from openpyxl.styles import Font

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, header, rows in sheets:
        ws = wb.create_sheet(title)
        ws.append([_text_cell(v) for v in header])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([_text_cell(v) for v in row])
            for cell in ws[ws.max_row]:
                if cell.data_type == "f":  # openpyxl takes any text starting with "=" for one
                    cell.data_type = "s"
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _text_cell(value):
    """Texts without the control characters XLSX cannot hold (openpyxl refuses them)."""
    if isinstance(value, str):
        from .sanitize import for_terminal

        return for_terminal(value)
    return value
