"""`mtqa score`: sacrebleu metrics with signatures, WMT21 term accuracy, alignment, outputs."""

from __future__ import annotations

import csv
import io
import json

import pytest
import sacrebleu  # a core dependency: `mtqa score` works in the base install
from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.glossary import load_glossary
from mtqa.scoring import render_csv, render_json, score, term_accuracy

GLOSSARY = """\
name: t
entries:
- id: presence
  preferred: presence
  variants: [existence]
  source: [وجود]
- id: ain-al-asad
  preferred: Ain al-Asad
  accepted: [Ain al Asad]
  variants: [Ayn al-Asad]
  category: name
  source: [عين الأسد]
"""
SRC = ["الوجود العسكري في العراق", "قاعدة عين الأسد", "الجنود في القاعدة"]
REF = ["the military presence in Iraq", "Ain al-Asad base", "the soldiers at the base"]
HYP = ["the military existence in Iraq", "Ain al Asad base", "soldiers at the base"]
runner = CliRunner()


@pytest.fixture
def files(tmp_path):
    paths = {}
    for name, lines in (("src", SRC), ("ref", REF), ("hyp", HYP), ("base", REF[:2] + HYP[2:])):
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_text("\n".join(lines) + "\n", encoding="utf-8")
    paths["g"] = tmp_path / "g.yaml"
    paths["g"].write_text(GLOSSARY, encoding="utf-8")
    return paths


def test_term_accuracy_is_exact_match_over_required_terms(files):
    g = load_glossary(files["g"])
    acc = term_accuracy(HYP, REF, SRC, g)
    # presence required in segment 1 (source and reference), missed; Ain al-Asad required in
    # segment 2, hit through an accepted form; segment 3 requires nothing.
    assert (acc.required, acc.hits) == (2, 1)
    assert acc.by_entry == {"presence": (1, 0), "ain-al-asad": (1, 1)}
    assert term_accuracy(REF, REF, SRC, g).accuracy == 1.0
    # Without a source, the reference alone says what is required.
    assert term_accuracy(HYP, REF, None, g).required == 2


def test_metrics_match_sacrebleu_and_carry_signatures(files):
    result = score(
        files["hyp"], files["ref"], source=files["src"], glossary=load_glossary(files["g"])
    )
    o = result.overall
    assert o.scores["BLEU"] == pytest.approx(sacrebleu.corpus_bleu(HYP, [REF]).score)
    assert o.scores["chrF"] == pytest.approx(sacrebleu.corpus_chrf(HYP, [REF]).score)
    assert o.scores["TER"] == pytest.approx(sacrebleu.corpus_ter(HYP, [REF]).score)
    assert (
        result.signatures["BLEU"].startswith("nrefs:1|") and "tok:13a" in result.signatures["BLEU"]
    )
    assert "nc:6" in result.signatures["chrF"] and "tok:tercom" in result.signatures["TER"]
    assert o.terms.accuracy == 0.5


def test_baseline_gives_a_p_value_per_metric(files):
    result = score(files["hyp"], files["ref"], baseline=files["base"], samples=200)
    base = result.overall.baseline
    assert set(base) == {"BLEU", "chrF", "TER"}
    assert base["chrF"]["baseline"] == pytest.approx(
        sacrebleu.corpus_chrf(REF[:2] + HYP[2:], [REF]).score, abs=0.01
    )
    assert all(0 <= t["p_value"] <= 1 for t in base.values())
    assert "bs:200" in base["BLEU"]["signature"]


def test_json_and_csv_outputs(files):
    result = score(
        files["hyp"], files["ref"], source=files["src"], glossary=load_glossary(files["g"])
    )
    data = json.loads(render_json(result))
    assert data["overall"]["term_accuracy"] == 0.5 and data["overall"]["segments"] == 3
    rows = list(csv.DictReader(io.StringIO(render_csv(result))))
    assert [r["hyp"] for r in rows] == [str(files["hyp"]), "(all)"]
    assert float(rows[1]["chrF"]) == data["overall"]["chrF"]


def test_cli_text_output_and_mismatched_lengths(files, tmp_path):
    res = runner.invoke(
        app,
        [
            "score",
            str(files["hyp"]),
            str(files["ref"]),
            "--source",
            str(files["src"]),
            "-g",
            str(files["g"]),
        ],
    )
    assert res.exit_code == 0, res.output
    assert "term accuracy 0.500 (1/2)" in res.stdout and "chrF signature:" in res.stdout
    short = tmp_path / "short.txt"
    short.write_text("one line\n", encoding="utf-8")
    bad = runner.invoke(app, ["score", str(short), str(files["ref"])])
    assert bad.exit_code == 2 and "Traceback" not in bad.output
    assert "must pair up" in bad.output
    missing = runner.invoke(app, ["score", str(tmp_path / "nope.txt"), str(files["ref"])])
    assert missing.exit_code == 2 and "no such file" in missing.output


# ---- paired significance: equal scores are no difference (sacrebleu's strict count says 0.001)

PAIRED_REF = [f"the US presence in Iraq number {n}" for n in range(30)]


@pytest.mark.parametrize("test", ["bs", "ar"])
def test_equal_systems_are_not_called_significantly_different(test):
    from sacrebleu.metrics import TER
    from sacrebleu.significance import PairedTest

    from mtqa.scoring import paired_significance

    same = [r.replace("presence", "existence") for r in PAIRED_REF]
    # sacrebleu itself: every resampled difference ties with the observed 0 and none is counted.
    pt = PairedTest(
        [("a", same), ("b", same)], {"TER": TER()}, [PAIRED_REF], test_type=test, n_samples=200
    )
    _, raw = pt()
    assert raw["TER"][1].p_value == pytest.approx(1 / 201)
    out = paired_significance(same, same, PAIRED_REF, test, 200)
    assert all(t["p_value"] == 1.0 and not t["significant"] for t in out.values())


def test_same_ter_different_words_only_ter_is_forced_to_one():
    from mtqa.scoring import paired_significance

    base = [r.replace("presence", "existence") for r in PAIRED_REF]
    system = [r.replace("presence", "being") for r in PAIRED_REF]  # one substitution each too
    out = paired_significance(base, system, PAIRED_REF, "bs", 200)
    assert out["TER"]["baseline"] == out["TER"]["system"] and out["TER"]["p_value"] == 1.0
    assert out["chrF"]["baseline"] != out["chrF"]["system"]
    assert out["chrF"]["p_value"] < 1.0


def test_a_clearly_better_system_is_significant_and_text_says_so(tmp_path):
    from mtqa.scoring import render_text, score

    worse = [r.replace("presence in Iraq", "existence at Iraq") for r in PAIRED_REF]
    paths = {}
    for name, lines in (("ref", PAIRED_REF), ("hyp", PAIRED_REF), ("base", worse)):
        paths[name] = tmp_path / f"{name}.txt"
        paths[name].write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = score(paths["hyp"], paths["ref"], baseline=paths["base"], samples=200)
    base = result.overall.baseline
    assert all(t["significant"] and t["p_value"] < 0.05 for t in base.values())
    assert "(significant)" in render_text(result)
    same = score(paths["base"], paths["ref"], baseline=paths["base"], samples=200)
    assert "p = 1.0 (equal: no difference)" in render_text(same)


def test_without_a_glossary_option_term_accuracy_uses_the_default_glossary(files, tmp_path):
    """As the help says: -g defaults to the configured glossary, else the shipped default."""
    res = runner.invoke(
        app, ["score", str(files["hyp"]), str(files["ref"]), "--source", str(files["src"])]
    )
    assert res.exit_code == 0, res.output
    assert "term accuracy" in res.stdout  # "presence" is in the shipped glossary too
    none = runner.invoke(app, ["score", str(files["hyp"]), str(files["ref"]), "--no-glossary"])
    assert none.exit_code == 0 and "term accuracy" not in none.stdout
    out = tmp_path / "s.json"
    as_json = runner.invoke(app, ["score", str(files["hyp"]), str(files["ref"]), "-o", str(out)])
    assert as_json.exit_code == 0, as_json.output
    assert "overall" in json.loads(out.read_text(encoding="utf-8"))  # -o s.json: JSON
