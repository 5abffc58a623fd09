"""The command line a translator expects: outputs that never replace a report by something
else, terminal conventions (colour, stdin, -q), honest summaries and one exit path."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import openpyxl
import pytest
from lxml import html as lhtml
from typer.testing import CliRunner

from mtqa.checks import ALL_RULES, CheckContext
from mtqa.cli import app
from mtqa.findings import Applicability
from mtqa.linter import RuleSelection, lint_document
from mtqa.readers import document_from_text
from mtqa.terminal import use_color

from ..conftest import CORPORA, ROOT

runner = CliRunner()
FIXTURE = ROOT / "tests" / "fixtures" / "draft.md"
ESC = "\x1b["


@pytest.fixture(autouse=True)
def in_repo_root(monkeypatch):
    monkeypatch.chdir(ROOT)


def _mtqa(*args: str, env: dict | None = None, stdin: str | None = None):
    """A real process: what a terminal or a pipe gets, environment included."""
    full = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "TERM")}
    return subprocess.run(
        [sys.executable, "-m", "mtqa", *args],
        capture_output=True,
        text=True,
        env={**full, **(env or {})},
        input=stdin,
        timeout=120,
        cwd=ROOT,
    )


# ----------------------------------------------------------------------------- -o and -f
@pytest.mark.parametrize(
    ("name", "check"),
    [
        ("r.json", lambda p: json.loads(p.read_text(encoding="utf-8"))["findings"]),
        ("r.jsonl", lambda p: [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines()]),
        ("r.sarif", lambda p: json.loads(p.read_text(encoding="utf-8"))["runs"]),
        (
            "r.csv",
            lambda p: [
                row["code"] for row in csv.DictReader(io.StringIO(p.read_text(encoding="utf-8")))
            ],
        ),
        ("r.html", lambda p: lhtml.fromstring(p.read_text(encoding="utf-8")).xpath("//article")),
        ("r.md", lambda p: "## mtqa report" in p.read_text(encoding="utf-8")),
        ("r.xlsx", lambda p: list(openpyxl.load_workbook(p)["findings"].values)[1:]),
        ("r.txt", lambda p: "Found " in p.read_text(encoding="utf-8")),
    ],
)
def test_lint_output_format_follows_the_extension(tmp_path, name, check):
    out = tmp_path / name
    r = runner.invoke(app, ["lint", str(FIXTURE), "-o", str(out)])
    assert r.exit_code == 1, r.output
    assert check(out)


@pytest.mark.parametrize(
    "args",
    [
        ["lint", str(FIXTURE), "-f", "text"],
        ["lint", str(FIXTURE), "-f", "json"],
        ["report", str(FIXTURE), "-f", "markdown"],
        ["corpus", str(CORPORA), "-f", "text"],
    ],
)
def test_a_format_that_contradicts_the_extension_is_refused(tmp_path, args):
    out = tmp_path / "report.html"
    out.write_text("<html>the last report</html>", encoding="utf-8")
    r = runner.invoke(app, [*args, "-o", str(out)])
    assert r.exit_code == 2 and "html" in r.stderr and "--format" in r.stderr
    assert out.read_text(encoding="utf-8") == "<html>the last report</html>"


@pytest.mark.parametrize("command", ["lint", "report", "corpus"])
def test_no_output_is_written_for_a_run_that_read_nothing(tmp_path, command):
    strange = tmp_path / "draft.rtf"
    strange.write_text("{\\rtf1 text}", encoding="utf-8")
    out = tmp_path / "r.html" if command != "lint" else tmp_path / "r.json"
    for target in (strange, tmp_path / "nosuch.md"):
        r = runner.invoke(app, [command, str(target), "-o", str(out)])
        assert r.exit_code == 2, r.output
        assert not out.exists()
        assert r.stdout == ""
        assert [ln for ln in r.stderr.splitlines() if ln] == [
            ln for ln in r.stderr.splitlines() if ln.startswith("mtqa: error: ")
        ]


def test_no_summary_of_a_run_that_did_not_happen(tmp_path):
    lint = runner.invoke(app, ["lint", "nosuch.md"])
    assert lint.exit_code == 2 and "Found" not in lint.output
    fix = runner.invoke(app, ["fix", "nosuch.md"])
    assert fix.exit_code == 2 and "Fixed" not in fix.output
    assert fix.stderr.splitlines() == ["mtqa: error: nosuch.md: no such file or directory"]
    empty = tmp_path / "empty"
    empty.mkdir()
    corpus = runner.invoke(app, ["corpus", str(empty)])
    assert corpus.exit_code == 2 and corpus.stdout == ""
    assert all(ln.startswith("mtqa: error: ") for ln in corpus.stderr.splitlines())


def test_errors_come_before_the_findings_of_a_partial_run():
    """Unbuffered, one stream: the order a terminal shows."""
    proc = subprocess.run(
        [sys.executable, "-m", "mtqa", "lint", "nosuch.md", str(FIXTURE)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stdout.index("mtqa: error: nosuch.md") < proc.stdout.index("TERM001")
    assert "1 could not be read" in proc.stdout


def test_report_exits_as_lint_does(tmp_path):
    out = tmp_path / "r.html"
    assert runner.invoke(app, ["lint", str(FIXTURE), "-q"]).exit_code == 1
    assert runner.invoke(app, ["report", str(FIXTURE), "-o", str(out)]).exit_code == 1
    # Only warnings and info: not failing at --fail-on error, for both.
    assert runner.invoke(app, ["lint", str(FIXTURE), "--fail-on", "error"]).exit_code == 0
    r = runner.invoke(app, ["report", str(FIXTURE), "-o", str(out), "--fail-on", "error"])
    assert r.exit_code == 0 and out.exists()


# ----------------------------------------------------------------------------- colour
@pytest.mark.parametrize(
    ("env", "flag", "coloured"),
    [
        ({"FORCE_COLOR": "1"}, False, True),
        ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False, False),
        ({"FORCE_COLOR": "1"}, True, False),
        ({}, False, False),  # a pipe
    ],
)
def test_colour_follows_no_color_force_color_and_the_flag(env, flag, coloured):
    proc = _mtqa("lint", "corpora/", *(["--no-color"] if flag else []), env=env)
    assert proc.returncode == 1, proc.stderr
    assert (ESC in proc.stdout) == coloured


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_terminal_gets_colour_unless_dumb_or_no_color(monkeypatch):
    for name in ("NO_COLOR", "FORCE_COLOR", "TERM"):
        monkeypatch.delenv(name, raising=False)
    assert use_color(_Tty())
    monkeypatch.setenv("TERM", "dumb")
    assert not use_color(_Tty())
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("NO_COLOR", "")  # set but empty: no effect, as no-color.org says
    assert use_color(_Tty())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(_Tty())


# ----------------------------------------------------------------------------- stdin
def test_dash_reads_standard_input():
    text = FIXTURE.read_text(encoding="utf-8")
    r = runner.invoke(app, ["lint", "-", "-f", "json"], input=text)
    assert r.exit_code == 1, r.output
    from_file = json.loads(runner.invoke(app, ["lint", str(FIXTURE), "-f", "json"]).stdout)
    data = json.loads(r.stdout)
    assert {f["path"] for f in data["findings"]} == {"-"}
    strip = [(f["line"], f["column"], f["code"]) for f in data["findings"]]
    assert strip == [(f["line"], f["column"], f["code"]) for f in from_file["findings"]]


def test_stdin_filename_names_the_format_and_the_path(tmp_path):
    tsv = "وجود القوات\tthe existence of the forces\n"
    r = runner.invoke(
        app, ["lint", "-", "--stdin-filename", "memo/units.tsv", "-q"], input=tsv
    )
    assert r.exit_code == 1, r.output
    assert r.stdout.startswith("memo/units.tsv:1:")  # the path shown is the name given
    # Read as a bilingual table (the extension's reader): the target alone is checked.
    assert "existence" in r.stdout and "وجود" not in r.stdout.split("\n")[0].split(":")[3]
    text = runner.invoke(app, ["lint", "-", "-q"], input="the the troops\n")
    assert text.stdout.startswith("-:1:")
    snippet = runner.invoke(app, ["lint", "-"], input="the the troops\n")
    assert "| the the troops" in snippet.stdout  # the snippet is stdin's, not a file's


def test_stdin_in_a_real_pipe():
    proc = _mtqa("lint", "-", stdin=FIXTURE.read_text(encoding="utf-8"))
    assert proc.returncode == 1 and proc.stdout.startswith("-:")


# ----------------------------------------------------------------------------- -q, statistics, concise
def test_quiet_prints_the_findings_only():
    loud = runner.invoke(app, ["lint", str(FIXTURE)]).stdout
    quiet = runner.invoke(app, ["lint", str(FIXTURE), "-q"]).stdout
    assert "Found " in loud and "Found " not in quiet and "fixable" not in quiet
    assert quiet.splitlines() == [ln for ln in loud.splitlines()[: len(quiet.splitlines())]]


def test_statistics_count_the_findings_per_rule():
    data = json.loads(runner.invoke(app, ["lint", str(CORPORA), "-f", "json"]).stdout)
    r = runner.invoke(app, ["lint", str(CORPORA), "--statistics"])
    assert r.exit_code == 1
    rows = [ln.split("\t") for ln in r.stdout.splitlines()]
    assert {code.strip(): int(n) for n, code, _ in rows} == data["summary"]["by_code"]
    counts = [int(n) for n, _, _ in rows]
    assert counts == sorted(counts, reverse=True)
    fixable = {f["code"] for f in data["findings"] if f["fix"]}
    assert {code.strip() for _, code, name in rows if name.startswith("[*]")} == fixable


def test_concise_is_one_line_per_finding():
    data = json.loads(runner.invoke(app, ["lint", str(FIXTURE), "-f", "json"]).stdout)
    lines = runner.invoke(app, ["lint", str(FIXTURE), "-f", "concise", "-q"]).stdout.splitlines()
    assert lines == [
        f"{f['path']}:{f['line']}:{f['column']}: {f['code']} {f['message']}"
        for f in data["findings"]
    ]


def test_rule_explains_one_rule():
    r = runner.invoke(app, ["rule", "term003"])
    assert r.exit_code == 0
    assert r.stdout.startswith("## TERM003 `glossary-unlisted-variant`")
    assert "**Fix:** always, unsafe." in r.stdout
    bad = runner.invoke(app, ["rule", "NOPE1"])
    assert bad.exit_code == 2 and bad.stderr.startswith("mtqa: error: unknown rule")


# ----------------------------------------------------------------------------- wording
def test_the_glossary_note_is_said_once_per_entry():
    out = runner.invoke(app, ["lint", str(CORPORA)]).stdout
    note = 'for troops, forces and bases it is always "presence"'
    assert out.count("'existence' is a variant of 'presence'") > 1
    assert out.count(note) == 1


def test_counts_are_written_with_the_right_plural(tmp_path):
    g = tmp_path / "g.yaml"
    g.write_text("entries: [{preferred: Erbil, variants: [Arbil]}]\n", encoding="utf-8")
    assert "(1 entry, 1 variant," in runner.invoke(app, ["glossary", "check", str(g)]).stdout
    d = tmp_path / "d.md"
    d.write_text("Arbil and Erbil.\n", encoding="utf-8")
    lint = runner.invoke(app, ["lint", str(d), "-g", str(g)])
    assert "in 1 file." in lint.stdout
    fix = runner.invoke(app, ["fix", str(d), "-g", str(g)])
    assert "Fixed 1 finding in 1 file" in fix.stderr
    out = tmp_path / "r.md"
    report = runner.invoke(app, ["report", str(d), "-g", str(g), "-o", str(out)])
    assert f"{out}: 0 findings in 1 file" in report.stderr
    assert "1 file," in out.read_text(encoding="utf-8")


def test_with_source_the_units_are_called_paragraphs(tmp_path):
    src, tgt = tmp_path / "src.md", tmp_path / "tgt.md"
    src.write_text("الوجود الأمريكي.\n\nقاعدة عين الأسد.\n", encoding="utf-8")
    tgt.write_text("The US presence.\n\nThe base at Ain al-Asad 5.\n", encoding="utf-8")
    r = runner.invoke(app, ["lint", str(tgt), "--source", str(src), "-q"])
    assert "BIL002 [warning] paragraph 2: numbers differ" in r.stdout
    assert "segment" not in r.stdout
    report = tmp_path / "r.md"
    runner.invoke(app, ["fix", str(tgt), "--source", str(src), "--diff", "--report", str(report)])
    assert "source (paragraph 2)" in report.read_text(encoding="utf-8")


def test_rules_say_how_their_fixes_apply_as_the_fixes_do(glossary):
    """`mtqa rules` names the applicability each rule's fixes actually have on its examples."""
    lines = runner.invoke(app, ["rules"]).stdout.splitlines()
    said = {ln.split()[0]: ln.split("fix: ")[1].split("]")[0] for ln in lines if "fix: " in ln}
    assert said["TERM003"] == "unsafe" and said["TERM002"] == "safe"
    as_json = json.loads(runner.invoke(app, ["rules", "-f", "json"]).stdout)
    assert {r["code"]: r["fix_applies"] for r in as_json} == said
    for rule in ALL_RULES:
        ctx = CheckContext(glossary=glossary if rule.uses_glossary else None)
        selection = RuleSelection(select=(rule.code,))
        seen = set()
        for ex in rule.examples:
            doc = document_from_text(ex.text, format=ex.format)
            for f in lint_document(doc, selection=selection, context=ctx):
                if f.fix is not None and f.fix.applicability != Applicability.DISPLAY_ONLY:
                    seen.add(f.fix.applicability.value)
        allowed = {"none": set(), "safe": {"safe"}, "unsafe": {"unsafe"}}.get(
            said[rule.code], {"safe", "unsafe"}
        )
        assert seen <= allowed, (rule.code, said[rule.code], seen)


def test_jobs_help_says_what_the_default_is():
    out = runner.invoke(app, ["lint", "--help"], env={"COLUMNS": "200"}).stdout
    assert "one per core" not in out and "not busy" in out


def test_a_glossary_test_failure_names_the_example_line(tmp_path):
    g = tmp_path / "g.yaml"
    g.write_text(
        "entries:\n- id: p\n  preferred: presence\n  variants: [existence]\n  examples:\n"
        "    - ok: fine text\n    - ok: the existence of troops\n",
        encoding="utf-8",
    )
    r = runner.invoke(app, ["glossary", "test", str(g)])
    assert r.exit_code == 1
    assert f"FAIL {g}:7: entry 'p': ok example flagged" in r.stdout
