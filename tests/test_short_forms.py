"""The short api forms are the run functions with direct settings: the same findings, fixes and
report, no configuration file read, and the glossary given (or none) as the only one."""

from __future__ import annotations

import pytest

from mtqa import api
from mtqa.config import Overrides
from mtqa.errors import InputError

GLOSSARY = """\
entries:
  - id: presence
    preferred: presence
    variants: [existence]
"""
TEXT = "The the existence of bases.\n"


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "terms.yaml").write_text(GLOSSARY, encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    for name in ("a.md", "b.md"):
        (docs / name).write_text(TEXT, encoding="utf-8")
    # A configuration file the short forms must not read: it turns every rule off.
    (docs / "mtqa.toml").write_text('select = ["TERM001"]\nignore = ["TERM"]\n', encoding="utf-8")
    return tmp_path


def _overrides(folder) -> Overrides:
    return Overrides(glossaries=(str(folder / "terms.yaml"),), isolated=True)


def _keys(findings):
    return [(f.path, f.code, f.start, f.end) for f in findings]


def test_lint_is_run_lint_without_configuration(folder):
    short = api.lint(folder / "docs", glossary=folder / "terms.yaml")
    run = api.run_lint([folder / "docs"], _overrides(folder))
    assert _keys(short.findings) == _keys(run.report.findings)
    assert "TERM001" in {f.code for f in short.findings}  # the mtqa.toml was not read
    assert short.files == run.report.files and short.words == run.report.words
    configured = api.run_lint([folder / "docs"], Overrides(glossaries=(str(folder / "terms.yaml"),)))
    assert list(configured.report.findings) == []


def test_no_glossary_means_no_glossary_rules(folder):
    codes = {f.code for f in api.lint(folder / "docs").findings}
    assert codes and not any(c.startswith("TERM") for c in codes)


def test_fix_is_run_fix_of_one_file(folder):
    path = folder / "docs" / "a.md"
    short = api.fix(path, glossary=folder / "terms.yaml", write=False)
    [run] = api.run_fix([path], _overrides(folder), write=False).results
    assert short.fixed == run.fixed and short.diff() == run.diff()
    assert "presence" in short.fixed and path.read_text(encoding="utf-8") == TEXT
    api.fix(path, glossary=folder / "terms.yaml")
    assert path.read_text(encoding="utf-8") == short.fixed


def test_fix_raises_for_what_it_cannot_read(folder):
    with pytest.raises(InputError, match="no such file"):
        api.fix(folder / "missing.md")
    with pytest.raises(InputError, match="is a directory"):
        api.fix(folder / "docs")


def test_report_is_run_reports_model(folder):
    short = api.report(folder / "docs", glossary=folder / "terms.yaml")
    run = api.run_report([folder / "docs"], _overrides(folder))
    assert [f.path for f in short.files] == [f.path for f in run.model.files]
    assert [_keys(i.finding for i in f.items) for f in short.files] == [
        _keys(i.finding for i in f.items) for f in run.model.files
    ]
