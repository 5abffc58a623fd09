"""Workbooks for reports; the writer lives in `mtqa.xlsx` so glossary writers can use it too."""

from ..xlsx import workbook_bytes

__all__ = ["workbook_bytes"]
