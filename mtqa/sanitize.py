"""Text from documents and glossaries made safe for where it is shown: a terminal, a
spreadsheet. Documents, file names and glossaries are written by others: an escape sequence in
one can retitle a terminal, write its clipboard (OSC 52) or hide a line, and a cell that starts
with `=` is a formula to the spreadsheet that opens a report.
"""

from __future__ import annotations

import re

# C0 controls but tab and line feed, DEL, and the C1 controls (U+0080-U+009F: a terminal may
# read U+009B as ESC [).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# What a spreadsheet reads as the start of a formula (or, tab and CR, the start of a cell that
# CSV importers split on before reading a formula).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def for_terminal(text: str) -> str:
    """`text` with each control character (but tab and line feed) shown as U+FFFD: the
    reader sees that something was there, and a caret line under it stays aligned."""
    return _CONTROLS.sub("\ufffd", text) if _CONTROLS.search(text) else text


def csv_cell(value):
    """A text a spreadsheet would run as a formula, with a `'` before it (OWASP's advice: the
    spreadsheet shows the text, and drops the quote); anything else as it is."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_row(values) -> list:
    return [csv_cell(v) for v in values]


def from_csv_cell(value: str) -> str:
    """The text `csv_cell` was given (for mtqa's own CSV files read back)."""
    if value.startswith("'") and value[1:].startswith(_FORMULA_START):
        return value[1:]
    return value


class SafeCsvWriter:
    """A csv.writer (or DictWriter) whose text cells go through `csv_cell`."""

    def __init__(self, writer):
        self._writer = writer

    def writerow(self, row):
        if isinstance(row, dict):
            return self._writer.writerow({k: csv_cell(v) for k, v in row.items()})
        return self._writer.writerow(csv_row(row))

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)

    def writeheader(self):
        return self._writer.writeheader()
