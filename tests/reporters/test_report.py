from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from lxml import html as lhtml
from typer.testing import CliRunner

import mtqa
from mtqa.cli import app
from mtqa.reporters.fix_report import XLSX_COLUMNS, render_html, render_markdown, render_xlsx
from mtqa.reporters.report_model import MANUAL, PENDING

from ..conftest import CORPORA, ROOT

runner = CliRunner()
FIXTURE = Path("tests/fixtures/draft.md")  # relative: reports show paths as given
GOLDEN = ROOT / "tests" / "golden"
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(autouse=True)
def in_repo_root(monkeypatch):
    monkeypatch.chdir(ROOT)


@pytest.fixture
def model(glossary, in_repo_root):
    return mtqa.api.report([FIXTURE], glossary)


def test_model_from_lint(model):
    s = model.summary()
    assert s["files"] == 1 and s["findings"] == len(model.items)
    assert s["applied"] == 0 and s["pending"] + s["manual"] == s["findings"]
    item = next(i for i in model.items if i.finding.text == "the Taji camp")
    assert item.status == PENDING and item.fix_label == "safe"
    assert item.excerpt.fixed == "Camp Taji"
    assert item.excerpt.before.endswith("An attack on ") and item.excerpt.after.startswith(
        " used two"
    )
    cited = next(i for i in model.items if i.finding.region == "citation")
    assert cited.status == MANUAL and cited.fix_label == "none"


def test_model_from_fix_records_applied_fixes(tmp_path, glossary):
    copy = tmp_path / "draft.md"
    shutil.copy(FIXTURE, copy)
    out = tmp_path / "fixed.html"
    r = runner.invoke(app, ["fix", str(copy), "--report", str(out)])
    assert r.exit_code in (0, 1), r.output
    tree = lhtml.fromstring(out.read_text(encoding="utf-8"))
    applied = tree.xpath('//article[@data-status="applied"]')
    assert len(applied) == 8
    texts = " ".join(a.text_content() for a in applied)
    assert "Camp Taji" in texts and "presence" in texts
    pending = tree.xpath('//article[@data-status!="applied"]')
    assert any("وجود" in p.text_content() for p in pending)


def test_markdown_golden(model):
    got = render_markdown(model)
    got = re.sub(r"<sub>.*</sub>", "<sub>SIGNATURE</sub>", got)
    golden = GOLDEN / "draft.report.md"
    if os.environ.get("MTQA_UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


def test_html_is_self_contained_and_parses(model):
    page = render_html(model)
    tree = lhtml.fromstring(page)
    assert tree.xpath("//style") and tree.xpath("//script")
    assert not tree.xpath("//link[@rel='stylesheet']") and not tree.xpath("//*[@src]")
    assert not re.search(r"""(?:src|href)=["']https?:""", page)
    assert len(tree.xpath("//article[contains(@class,'finding')]")) == len(model.items)
    # every rule code links to its documentation inside the page
    for a in tree.xpath("//article//a[starts-with(@href,'#rule-')]"):
        assert tree.xpath(f"//*[@id='{a.get('href')[1:]}']")
    assert tree.xpath("//svg")


def test_document_text_is_escaped(tmp_path, glossary):
    draft = tmp_path / "evil.md"
    draft.write_text(
        "The existence of troops <img src=x onerror=alert(1)> near the base </article><script>"
        "alert(2)</script> at Arbil.\n",
        encoding="utf-8",
    )
    model = mtqa.api.report([draft], glossary)
    page = render_html(model)
    tree = lhtml.fromstring(page)
    assert not tree.xpath("//img") and len(tree.xpath("//script")) == 1
    assert "onerror=alert(1)" in tree.text_content()
    md = render_markdown(model)
    assert "<img" not in md


def test_xlsx_has_one_row_per_finding(model, tmp_path):
    import openpyxl

    path = tmp_path / "r.xlsx"
    path.write_bytes(render_xlsx(model))
    ws = openpyxl.load_workbook(path)["findings"]
    rows = list(ws.values)
    assert list(rows[0]) == XLSX_COLUMNS
    assert len(rows) - 1 == len(model.items)


def test_report_command_on_corpora(tmp_path):
    out = tmp_path / "report.html"
    r = runner.invoke(app, ["report", str(CORPORA), "-o", str(out)])
    assert r.exit_code == 1, r.output  # findings at or above fail-on: as `mtqa lint` exits
    tree = lhtml.fromstring(out.read_text(encoding="utf-8"))
    assert tree.xpath("//svg[contains(@class,'matrix')]")  # a batch gets the variants matrix
    assert "Ein AlAsaad" in tree.text_content()
    bad = runner.invoke(app, ["report", str(CORPORA), "-o", str(tmp_path / "r.pdf")])
    assert bad.exit_code == 2 and "--format" in bad.stderr


def chromium_binary() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


@pytest.mark.skipif(chromium_binary() is None, reason="no Chromium installed (CI installs Debian's)")
def test_report_in_a_real_browser(tmp_path, glossary):
    """Render the report headless: findings are visible, and a filter hides what it should."""
    page = tmp_path / "report.html"
    model = mtqa.api.report([FIXTURE], glossary)
    page.write_text(render_html(model), encoding="utf-8")
    ARTIFACTS.mkdir(exist_ok=True)
    flags = [
        chromium_binary(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
    ]
    shot = ARTIFACTS / "report.png"
    subprocess.run(
        [*flags, "--window-size=1100,1600", f"--screenshot={shot}", page.as_uri()],
        capture_output=True,
        timeout=120,
        check=True,
    )
    assert shot.stat().st_size > 10_000

    def dom(fragment: str):
        out = subprocess.run(
            [*flags, "--dump-dom", page.as_uri() + fragment],
            capture_output=True,
            text=True,
            timeout=120,
            check=True,
        ).stdout
        return lhtml.fromstring(out)

    everything = dom("")
    cards = everything.xpath("//article[contains(@class,'finding')]")
    assert cards and not [c for c in cards if c.get("hidden") is not None]
    assert "Camp Taji" in everything.text_content()
    infos = dom("#severity=info")
    shown = [c for c in infos.xpath("//article") if c.get("hidden") is None]
    hidden = [c for c in infos.xpath("//article") if c.get("hidden") is not None]
    assert shown and hidden
    assert all(c.get("data-severity") == "info" for c in shown)
    assert all(c.get("data-severity") != "info" for c in hidden)
    assert infos.xpath("//*[@id='shown']")[0].text_content() == f"{len(shown)} shown"
    applied = dom("#status=applied")
    assert all(c.get("hidden") is not None for c in applied.xpath("//article"))
    Path(ARTIFACTS / "report.html").write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
