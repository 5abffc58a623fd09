"""Bombs in glossaries: XLSX that unpacks to gigabytes, YAML aliases, prh import diamonds."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from .bounded import run_mtqa

SHEET = "xl/worksheets/sheet1.xml"
SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?><worksheet '
    b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    b'<row r="1"><c r="A1" t="inlineStr"><is><t>preferred</t></is></c></row>'
)


def _workbook_with_sheet(path: Path, write_sheet) -> Path:
    """A real workbook (openpyxl's) whose first sheet's XML is written by `write_sheet`."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["preferred"])
    buf = io.BytesIO()
    wb.save(buf)
    src = zipfile.ZipFile(buf)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for info in src.infolist():
            if info.filename == SHEET:
                with z.open(SHEET, "w", force_zip64=True) as out:
                    write_sheet(out)
            else:
                z.writestr(info, src.read(info.filename))
    return path


def xlsx_of_many_rows(path: Path, rows: int = 6_000_000) -> Path:
    """Under a megabyte on disk, about 300 MB of sheet XML (rows of one cell)."""
    row = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 20_000

    def write(out):
        out.write(SHEET_HEAD)
        for _ in range(rows // 20_000):
            out.write(row)
        out.write(b"</sheetData></worksheet>")

    return _workbook_with_sheet(path, write)


def xlsx_of_one_huge_cell(path: Path, megabytes: int = 64) -> Path:
    """One cell of `megabytes` MB, packed a thousand times smaller."""

    def write(out):
        out.write(SHEET_HEAD + b'<row><c t="inlineStr"><is><t>')
        chunk = b"x" * (1 << 20)
        for _ in range(megabytes):
            out.write(chunk)
        out.write(b"</t></is></c></row></sheetData></worksheet>")

    return _workbook_with_sheet(path, write)


def xlsx_with_broken_sheet(path: Path) -> Path:
    """openpyxl's own sheet, cut off inside a row after its first rows."""
    import openpyxl

    wb = openpyxl.Workbook()
    for row in (["preferred", "variants"], ["a", "b"]):
        wb.active.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    sheet = zipfile.ZipFile(buf).read(SHEET).replace(b"</sheetData>", b"<row><c>")
    return _workbook_with_sheet(path, lambda out: out.write(sheet))


def aliases_bomb(levels: int = 9) -> list[str]:
    """YAML lines defining c0..c{levels-1}, each ten aliases of the one before (10**levels
    values once expanded, from under a kilobyte)."""
    lines = ['c0: &c0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, levels):
        lines.append(f"c{i}: &c{i} [" + ",".join([f"*c{i - 1}"] * 10) + "]")
    return lines


def vale_style(tmp_path: Path, key: str) -> Path:
    bomb = aliases_bomb()
    p = tmp_path / "Style.yml"
    p.write_text(
        "extends: substitution\nmessage: \"Use '%s' instead of '%s'.\"\n"
        + "\n".join(bomb)
        + f"\n{key}: *c8\nswap:\n  foo: bar\n",
        encoding="utf-8",
    )
    return p


def prh_dictionary(tmp_path: Path) -> Path:
    p = tmp_path / "prh.yml"
    p.write_text(
        "version: 1\n" + "\n".join(bomb_line for bomb_line in aliases_bomb())
        + "\nrules:\n  - expected: *c8\n    pattern: foo\n",
        encoding="utf-8",
    )
    return p


def mtqa_glossary(tmp_path: Path, key: str) -> Path:
    """The same chain written inside one entry's value (a glossary has no other keys)."""
    chain = ", ".join(line.split(": ", 1)[1] for line in aliases_bomb())
    p = tmp_path / "g.yaml"
    p.write_text(f"entries:\n  - preferred: foo\n    {key}: [{chain}]\n", encoding="utf-8")
    return p


def prh_diamond(tmp_path: Path, levels: int = 8, fan: int = 10) -> Path:
    """d0 imports d1 `fan` times, d1 imports d2 `fan` times...: fan**levels expansions for a
    reader that does not remember what it read."""
    for i in range(levels):
        imports = "" if i == levels - 1 else "imports:\n" + f"  - d{i + 1}.yml\n" * fan
        (tmp_path / f"d{i}.yml").write_text(
            f"version: 1\n{imports}rules:\n  - {{expected: word{i}, pattern: wurd{i}}}\n",
            encoding="utf-8",
        )
    return tmp_path / "d0.yml"


def _check(tmp_path: Path, glossary: Path):
    return run_mtqa(["glossary", "check", str(glossary)], tmp_path)


def test_xlsx_that_unpacks_to_hundreds_of_megabytes_is_refused_unread(tmp_path):
    r = _check(tmp_path, xlsx_of_many_rows(tmp_path / "rows.xlsx"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "refused: the workbook unpacks to" in r.stderr


def test_xlsx_cell_packed_a_thousand_times_is_refused(tmp_path):
    r = _check(tmp_path, xlsx_of_one_huge_cell(tmp_path / "cell.xlsx"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "times its size" in r.stderr


def test_xml_error_inside_an_xlsx_sheet_is_one_line(tmp_path):
    r = _check(tmp_path, xlsx_with_broken_sheet(tmp_path / "broken.xlsx"))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "not a readable XLSX workbook" in r.stderr


@pytest.mark.parametrize(
    "make",
    [
        lambda p: vale_style(p, "level"),
        lambda p: vale_style(p, "message"),
        prh_dictionary,
        lambda p: mtqa_glossary(p, "note"),
        lambda p: mtqa_glossary(p, "severity"),
    ],
    ids=["vale-level", "vale-message", "prh-expected", "yaml-note", "yaml-severity"],
)
def test_yaml_aliases_are_refused_before_they_expand(tmp_path, make):
    r = _check(tmp_path, make(tmp_path))
    assert r.returncode == 2 and "Traceback" not in r.stderr
    assert "aliases" in r.stderr
    assert len(r.stderr) < 1000  # the message names the problem, not the expanded value


def test_prh_import_diamond_reads_each_file_once(tmp_path):
    r = _check(tmp_path, prh_diamond(tmp_path))
    assert r.returncode == 0, r.stderr[-2000:]
    assert "(8 entries" in r.stdout


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("imports: 1\nrules: []\n", "'imports' is a path"),
        ("imports: [{path: 5}]\nrules: []\n", "'imports' is a path"),
        ('imports: "\\0"\nrules: []\n', "is not a file name"),
        ("rules:\n  - {expected: a, pattern: b, specs: true}\n", "'specs' must be a list"),
        ("rules:\n  - {expected: [a, b], pattern: b}\n", "'expected' must be a single value"),
    ],
)
def test_prh_shapes_are_one_line_errors(tmp_path, body, message):
    p = tmp_path / "prh.yml"
    p.write_text("version: 1\n" + body, encoding="utf-8")
    doc = tmp_path / "a.md"
    doc.write_text("Some text.\n", encoding="utf-8")
    r = run_mtqa(["lint", "-g", str(p), str(doc)], tmp_path)
    assert r.returncode == 2 and "Traceback" not in r.stderr, r.stderr[-2000:]
    assert message in r.stderr


def test_xlsx_rows_are_capped(tmp_path, monkeypatch):
    import openpyxl

    from mtqa.errors import GlossaryError
    from mtqa.glossary import loaders

    wb = openpyxl.Workbook()
    wb.active.append(["preferred", "variants"])
    for i in range(30):
        wb.active.append([f"term{i}", f"trem{i}"])
    wb.save(tmp_path / "g.xlsx")
    monkeypatch.setattr(loaders, "MAX_XLSX_ROWS", 10)  # the same cap, reached sooner
    with pytest.raises(GlossaryError, match="more than 10 rows"):
        loaders.read_raw_glossary(tmp_path / "g.xlsx")
