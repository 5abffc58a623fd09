from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.cli import app

from ..conftest import CORPORA, ROOT

runner = CliRunner()
FIXTURE = Path("tests/fixtures/draft.md")
GOLDEN = ROOT / "tests" / "golden"
FORMATS = ["text", "json", "jsonl", "csv", "sarif", "github"]


@pytest.fixture(autouse=True)
def in_repo_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def _normalise(fmt: str, out: str) -> str:
    if fmt in ("json", "sarif"):
        data = json.loads(out)
        # The version and glossary hash change by design; golden files check the structure.
        if fmt == "json":
            data["signature"]["mtqa"] = "X"
            data["signature"]["glossary_hash"] = "X"
        else:
            data["runs"][0]["tool"]["driver"]["version"] = "X"
            data["runs"][0]["properties"]["signature"] = "X"
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return out


@pytest.mark.parametrize("fmt", FORMATS)
def test_golden_output(fmt):
    r = runner.invoke(app, ["lint", str(FIXTURE), "--format", fmt])
    assert r.exit_code == 1, r.output
    got = _normalise(fmt, r.stdout)
    golden = GOLDEN / f"draft.{fmt}"
    if os.environ.get("MTQA_UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


def test_json_shape():
    r = runner.invoke(app, ["lint", str(FIXTURE), "-f", "json"])
    data = json.loads(r.stdout)
    f = data["findings"][0]
    for key in (
        "path",
        "start",
        "end",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "rule",
        "severity",
        "message",
        "text",
        "suggestions",
        "term",
        "fix",
    ):
        assert key in f
    assert data["signature"]["glossary"] == "iraq-security"
    assert data["summary"]["findings"] == len(data["findings"])


def test_sarif_is_2_1_0_with_rules():
    data = json.loads(runner.invoke(app, ["lint", str(FIXTURE), "-f", "sarif"]).stdout)
    assert data["version"] == "2.1.0"
    run = data["runs"][0]
    ids = {r["id"] for r in run["tool"]["driver"]["rules"]}
    assert {res["ruleId"] for res in run["results"]} <= ids


def test_lint_corpora_reports_seed_errors():
    r = runner.invoke(app, ["lint", "corpora", "-f", "json"])
    assert r.exit_code == 1
    found = {
        (f["text"], f["suggestions"][0])
        for f in json.loads(r.stdout)["findings"]
        if f["suggestions"]
    }
    for pair in [
        ("existence", "presence"),
        ("Ein AlAsaad", "Ain al-Asad"),
        ("Ein Al-Asaad base", "Ain al-Asad Air Base"),
        ("Arbil", "Erbil"),
        ("four demands", "four sections"),
        ("Quds Corps", "Quds Force"),
        ("Qassim Soleimani", "Qasem Soleimani"),
        ("Daesh", "ISIS"),
    ]:
        assert pair in found, pair


def test_select_ignore_and_fail_on():
    r = runner.invoke(app, ["lint", str(FIXTURE), "-f", "json", "--select", "REP,WS"])
    codes = {f["code"] for f in json.loads(r.stdout)["findings"]}
    assert codes == {"REP001"}
    r = runner.invoke(app, ["lint", str(FIXTURE), "-f", "json", "--ignore", "TERM,PUNC,SCRIPT,REP"])
    assert r.exit_code == 0 and json.loads(r.stdout)["findings"] == []
    r = runner.invoke(app, ["lint", str(FIXTURE), "--select", "TERM001", "--fail-on", "error"])
    assert r.exit_code == 0
    r = runner.invoke(app, ["lint", str(FIXTURE), "--select", "NOPE"])
    assert r.exit_code == 2 and "unknown rule code" in r.stderr


def test_output_file(tmp_path):
    out = tmp_path / "r.json"
    r = runner.invoke(app, ["lint", str(FIXTURE), "-f", "json", "-o", str(out)])
    assert r.exit_code == 1 and r.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["findings"]


def test_fix_diff_writes_nothing(tmp_path):
    copy = tmp_path / "d.md"
    shutil.copy(FIXTURE, copy)
    before = copy.read_bytes()
    r = runner.invoke(app, ["fix", str(copy), "--diff"])
    assert r.exit_code == 1
    assert "-The US military existence" in r.stdout and "+The US military presence" in r.stdout
    assert copy.read_bytes() == before


def test_fix_in_place_then_nothing_left(tmp_path):
    copy = tmp_path / "d.md"
    shutil.copy(FIXTURE, copy)
    r = runner.invoke(app, ["fix", str(copy)])
    assert "Fixed" in r.output
    text = copy.read_text(encoding="utf-8")
    assert "# The Military Presence" in text and "Camp Taji" in text
    assert "permalink: /existence/" in text and "https://example.org/existence" in text
    assert "Smith (2020). The US military existence in Iraq." in text
    r2 = runner.invoke(app, ["fix", str(copy)])
    assert "Fixed 0 findings" in r2.output and copy.read_text(encoding="utf-8") == text


def test_fix_unsafe_applies_more(tmp_path):
    copy = tmp_path / "d.md"
    copy.write_text("There is a silk base in Erbil.\n", encoding="utf-8")
    runner.invoke(app, ["fix", str(copy)])
    assert "silk base" in copy.read_text(encoding="utf-8")
    runner.invoke(app, ["fix", str(copy), "--unsafe"])
    assert copy.read_text(encoding="utf-8") == "There is Harir Air Base in Erbil.\n"


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: d / "missing.md", "no such file or directory"),
        (lambda d: (d / "b.md").write_bytes(b"\x00\x01\x02") and d / "b.md", "binary file"),
        (
            lambda d: (d / "u.md").write_bytes(b"ok \xff\n") and d / "u.md",
            "not valid UTF-8 at byte 3",
        ),
        (lambda d: (d / "sub").mkdir() or d / "sub", "no supported files"),
    ],
)
def test_bad_input_is_one_line_exit_2(tmp_path, setup, message):
    target = setup(tmp_path)
    r = runner.invoke(app, ["lint", str(target)])
    assert r.exit_code == 2, r.output
    assert message in r.stderr
    assert "Traceback" not in r.output


def test_batch_lints_good_files_and_exits_2(tmp_path):
    good = tmp_path / "good.md"
    good.write_text("The US military existence.\n", encoding="utf-8")
    (tmp_path / "bad.md").write_bytes(b"ok \xfd broken")
    r = runner.invoke(app, ["lint", str(tmp_path), "-f", "json"])
    assert r.exit_code == 2
    data = json.loads(r.stdout)
    assert [f["text"] for f in data["findings"]] == ["existence"]
    assert data["errors"][0]["path"].endswith("bad.md")


def test_bad_glossary_stops_before_linting(tmp_path):
    g = tmp_path / "g.yaml"
    g.write_text("entries: [{preferred: a, nope: 1}]\n", encoding="utf-8")
    r = runner.invoke(app, ["lint", str(CORPORA), "-g", str(g)])
    assert r.exit_code == 2 and "unknown key(s) nope" in r.stderr and r.stdout == ""


def test_config_file(tmp_path, monkeypatch):
    (tmp_path / "mtqa.toml").write_text(
        'select = ["TERM"]\nfail-on = "error"\nglossaries = ["g.yaml"]\n', encoding="utf-8"
    )
    (tmp_path / "g.yaml").write_text(
        "entries: [{preferred: Erbil, variants: [Arbil], examples: [{ok: Erbil}]}]\n",
        encoding="utf-8",
    )
    (tmp_path / "a.md").write_text("Arbil and the the existence.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, ["lint", "a.md", "-f", "json"])
    assert r.exit_code == 0
    assert [f["text"] for f in json.loads(r.stdout)["findings"]] == ["Arbil"]
    (tmp_path / "mtqa.toml").write_text('colour = "red"\n', encoding="utf-8")
    r = runner.invoke(app, ["lint", "a.md"])
    assert r.exit_code == 2 and "unknown mtqa setting(s): colour" in r.stderr


def test_rules_command():
    r = runner.invoke(app, ["rules"])
    assert r.exit_code == 0 and "TERM001" in r.stdout and "REP002" in r.stdout


def test_one_long_line_is_linted(tmp_path):
    """A file that is one multi-megabyte line: linear work, findings at the right offsets."""
    p = tmp_path / "long.txt"
    unit = "The US military existence in Iraq grew quickly; "
    p.write_text(unit * 60000, encoding="utf-8")  # ~3 MB, one line
    r = runner.invoke(app, ["lint", str(p), "-f", "jsonl", "--select", "TERM001"])
    lines = r.stdout.splitlines()
    assert len(lines) == 60000
    last = json.loads(lines[-1])
    assert last["start"] == unit.index("existence") + len(unit) * 59999
