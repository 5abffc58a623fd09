"""The HTML report as a reader meets it: a header that says what was checked, a matrix whose
columns can be told apart, with a legend and every entity's preferred row, and a page that fits
a phone as well as a desktop (looked at in headless Chromium, screenshots kept)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from lxml import etree
from lxml import html as lhtml
from typer.testing import CliRunner

import mtqa
from mtqa.checks import ALL_CODES
from mtqa.cli import app
from mtqa.reporters.corpus import matrix_svg
from mtqa.reporters.fix_report import render_html, render_markdown

from ..conftest import CORPORA, ROOT
from .test_report import chromium_binary

runner = CliRunner()
ARTIFACTS = ROOT / "test-artifacts"
LONG_A = "us-military-presence-conclusion-of-the-report.md"
LONG_B = "us-military-presence-conclusion-of-the-review.md"


@pytest.fixture
def batch(tmp_path, glossary):
    """Two articles with long, alike names; neither writes 'Ain al-Asad Air Base' as preferred."""
    (tmp_path / LONG_A).write_text("Troops at Ein Al-Asaad base stayed.\n", encoding="utf-8")
    (tmp_path / LONG_B).write_text("Troops at Ain al-Asad base left.\n", encoding="utf-8")
    return mtqa.api.report([tmp_path / LONG_A, tmp_path / LONG_B], glossary)


def _svg_texts(svg: str) -> list[etree._Element]:
    root = etree.fromstring(svg.encode("utf-8"))
    return root.findall(".//{http://www.w3.org/2000/svg}text")


def test_matrix_columns_are_whole_names(batch):
    texts = [t.text for t in _svg_texts(matrix_svg(batch.corpus))]
    assert LONG_A in texts and LONG_B in texts  # not cut to one shared prefix


def test_the_preferred_form_heads_its_entity_even_unused(batch):
    texts = _svg_texts(matrix_svg(batch.corpus))
    bold = [t.text for t in texts if t.get("font-weight") == "bold"]
    assert "Ain al-Asad Air Base" in bold
    labels = [t.text for t in texts]
    assert labels.index("Ain al-Asad Air Base") < labels.index("Ein Al-Asaad base")


def test_header_legend_and_signature_in_small_print(batch):
    page = lhtml.fromstring(render_html(batch))
    about = {
        d.xpath("string(dt)"): d.xpath("string(dd)") for d in page.xpath("//dl[@class='about']/div")
    }
    assert set(about) == {"Date", "Files", "Glossary", "Rules"}
    assert "2 read" in about["Files"] and LONG_A in about["Files"]
    assert about["Glossary"].startswith("iraq-security")
    assert about["Rules"] == f"all {len(ALL_CODES)} rules"
    assert page.xpath("//p[@class='sig']/small")[0].text_content().startswith("Signature: mtqa:")
    legend = page.xpath("string(//p[@class='legend'])")
    assert "prefers" in legend and "darker" in legend
    assert page.xpath("//*[local-name()='svg'][contains(@class,'matrix')]//*[contains(., 'Uses')]")


def test_markdown_has_no_heading_without_content(tmp_path, glossary, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("clean.md").write_text("Nothing to say here.\n", encoding="utf-8")
    Path("dirty.md").write_text("Troops at Ein Al-Asaad base.\n", encoding="utf-8")
    md = render_markdown(mtqa.api.report(["clean.md", "dirty.md"], glossary))
    assert "### clean.md" not in md and "No findings in clean.md." in md
    assert "### dirty.md" in md
    headings = [i for i, ln in enumerate(md.splitlines()) if ln.startswith("### ")]
    lines = md.splitlines()
    assert all(any(x.strip() for x in lines[i + 1 : i + 3]) for i in headings)


# A line added to a copy of the page: after layout, record whether anything is wider than
# the window (a page that scrolls sideways on a phone).
MEASURE = (
    "<script>addEventListener('load', function () { document.body.dataset.overflow = "
    "String(document.documentElement.scrollWidth > window.innerWidth); });</script>"
)


@pytest.mark.skipif(chromium_binary() is None, reason="no Chromium installed (CI installs Debian's)")
@pytest.mark.parametrize(("device", "width"), [("phone", 390), ("desktop", 1200)])
def test_the_batch_report_at_phone_and_desktop_width(tmp_path, device, width):
    page = tmp_path / "report.html"
    r = runner.invoke(app, ["report", str(CORPORA), "-o", str(page)])
    assert r.exit_code in (0, 1), r.output
    flags = [
        chromium_binary(),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--hide-scrollbars",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'profile'}",
        f"--window-size={width},1400",
    ]
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / f"report-{device}.png"
    subprocess.run(
        [*flags, f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120, check=True
    )
    assert shot.stat().st_size > 10_000
    measured = tmp_path / "measured.html"
    measured.write_text(
        page.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>"), encoding="utf-8"
    )
    dom = subprocess.run(
        [*flags, "--dump-dom", measured.as_uri()],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    body = lhtml.fromstring(dom).xpath("//body")[0]
    assert body.get("data-overflow") == "false", f"the page scrolls sideways at {width} px"
    assert Path(shot).exists()
