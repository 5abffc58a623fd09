"""`mtqa lint --baseline`: a previous JSON report's findings are not reported again."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from mtqa.cli import app

runner = CliRunner()
ARTICLE = (
    "The US military existence in Iraq grew after 2014.\n"
    "\n"
    "Foreign troops kept an existence at the base.\n"
)


def _lint(*args: str):
    return runner.invoke(app, ["lint", *args])


def _codes(result) -> list[tuple[str, str]]:
    return [(f["code"], f["text"]) for f in json.loads(result.stdout)["findings"]]


def test_old_findings_hidden_a_new_one_shown(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(ARTICLE, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    assert _lint(str(draft), "-f", "json", "-o", str(baseline)).exit_code == 1
    assert len(json.loads(baseline.read_text(encoding="utf-8"))["findings"]) == 2

    # Unchanged: nothing new, and the run passes.
    same = _lint(str(draft), "--baseline", str(baseline), "-f", "json")
    assert same.exit_code == 0 and _codes(same) == []
    assert "2 findings in the baseline not shown" in same.stderr

    # A paragraph above moves every line; one new variant is the only finding reported.
    draft.write_text(
        "# Bases\n\nA new paragraph.\n\n" + ARTICLE + "\nTheir existence in the camps was noted.\n",
        encoding="utf-8",
    )
    new = _lint(str(draft), "--baseline", str(baseline), "-f", "json")
    assert new.exit_code == 1
    assert _codes(new) == [("TERM001", "existence")]
    assert json.loads(new.stdout)["findings"][0]["line"] == 9
    assert json.loads(new.stdout)["summary"]["findings"] == 1


def test_a_report_without_fingerprints_still_counts(tmp_path):
    """Reports written before findings had fingerprints match on file, rule, entry and text."""
    draft = tmp_path / "draft.md"
    draft.write_text(ARTICLE, encoding="utf-8")
    baseline = tmp_path / "old.json"
    data = json.loads(_lint(str(draft), "-f", "json").stdout)
    for f in data["findings"]:
        del f["fingerprint"]
    baseline.write_text(json.dumps(data), encoding="utf-8")
    result = _lint(str(draft), "--baseline", str(baseline), "-f", "json")
    assert result.exit_code == 0 and _codes(result) == []


def test_a_file_that_is_no_report_is_one_line_and_exit_2(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(ARTICLE, encoding="utf-8")
    for content in ("not json", '{"findings": 3}', '{"findings": [{"path": "x"}]}'):
        bad = tmp_path / "bad.json"
        bad.write_text(content, encoding="utf-8")
        result = _lint(str(draft), "--baseline", str(bad))
        assert result.exit_code == 2
        assert result.stderr.startswith("mtqa: error: --baseline")
        assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    missing = _lint(str(draft), "--baseline", str(tmp_path / "missing.json"))
    assert missing.exit_code == 2 and "cannot read" in missing.stderr


def test_standard_input_against_a_baseline(tmp_path, monkeypatch):
    """The text read from standard input is the text its fingerprints are made of."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "draft.md").write_text(ARTICLE, encoding="utf-8")
    baseline = tmp_path / "baseline.json"
    _lint("draft.md", "-f", "json", "-o", str(baseline))
    same = runner.invoke(
        app, ["lint", "-", "--stdin-filename", "draft.md", "--baseline", str(baseline), "-f", "json"],
        input=ARTICLE,
    )
    assert same.exit_code == 0 and _codes(same) == []
    new = runner.invoke(
        app, ["lint", "-", "--stdin-filename", "draft.md", "--baseline", str(baseline), "-f", "json"],
        input=ARTICLE + "\nTheir existence in the camps was noted.\n",
    )
    assert new.exit_code == 1 and _codes(new) == [("TERM001", "existence")]
