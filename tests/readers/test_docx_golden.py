"""Golden outputs for one Word document holding every construct the reader knows: the JSON
findings of `mtqa lint`, and the body and footnotes as `mtqa fix` writes them.

Set MTQA_UPDATE_GOLDEN=1 to rewrite the golden files after a deliberate change."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.cli import app

from ..docx_builder import BOX, GLOSSARY, p, part, run, write

runner = CliRunner()
GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "word"


def document(tmp_path) -> Path:
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> REF colour \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + run("the colour table")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    cell = "<w:tc>{}</w:tc>"
    body = (
        p("The exist", run("ence", "<w:i/>"), " and the ", run("existence", "<w:b/><w:bCs/><w:rtl/>"), ".")
        + p("See ", field, " for example.", '<w:r><w:footnoteReference w:id="1"/></w:r>')
        + f"<w:tbl><w:tr>{cell.format(p('A colour cell'))}{cell.format(p('plain'))}</w:tr></w:tbl>"
        + p("Boxed: ", BOX.format(p("The site box."), p("The site box.")))
        + p(
            "Kept ",
            '<w:ins w:id="7" w:author="Ann" w:date="2024-01-01T00:00:00Z">' + run("colour") + "</w:ins>",
            " and ",
            '<w:r><w:tab/><w:t xml:space="preserve">colour near a tab</w:t></w:r>',
        )
    )
    return write(tmp_path / "word.docx", body, footnotes=[p("A note on existence.")],
                 headers=[p("Running head: the site")])


def _golden(name: str, got: str) -> None:
    path = GOLDEN / name
    if os.environ.get("MTQA_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
    assert got == path.read_text(encoding="utf-8")


@pytest.fixture
def glossary(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return str(path)


def test_lint_json(tmp_path, glossary, monkeypatch):
    path = document(tmp_path)
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, ["lint", path.name, "-g", "g.yaml", "-f", "json"])
    assert r.exit_code == 1, r.output
    data = json.loads(r.stdout)
    data["signature"]["mtqa"] = data["signature"]["glossary_hash"] = "X"
    _golden("lint.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def test_fixed_xml(tmp_path, glossary):
    path = document(tmp_path)
    r = runner.invoke(app, ["fix", str(path), "-g", glossary, "--author", "Desk"])
    assert r.exit_code in (0, 1), r.output
    dated = re.compile(r'w:date="[^"]+"')
    for name, part_name in (("document.xml", "word/document.xml"),
                            ("footnotes.xml", "word/footnotes.xml")):
        _golden(name, dated.sub('w:date="D"', part(path, part_name)))


def test_fix_diff(tmp_path, glossary, monkeypatch):
    """`mtqa fix --diff` of a Word document: one diff per story that changes, named after the
    file, its lines counted as the story's paragraphs; nothing is written."""
    path = document(tmp_path)
    before = path.read_bytes()
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, ["fix", "--diff", path.name, "-g", "g.yaml"])
    assert r.exit_code == 1, r.output
    assert path.read_bytes() == before
    _golden("fix.diff", r.stdout)
