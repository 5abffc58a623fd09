"""Fingerprints name a finding by what it is and what is around it, not by where it is."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.fingerprints import SARIF_KEY, fingerprints_of
from mtqa.linter import lint_text

from ..conftest import ROOT

GLOSSARY = ROOT / "glossary" / "default.yaml"
ARTICLE = (
    "The US military existence in Iraq grew after 2014.\n"
    "\n"
    "Foreign troops kept an existence at the base.\n"
)


def _prints(text: str) -> dict[tuple[str, str], str]:
    """(code, text) of each finding -> its fingerprint, for a text with one finding of each."""
    from mtqa.glossary import load_glossary

    findings = lint_text(text, load_glossary(GLOSSARY))
    prints = fingerprints_of(findings, text)
    return {(f.code, f.text, text[f.end : f.end + 12]): p for f, p in zip(findings, prints, strict=True)}


def test_lines_moving_keep_the_fingerprint():
    before = _prints(ARTICLE)
    after = _prints("# A heading\n\nA new paragraph above, two lines\nlong.\n\n" + ARTICLE)
    assert len(before) == 2 and before == after


def test_two_occurrences_in_different_words_differ():
    assert len(set(_prints(ARTICLE).values())) == 2


def test_the_same_words_twice_are_told_apart_by_their_order():
    text = "Foreign troops kept an existence at the base.\n\n" * 2
    from mtqa.glossary import load_glossary

    findings = [f for f in lint_text(text, load_glossary(GLOSSARY)) if f.code == "TERM001"]
    prints = fingerprints_of(findings, text)
    assert len(findings) == 2 and prints[0] != prints[1]
    # ... and a third copy added at the end leaves the first two as they were.
    longer = text + "Foreign troops kept an existence at the base.\n"
    findings = [f for f in lint_text(longer, load_glossary(GLOSSARY)) if f.code == "TERM001"]
    assert fingerprints_of(findings, longer)[:2] == prints


def test_a_word_next_to_the_match_changes_it_a_word_far_away_does_not():
    base = _prints(ARTICLE)
    near = _prints(ARTICLE.replace("US military existence", "US armed existence"))
    far = _prints(ARTICLE.replace("grew after 2014", "grew and grew after the year 2014"))
    assert set(near.values()) & set(base.values()) == {base[next(k for k in base if "base" in k[2])]}
    assert set(far.values()) == set(base.values())


def test_case_and_spacing_of_the_context_do_not_matter():
    base = _prints(ARTICLE)
    respaced = _prints(ARTICLE.replace("US military existence", "US\u00a0Military\nexistence"))
    assert set(respaced.values()) == set(base.values())


def test_json_and_sarif_carry_the_same_fingerprints(tmp_path):
    draft = tmp_path / "draft.md"
    draft.write_text(ARTICLE, encoding="utf-8")
    runner = CliRunner()
    as_json = json.loads(runner.invoke(app, ["lint", str(draft), "-f", "json"]).stdout)
    sarif = json.loads(runner.invoke(app, ["lint", str(draft), "-f", "sarif"]).stdout)
    jsonl = runner.invoke(app, ["lint", str(draft), "-f", "jsonl"]).stdout.splitlines()
    from_json = [f["fingerprint"] for f in as_json["findings"]]
    from_sarif = [r["partialFingerprints"][SARIF_KEY] for r in sarif["runs"][0]["results"]]
    from_jsonl = [json.loads(line)["fingerprint"] for line in jsonl]
    assert len(from_json) >= 2 and from_json == from_sarif == from_jsonl
