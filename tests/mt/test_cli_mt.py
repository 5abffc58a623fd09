"""`mtqa retranslate` and `mtqa score` end to end, the Hub unreachable, and CTranslate2."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from mtqa.cli import app

from .conftest import GLOSSARY_YAML
from .test_retranslate import A_SRC, ROWS, SETTINGS
from .tsv_reader import write_bitsv

runner = CliRunner()


def test_retranslate_apply_then_score_before_and_after(tiny_model, tmp_path):
    gloss = tmp_path / "terms.yaml"
    gloss.write_text(GLOSSARY_YAML, encoding="utf-8")
    draft = tmp_path / "draft.bitsv"
    write_bitsv(draft, ROWS)
    before = tmp_path / "before.bitsv"
    before.write_bytes(draft.read_bytes())
    ref = tmp_path / "ref.bitsv"
    write_bitsv(
        ref,
        [
            ("s1", A_SRC, "the US military presence in Iraq"),
            ("s2", ROWS[1][1], "5 soldiers were killed at Ain al-Asad base"),
            ROWS[2],
        ],
    )
    args = ["retranslate", str(draft), "--model", str(tiny_model), "-g", str(gloss)]
    res = runner.invoke(app, [*args, "--apply", "--cache", str(tmp_path / "c"), "-f", "json"])
    # 1, as `mtqa fix` with findings left: s2 is flagged and no retranslation was accepted.
    assert res.exit_code == 1, res.output
    data = json.loads(res.stdout)
    assert data["translated"] == 2 and data["files"][0]["written"]
    accepted = [o for o in data["files"][0]["outcomes"] if o["accepted"]]
    assert [o["segment"] for o in accepted] == ["s1"]
    lines = draft.read_text(encoding="utf-8").splitlines()
    assert "existence" not in lines[0] and lines[1:] == before.read_text().splitlines()[1:]

    # The same run with a review report: the accepted candidate and the turned-down one.
    write_bitsv(draft, ROWS)
    report = tmp_path / "retranslated.md"
    res = runner.invoke(app, [*args, "--report", str(report), "--no-cache"])
    assert res.exit_code == 1, res.output
    md = report.read_text(encoding="utf-8")
    assert "retranslation" in md and "s1" in md and "s2" in md
    write_bitsv(draft, ROWS)
    runner.invoke(app, [*args, "--apply", "--cache", str(tmp_path / "c")])

    score = ["score", "-g", str(gloss), "-f", "json"]
    old = json.loads(runner.invoke(app, [*score, str(before), str(ref)]).stdout)["overall"]
    new = json.loads(runner.invoke(app, [*score, str(draft), str(ref)]).stdout)["overall"]
    assert new["term_accuracy"] > old["term_accuracy"]
    # The metrics are sacrebleu's on the segments' targets, paired by id.
    import sacrebleu

    hyps = [ln.split("\t")[2] for ln in draft.read_text(encoding="utf-8").splitlines()]
    refs = [ln.split("\t")[2] for ln in ref.read_text(encoding="utf-8").splitlines()]
    assert new["chrF"] == round(sacrebleu.corpus_chrf(hyps, [refs]).score, 2)
    assert new["TER"] == round(sacrebleu.corpus_ter(hyps, [refs]).score, 2)
    text = runner.invoke(app, ["score", str(draft), str(ref), "--baseline", str(before)])
    assert text.exit_code == 0, text.output
    assert "BLEU signature: nrefs:1" in text.stdout and "p = " in text.stdout


def test_a_hub_model_without_network_is_one_line_exit_2(tmp_path):
    pytest.importorskip("transformers", reason="the mt extra is not installed")
    draft = tmp_path / "draft.txt"
    draft.write_text("the US military existence in Iraq\n", encoding="utf-8")
    env = dict(os.environ, HF_HUB_OFFLINE="1", HF_HOME=str(tmp_path / "hf"))
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mtqa",
            "retranslate",
            str(draft),
            "--model",
            "Helsinki-NLP/opus-mt-ar-en",
            "--no-cache",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 2
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("mtqa:")]
    assert len(lines) == 1 and "hf download Helsinki-NLP/opus-mt-ar-en" in lines[0]
    assert "Traceback" not in proc.stderr


def test_a_missing_model_folder_is_one_line(tmp_path):
    pytest.importorskip("transformers", reason="the mt extra is not installed")
    draft = tmp_path / "draft.bitsv"
    write_bitsv(draft, ROWS)
    res = runner.invoke(app, ["retranslate", str(draft), "--model", str(tmp_path)])
    assert res.exit_code == 2
    assert "Traceback" not in res.output and "not a model folder" in res.output


def test_ctranslate2_backend_on_the_converted_tiny_model(tiny_model, translator, tmp_path):
    pytest.importorskip("ctranslate2", reason="ctranslate2 is not installed")
    from mtqa.mt import Request
    from mtqa.mt.ct2 import CTranslate2Translator, convert
    from mtqa.mt.load import load_translator

    folder = convert(tiny_model, tmp_path / "ct2")
    ct = load_translator(str(folder), device="cpu")
    assert isinstance(ct, CTranslate2Translator) and ct.info.backend == "ctranslate2"
    reqs = [Request(A_SRC, banned=("existence",)), Request(A_SRC)]
    nbest = ct.translate(reqs, SETTINGS)
    assert len(nbest) == 2 and all(len(n) == SETTINGS.num_return_sequences for n in nbest)
    assert all("existence" not in c.text for c in nbest[0])


def test_dask_engine_without_a_scheduler_is_one_line(tmp_path):
    draft = tmp_path / "draft.bitsv"
    write_bitsv(draft, ROWS)
    res = runner.invoke(app, ["retranslate", str(draft), "--engine", "dask", "--no-cache"])
    assert res.exit_code == 2 and "needs --scheduler" in res.output
    assert draft.read_text(encoding="utf-8").count("\n") == len(ROWS)
