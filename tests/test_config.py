"""Configuration: validated like a glossary, looked up from each file, honoured by every command;
and the library's run is the CLI's."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import mtqa.api as api
from mtqa.cli import app
from mtqa.config import Overrides, parse_config
from mtqa.errors import ConfigError
from mtqa.fingerprints import fingerprints

from .conftest import ROOT

runner = CliRunner()
FIXTURE = ROOT / "tests" / "fixtures" / "draft.md"
TERMS = "entries: [{preferred: Erbil, variants: [Arbil], examples: [{ok: Erbil}]}]\n"


def _project(folder: Path, config: str, text: str = "Arbil and the the existence.\n") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mtqa.toml").write_text(config, encoding="utf-8")
    (folder / "g.yaml").write_text(TERMS, encoding="utf-8")
    (folder / "a.md").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ('unsafe-fixes = "false"\n', "unsafe-fixes: must be true or false, not 'false'"),
        ('format = "xml"\n', "format: unknown format 'xml'"),
        ('fail-on = "fatal"\n', "fail-on: unknown severity 'fatal'"),
        ("fail-on = 2\n", "fail-on: unknown severity 2"),
        ('select = ["NOPE"]\n', "select: unknown rule code or prefix 'NOPE'"),
        ("ignore = [1]\n", "ignore: must be a string or a list of strings"),
        ('[per-file-ignores]\n"x/*.md" = ["TERM9"]\n', "per-file-ignores.x/*.md: unknown rule"),
        ('colour = "red"\n', "unknown mtqa setting(s): colour"),
        ("select = [\n", "invalid TOML"),
    ],
)
def test_bad_configuration_is_one_line_with_file_and_key(tmp_path, monkeypatch, config, message):
    _project(tmp_path, config)
    monkeypatch.chdir(tmp_path)
    for command in (["lint", "a.md"], ["fix", "a.md"], ["report", "a.md"]):
        r = runner.invoke(app, command)
        assert r.exit_code == 2, (command, r.output)
        lines = r.stderr.strip().splitlines()
        assert len(lines) == 1 and "mtqa.toml" in lines[0] and message in lines[0], lines
        assert "Traceback" not in r.output and r.stdout == ""
    assert (tmp_path / "a.md").read_text(encoding="utf-8").startswith("Arbil")


def test_unsafe_fixes_true_is_a_boolean(tmp_path):
    path = _project(tmp_path, "unsafe-fixes = true\n") / "mtqa.toml"
    assert parse_config(path).unsafe_fixes is True
    (tmp_path / "mtqa.toml").write_text("unsafe-fixes = false\n", encoding="utf-8")
    assert parse_config(path).unsafe_fixes is False


def test_bad_option_values_are_errors_too():
    with pytest.raises(ConfigError, match="--format"):
        Overrides(format="xml")
    r = runner.invoke(app, ["lint", str(FIXTURE), "-f", "xml"])
    assert r.exit_code == 2 and "unknown format 'xml'" in r.stderr


def test_settings_come_from_the_linted_files_folder(tmp_path, monkeypatch):
    """`mtqa lint other/` uses other/mtqa.toml, not the configuration of the current folder."""
    here = _project(tmp_path / "here", 'select = ["REP"]\n')
    other = _project(tmp_path / "other", 'select = ["TERM001"]\nglossaries = ["g.yaml"]\n')
    monkeypatch.chdir(here)
    r = runner.invoke(app, ["lint", str(other), "-f", "json"])
    assert [f["code"] for f in json.loads(r.stdout)["findings"]] == ["TERM001"]
    # Both at once: each file with its own project's settings.
    r = runner.invoke(app, ["lint", ".", str(other), "-f", "json"])
    codes = [(Path(f["path"]).parent.name, f["code"]) for f in json.loads(r.stdout)["findings"]]
    assert codes == [("", "REP001"), ("other", "TERM001")] or codes == [
        (".", "REP001"),
        ("other", "TERM001"),
    ]
    # --config names one file for every input.
    r = runner.invoke(app, ["lint", str(other), "-f", "json", "--config", str(here / "mtqa.toml")])
    assert [f["code"] for f in json.loads(r.stdout)["findings"]] == ["REP001"]


def test_pyproject_table_is_found_and_other_pyprojects_are_passed_over(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.mtqa]\nselect = ["WS"]\n', encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    (sub / "a.md").write_text("Two  spaces and the the.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, ["lint", "sub/a.md", "-f", "json"])
    assert [f["code"] for f in json.loads(r.stdout)["findings"]] == ["WS001"]


PFI = 'glossaries = ["g.yaml"]\n[per-file-ignores]\n"archive/*.md" = ["TERM001"]\n'


def test_per_file_ignores_in_lint_fix_and_report(tmp_path, monkeypatch):
    root = _project(tmp_path, PFI, "Arbil.\n")
    (root / "archive").mkdir()
    (root / "archive" / "old.md").write_text("Arbil.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path.parent)  # anchored at the configuration, not the current folder
    r = runner.invoke(app, ["lint", str(root), "-f", "json"])
    paths = {Path(f["path"]).name for f in json.loads(r.stdout)["findings"]}
    assert paths == {"a.md"}
    out = root / "r.md"
    r = runner.invoke(app, ["report", str(root / "a.md"), str(root / "archive"), "-o", str(out)])
    assert r.exit_code == 1, r.output  # a.md's finding: report exits as lint does
    report = out.read_text(encoding="utf-8")
    assert "a.md" in report and "Arbil" in report
    model = api.run_report([root / "archive"]).model
    assert model.items == []
    runner.invoke(app, ["fix", str(root)])
    assert (root / "archive" / "old.md").read_text(encoding="utf-8") == "Arbil.\n"
    assert (root / "a.md").read_text(encoding="utf-8") == "Erbil.\n"


def test_unsafe_fixes_setting_is_used_by_fix(tmp_path):
    root = _project(tmp_path, "unsafe-fixes = true\n", "There is a silk base in Erbil.\n")
    runner.invoke(app, ["fix", str(root / "a.md")])
    assert (root / "a.md").read_text(encoding="utf-8") == "There is Harir Air Base in Erbil.\n"


@pytest.mark.parametrize("diff", [False, True])
def test_fix_summary_is_on_stderr_either_way(tmp_path, diff):
    copy = tmp_path / "d.md"
    shutil.copy(FIXTURE, copy)
    r = runner.invoke(app, ["fix", str(copy), *(["--diff"] if diff else [])])
    assert ("Would fix" if diff else "Fixed") in r.stderr
    if diff:
        assert r.stdout.startswith("--- a/") and "Would fix" not in r.stdout
    else:
        assert r.stdout == ""


def test_input_errors_in_every_lint_format(tmp_path):
    good = tmp_path / "good.md"
    good.write_text("The US military existence.\n", encoding="utf-8")
    (tmp_path / "bad.md").write_bytes(b"ok \xfd broken")
    outs = {}
    for fmt in ("json", "jsonl", "csv", "sarif", "github", "text"):
        r = runner.invoke(app, ["lint", str(tmp_path), "-f", fmt])
        assert r.exit_code == 2 and "bad.md" in r.stderr
        outs[fmt] = r.stdout
    assert json.loads(outs["json"])["errors"][0]["path"].endswith("bad.md")
    records = [json.loads(line) for line in outs["jsonl"].splitlines()]
    assert [r.get("error") for r in records] == [None, "input-error"]
    assert records[1]["path"].endswith("bad.md") and "UTF-8" in records[1]["message"]
    rows = list(csv.DictReader(io.StringIO(outs["csv"])))
    assert rows[-1]["code"] == "input-error" and rows[-1]["path"].endswith("bad.md")
    invocation = json.loads(outs["sarif"])["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    note = invocation["toolExecutionNotifications"][0]
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith("bad.md")
    assert "::error file=" in outs["github"]


def test_the_library_run_is_the_cli_run(tmp_path, monkeypatch):
    root = _project(tmp_path, 'select = ["TERM", "REP"]\nglossaries = ["g.yaml"]\n')
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, ["lint", "a.md", "-f", "json"])
    run = api.run_lint(["a.md"], Overrides())
    findings = list(run.report.findings)
    # The JSON is each finding's dict, and its fingerprint.
    assert [
        {**f.to_dict(), "fingerprint": fp} for f, fp in zip(findings, fingerprints(findings), strict=True)
    ] == json.loads(r.stdout)["findings"]
    assert run.exit_code() == r.exit_code == 1
    assert run.report.signature.glossary == "g"
    fixed = api.run_fix([root / "a.md"], write=False)
    assert fixed.changed == 1 and "Erbil" in fixed.results[0].fixed
    assert (root / "a.md").read_text(encoding="utf-8").startswith("Arbil")


def test_merged_glossaries_name_each_file_and_keep_the_language_pair(tmp_path):
    a = tmp_path / "a.yaml"
    b = tmp_path / "b.yaml"
    a.write_text(
        "language: {source: fa, target: en}\nentries:\n  - {preferred: Erbil, variants: [Arbil]}\n",
        encoding="utf-8",
    )
    b.write_text(
        "language: {source: fa, target: en}\nentries:\n  - {preferred: Duhok}\n"
        "  - {preferred: x, nope: 1}\n",
        encoding="utf-8",
    )
    r = runner.invoke(app, ["glossary", "check", str(a), str(b)])
    assert r.exit_code == 2
    assert f"{b}:4: unknown key(s) nope" in r.stderr and "," not in r.stderr.split(":")[0]
    b.write_text("language: {source: fa, target: en}\nentries: [{preferred: Duhok}]\n")
    g = api.check_glossaries([a, b]).glossary
    assert (g.source_language, g.target_language) == ("fa", "en")
    assert {e.origin for e in g.entries} == {str(a), str(b)}
    b.write_text("language: {source: ar, target: en}\nentries: [{preferred: Duhok}]\n")
    r = runner.invoke(app, ["glossary", "check", str(a), str(b)])
    assert r.exit_code == 2 and "language pair ar->en differs" in r.stderr


def test_corpus_outputs_carry_input_errors(tmp_path):
    import openpyxl

    (tmp_path / "a.md").write_text("Troops at Ain al-Asad.\n", encoding="utf-8")
    (tmp_path / "bad.md").write_bytes(b"ok \xfd broken")
    for fmt in ("text", "json", "csv"):
        r = runner.invoke(app, ["corpus", str(tmp_path), "-f", fmt, "-j", "1"])
        # The text table leaves the error to its `mtqa: error:` line on stderr.
        shown = r.stderr if fmt == "text" else r.stdout
        assert r.exit_code == 2 and "bad.md" in shown, (fmt, r.stdout)
    out = tmp_path / "c.xlsx"
    r = runner.invoke(app, ["corpus", str(tmp_path), "-o", str(out), "-j", "1"])
    assert r.exit_code == 2
    sheet = openpyxl.load_workbook(out)["errors"]
    assert sheet["A2"].value.endswith("bad.md")
