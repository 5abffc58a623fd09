"""What a user of `mtqa retranslate` sees: a quick one-line failure where no model can be had,
no library chatter on the terminal, segments and candidates counted apart, a word where the
input has no source, and turned-down candidates labelled as such."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from lxml import html as lhtml
from typer.testing import CliRunner

from mtqa.cli import app

from .conftest import GLOSSARY_YAML
from .test_retranslate import ROWS
from .test_xliff_mt import A_SRC, XLIFF
from .tsv_reader import write_bitsv

runner = CliRunner()


def _mtqa(args, env_extra, tmp_path):
    env = dict(os.environ, HF_HOME=str(tmp_path / "hf"), **env_extra)
    env.pop("HF_HUB_OFFLINE", None)
    return subprocess.run(
        [sys.executable, "-m", "mtqa", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def test_an_unreachable_hub_is_one_line_without_retries(tmp_path):
    """No HF_HUB_OFFLINE: the network is simply not there (a closed port stands for it)."""
    pytest.importorskip("transformers", reason="the mt extra is not installed")
    draft = tmp_path / "a.xlf"
    draft.write_text(XLIFF.format(a=A_SRC), encoding="utf-8")
    proc = _mtqa(
        ["retranslate", str(draft), "--model", "someone/not-cached", "--no-cache"],
        {"HF_ENDPOINT": "http://127.0.0.1:9"},
        tmp_path,
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("mtqa: error: ")
    assert "Retrying" not in proc.stderr and "hf download someone/not-cached" in proc.stderr


def test_a_local_path_that_is_not_there_gets_path_advice(tmp_path):
    pytest.importorskip("transformers", reason="the mt extra is not installed")
    draft = tmp_path / "a.xlf"
    draft.write_text(XLIFF.format(a=A_SRC), encoding="utf-8")
    res = runner.invoke(app, ["retranslate", str(draft), "--model", "./nonexistent"])
    assert res.exit_code == 2
    assert "no such model folder" in res.stderr and "hf download" not in res.stderr


def test_library_warnings_stay_off_the_terminal(tiny_model, tmp_path):
    draft = tmp_path / "a.xlf"
    draft.write_text(XLIFF.format(a=A_SRC), encoding="utf-8")
    proc = _mtqa(
        ["retranslate", str(draft), "--model", str(tiny_model), "--no-cache", "--no-glossary"],
        {},
        tmp_path,
    )
    assert proc.returncode in (0, 1), proc.stderr
    # The tiny Marian tokenizer warns about sacremoses on load; that is the log's, not ours.
    others = [ln for ln in proc.stderr.splitlines() if not ln.startswith("mtqa")]
    assert len(others) <= 1 and "segment" in "".join(others), proc.stderr  # the summary line
    assert "warn" not in proc.stderr.lower() and "Loading" not in proc.stderr


def test_segments_and_candidates_are_counted_apart_and_labelled(tiny_model, tmp_path):
    gloss = tmp_path / "terms.yaml"
    gloss.write_text(GLOSSARY_YAML, encoding="utf-8")
    draft = tmp_path / "draft.bitsv"
    write_bitsv(draft, ROWS)
    args = ["retranslate", str(draft), "--model", str(tiny_model), "-g", str(gloss)]
    res = runner.invoke(app, [*args, "--no-cache"])
    assert res.exit_code == 1, res.output
    # s1 accepted; s2 keeps its findings with every candidate turned down, each one labelled.
    assert "draft.bitsv:s2: no candidate accepted;" in res.stdout
    rejected = res.stdout.count("    rejected (chrF")
    assert rejected >= 1 and "candidate 1:" in res.stdout
    assert f"{rejected} candidate" in res.stdout.split("draft.bitsv:s2:")[1].splitlines()[0]
    summary = res.stderr.strip().splitlines()[-1]
    assert summary.startswith("2 segments with findings: 1 accepted, 1 with every candidate")
    assert f"({rejected} candidate" in summary


def test_a_draft_without_a_source_is_said_so(tiny_model, tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text("The US military existence in Iraq.\n", encoding="utf-8")
    missing = tmp_path / "nosuch.xlf"
    res = runner.invoke(
        app, ["retranslate", str(draft), str(missing), "--model", str(tiny_model), "--no-cache"]
    )
    assert "no source to translate from" in res.stderr and "draft.md" in res.stderr
    # The input error first, with its prefix; then the run's summary and note.
    assert res.exit_code == 2
    assert res.stderr.startswith(f"mtqa: error: {missing}: no such file")


def test_the_report_counts_the_safe_fixes_written_and_lists_its_rules(tiny_model, tmp_path):
    gloss = tmp_path / "terms.yaml"
    gloss.write_text(
        GLOSSARY_YAML + "- id: taji\n  preferred: Camp Taji\n  variants: [the Taji camp]\n",
        encoding="utf-8",
    )
    draft = tmp_path / "draft.bitsv"
    write_bitsv(draft, [*ROWS, ("s4", "الجنود في معسكر التاجي", "the soldiers at the Taji camp")])
    report = tmp_path / "r.html"
    res = runner.invoke(
        app,
        [
            "retranslate", str(draft), "--model", str(tiny_model), "-g", str(gloss),
            "--apply", "--no-cache", "--report", str(report),
        ],
    )
    assert res.exit_code in (0, 1), res.output
    assert "Camp Taji" in draft.read_text(encoding="utf-8")  # the safe fix was written
    tree = lhtml.fromstring(report.read_text(encoding="utf-8"))
    cards = {
        c.xpath("string(b)"): c.text_content() for c in tree.xpath("//div[@class='card']")
    }
    applied = next(v for v in cards.values() if "fixes applied" in v)
    assert not applied.startswith("0")
    assert tree.xpath("//*[@id='rule-TERM001']") and tree.xpath("//*[@id='rule-retranslation']")


def test_the_hub_check_reads_offline_and_proxy_settings(monkeypatch):
    from mtqa.mt.hf import hub_unreachable, looks_like_path

    for name in ("HF_HUB_OFFLINE", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")
    assert "127.0.0.1" in hub_unreachable()
    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example:3128")
    assert hub_unreachable() is None  # the client goes through the proxy; it decides
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    assert hub_unreachable() == "HF_HUB_OFFLINE is set"
    assert not looks_like_path("Helsinki-NLP/opus-mt-ar-en") and not looks_like_path("t5-small")
    assert all(map(looks_like_path, ["./m", "../m", "/opt/m", "~/m", "a/b/c", "m/"]))
