"""One check context serves a whole run: each document sees its own enabled rules, the run's
context is left as it was, and what is compiled from the glossary is built once."""

from __future__ import annotations

from mtqa.checks import CheckContext
from mtqa.glossary import load_glossary
from mtqa.linter import RuleSelection, lint_document
from mtqa.readers import document_from_text

GLOSSARY = """\
entries:
  - id: presence
    preferred: presence
    variants: [existence]
"""


def test_each_document_sees_its_own_rules_and_the_run_context_is_unchanged(tmp_path):
    path = tmp_path / "terms.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    ctx = CheckContext(glossary=load_glossary(path))
    selection = RuleSelection(("TERM001",), per_file_ignores=(("quiet/*.md", ("TERM001",)),))
    text = "The existence of bases.\n"
    loud = lint_document(document_from_text(text, "loud/a.md"), selection=selection, context=ctx)
    quiet = lint_document(document_from_text(text, "quiet/a.md"), selection=selection, context=ctx)
    again = lint_document(document_from_text(text, "loud/b.md"), selection=selection, context=ctx)
    assert [f.code for f in loud] == [f.code for f in again] == ["TERM001"]
    assert quiet == []
    # The caller's context still has every rule on, as it was made.
    assert ctx.enabled("TERM001") and ctx.enabled("WS001")
    # A document's context shares what the run compiled.
    on = ctx.for_codes(frozenset({"TERM001"}))
    assert on.matcher is ctx.matcher
    assert on.enabled("TERM001") and not on.enabled("WS001")
