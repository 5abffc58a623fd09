"""Reader options travel with each run's settings: `code-shortcodes` reaches every command,
and nothing of one run's options is left behind for the next call."""

from __future__ import annotations

import pytest

from mtqa import api
from mtqa.config import Overrides
from mtqa.readers import ReadOptions, document_from_text, read_document

GLOSSARY = """\
entries:
  - id: presence
    preferred: presence
    variants: [existence]
"""

PAGE = (
    "The existence of bases.\n\n"
    "{{< terminal >}}\nthe existence command\n{{< /terminal >}}\n"
)


@pytest.fixture
def site(tmp_path):
    """A site whose mtqa.toml names `terminal` as a code shortcode, and a page beside it."""
    glossary = tmp_path / "terms.yaml"
    glossary.write_text(GLOSSARY, encoding="utf-8")
    site = tmp_path / "site"
    site.mkdir()
    (site / "mtqa.toml").write_text(
        f'glossaries = ["{glossary}"]\ncode-shortcodes = ["terminal"]\n', encoding="utf-8"
    )
    (site / "page.md").write_text(PAGE, encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "page.md").write_text(PAGE, encoding="utf-8")
    return tmp_path


def _lint_texts(site, folder) -> list[str]:
    overrides = Overrides(glossaries=(str(site / "terms.yaml"),), select=("TERM001",))
    run = api.run_lint([site / folder / "page.md"], overrides)
    return [f.text for f in run.report.findings]


def _prose(doc) -> str:
    return "".join(doc.text[s:e] for b in doc.blocks for s, e in b.spans)


def test_a_document_keeps_its_options_and_a_reread_uses_them():
    options = ReadOptions(code_shortcodes=("terminal",))
    doc = document_from_text(PAGE, options=options)
    plain = document_from_text(PAGE)
    assert doc.read_options == options and plain.read_options == ReadOptions()
    # The shortcode's body is no prose with the option, prose without it.
    assert "existence command" not in _prose(doc)
    assert "existence command" in _prose(plain)


def test_lint_reads_with_the_settings_options(site):
    assert _lint_texts(site, "site") == ["existence"]
    assert _lint_texts(site, "elsewhere") == ["existence", "existence"]


def test_corpus_reads_with_the_settings_options(site):
    def uses(folder):
        overrides = Overrides(glossaries=(str(site / "terms.yaml"),))
        run = api.run_corpus([site / folder / "page.md"], overrides)
        return sum(r.count for r in run.result.rows if r.form == "existence")

    assert uses("site") == 1
    assert uses("elsewhere") == 2


def test_retranslate_reads_with_the_settings_options(site, monkeypatch):
    """Retranslation applies the glossary's safe fixes first: not inside a code shortcode."""
    from mtqa.mt import load
    from mtqa.mt.base import ModelInfo

    class NoModel:
        info = ModelInfo("none", "none")

        def translate(self, requests, settings):
            return [[] for _ in requests]

    monkeypatch.setattr(load, "load_translator", lambda *a, **k: NoModel())
    run = api.run_retranslate([site / "site" / "page.md"], use_cache=False)
    [file] = run.result.files
    assert file.final == PAGE.replace("The existence", "The presence")


def test_a_library_call_does_not_inherit_a_previous_runs_options(site):
    api.run_lint([site / "site" / "page.md"])  # a run whose settings name `terminal`
    page = site / "elsewhere" / "page.md"
    assert read_document(page).read_options == ReadOptions()
    findings = api.lint(page, glossary=site / "terms.yaml", select=["TERM001"])
    assert [f.text for f in findings.findings] == ["existence", "existence"]
    found = api.lint_text(PAGE, glossary=site / "terms.yaml", select=["TERM001"])
    assert len(found) == 2
