"""Retranslations in the fix report: accepted ones as unsafe fixes, rejected ones as rejected,
each with its chrF and model score, beside the findings of a lint run."""

from __future__ import annotations

import io

import openpyxl
from lxml import html as lhtml

from mtqa.linter import lint_document
from mtqa.mt.stage import retranslate
from mtqa.readers import read_document
from mtqa.reporters.fix_report import render_html, render_markdown, render_xlsx
from mtqa.reporters.report_model import APPLIED, PENDING, REJECTED, from_lint
from mtqa.reporters.retranslation import CODE, add_retranslations, from_retranslation
from mtqa.signature import Signature

from .test_retranslate import ROWS, SETTINGS
from .tsv_reader import write_bitsv


def _run(translator, glossary, tmp_path, apply):
    path = tmp_path / "article.bitsv"
    write_bitsv(path, ROWS)
    return path, retranslate([path], translator, glossary, settings=SETTINGS, apply=apply)


def test_accepted_and_rejected_candidates_are_report_items(translator, mt_glossary, tmp_path):
    path, result = _run(translator, mt_glossary, tmp_path, apply=True)
    model = from_retranslation(result, Signature.of(mt_glossary, ()))
    items = model.items
    assert [i.finding.code for i in items] == [CODE] * len(result.files[0].outcomes)
    [accepted] = [i for i in items if i.finding.extra["accepted"]]
    outcome = result.accepted[0]
    assert accepted.segment == "s1" and accepted.source == ROWS[0][1]
    assert accepted.status == APPLIED and accepted.fix_label == "unsafe"
    assert outcome.candidate in path.read_text(encoding="utf-8")  # applied means written
    assert accepted.excerpt.match == ROWS[0][2] and accepted.excerpt.fixed == outcome.candidate
    assert f"chrF {outcome.chrf:.1f}" in accepted.finding.message
    assert f"model score {outcome.score:.3f}" in accepted.finding.message
    rejected = [i for i in items if not i.finding.extra["accepted"]]
    assert rejected and all(i.segment == "s2" for i in rejected)
    # Turned down: shown as rejected everywhere, never as a pending fix or an "after" text.
    assert all(i.status == REJECTED and i.fix_label == "rejected" for i in rejected)
    assert all("numbers differ from the source" in i.finding.message for i in rejected)
    # Offsets point at the segment's target in the file as it was read.
    text = result.files[0].text
    assert text[accepted.finding.start : accepted.finding.end] == ROWS[0][2]
    assert accepted.finding.line == 1 and model.summary()["applied"] == 1
    md = render_markdown(model)
    assert "retranslation passed verification" in md and "fix: unverified" not in md
    assert "s2" in md and md.count(", rejected —") == len(rejected)
    html = render_html(model)
    assert outcome.candidate in html and "retranslation turned down" in html
    tree = lhtml.fromstring(html)
    for card in tree.xpath('//article[@data-status="rejected"]'):
        text = card.text_content()
        assert "after:" not in text and "pending" not in text and "unverified" not in text
        assert "turned down:" in text
    assert len(tree.xpath('//article[@data-status="rejected"]')) == len(rejected)
    # The rules section explains the retranslation items.
    assert tree.xpath('//*[@id="rule-retranslation"]')
    ws = openpyxl.load_workbook(io.BytesIO(render_xlsx(model)))["findings"]
    statuses = [row[9] for row in ws.iter_rows(min_row=2, values_only=True)]
    assert statuses.count("rejected") == len(rejected)


def test_without_apply_the_accepted_one_is_pending(translator, mt_glossary, tmp_path):
    _, result = _run(translator, mt_glossary, tmp_path, apply=False)
    model = from_retranslation(result, Signature.of(mt_glossary, ()))
    [accepted] = [i for i in model.items if i.finding.extra["accepted"]]
    assert accepted.status == PENDING and accepted.fix_label == "unsafe"


def test_added_beside_the_lint_findings_of_the_same_file(translator, mt_glossary, tmp_path):
    from mtqa.checks import CheckContext

    path, result = _run(translator, mt_glossary, tmp_path, apply=False)
    doc = read_document(path)
    findings = lint_document(doc, context=CheckContext(glossary=mt_glossary))
    model = from_lint([(doc, findings)], Signature.of(mt_glossary, ()), mt_glossary)
    before = len(model.items)
    add_retranslations(model, result)
    assert len(model.files) == 1
    codes = [i.finding.code for i in model.files[0].items]
    assert len(codes) == before + len(result.files[0].outcomes)
    assert codes[before:] == [CODE] * len(result.files[0].outcomes)
