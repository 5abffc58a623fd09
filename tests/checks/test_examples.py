"""Examples are tests: every rule and every glossary entry is run through its own examples."""

from __future__ import annotations

import pytest

from mtqa.checks import ALL_RULES, CheckContext
from mtqa.entry_examples import run_entry_examples
from mtqa.fixing import fix_document
from mtqa.linter import RuleSelection, lint_document
from mtqa.readers import document_from_text

from ..conftest import ROOT


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_rule_examples(rule, glossary):
    ctx = CheckContext(glossary=glossary if rule.uses_glossary else None)
    selection = RuleSelection(select=(rule.code,))
    for ex in rule.examples:
        doc = document_from_text(ex.text, format=ex.format)
        found = lint_document(doc, selection=selection, context=ctx)
        assert bool(found) == ex.flagged, (rule.code, ex.text, found)
        if ex.fixed is not None:
            fixed = fix_document(doc, selection=selection, unsafe=True, context=ctx).fixed
            assert fixed == ex.fixed, (rule.code, ex.text)


@pytest.mark.parametrize("rule", ALL_RULES, ids=lambda r: r.code)
def test_every_rule_has_flagged_and_clean_examples(rule):
    assert any(e.flagged for e in rule.examples), f"{rule.code} has no example it flags"
    assert any(not e.flagged for e in rule.examples), f"{rule.code} has no example it passes"


def test_rule_codes_are_unique_and_documented():
    codes = [r.code for r in ALL_RULES]
    assert len(codes) == len(set(codes))
    for r in ALL_RULES:
        assert r.summary and r.why and r.fix_safety


def test_every_glossary_entry_has_examples(glossary):
    for entry in glossary.entries:
        assert entry.examples, f"entry {entry.id} has no examples"
        if entry.variants:
            assert any(x.bad for x in entry.examples), f"entry {entry.id} has no bad example"
        assert any(x.ok for x in entry.examples), f"entry {entry.id} has no ok example"


def test_default_glossary_examples_pass(glossary):
    failures = run_entry_examples(glossary)
    assert not failures, "\n".join(map(str, failures))


def test_entry_examples_catch_a_broken_entry(tmp_path):
    """The example runner itself fails when an entry stops doing what its examples say."""
    g = tmp_path / "g.yaml"
    g.write_text(
        "entries:\n- preferred: presence\n  variants: [existence]\n  examples:\n"
        "    - {bad: the existence of troops, good: the absence of troops}\n"
        "    - {ok: the existence of troops}\n",
        encoding="utf-8",
    )
    from mtqa.glossary import load_glossary

    failures = run_entry_examples(load_glossary(g))
    assert len(failures) == 2


def test_rules_doc_is_generated_from_metadata():
    from mtqa.checks import rules_docs_markdown

    doc = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert doc == rules_docs_markdown(), (
        "docs/rules.md is stale: run `mtqa rules -f markdown > docs/rules.md`"
    )
