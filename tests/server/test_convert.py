"""Findings as the protocol shows them: unsafe fixes offered but never preferred, the glossary
note in each term's diagnostic, the entry on hover."""

from __future__ import annotations

import pytest

pytest.importorskip("pygls")

from lsprotocol import types as lsp

from mtqa.server import convert
from mtqa.server.library import Applicability, Library
from mtqa.server.positions import LineIndex

GLOSSARY = """\
entries:
  - id: erbil
    preferred: Erbil
    variants: [Arbil, Irbil]
    category: name
    note: The Kurdish capital; Hewlêr in Kurdish.
    source: [أربيل]
  - id: presence
    preferred: presence
    variants: [existence]
    note: Arabic وجود means both.
    context:
      safe_near: [troop*]
"""


@pytest.fixture
def linted(tmp_path):
    (tmp_path / "mtqa.toml").write_text('glossaries = ["g.yaml"]\n', encoding="utf-8")
    (tmp_path / "g.yaml").write_text(GLOSSARY, encoding="utf-8")

    def lint(text: str):
        return Library().lint(str(tmp_path / "a.md"), text, "markdown")

    return lint


def test_an_unsafe_fix_is_offered_not_preferred(linted):
    text = "Their existence was a surprise. Troops left Arbil.\n"
    result = linted(text)
    index = LineIndex(text)
    actions = {}
    for f, fp in zip(result.findings, result.fingerprints, strict=True):
        edits = Library.fix_edits(result, f)
        actions[f.text] = convert.quick_fix(result, f, fp, edits, index, "file:///a.md", 3, "u")
    unsafe, safe = actions["existence"], actions["Arbil"]
    assert result.findings[0].fix.applicability == Applicability.UNSAFE
    assert unsafe.is_preferred is False and "unsafe" in unsafe.title
    assert safe.is_preferred is True and safe.title == "TERM001: replace 'Arbil' with 'Erbil'"
    assert safe.kind == lsp.CodeActionKind.QuickFix
    (change,) = safe.edit.document_changes
    assert change.text_document.version == 3
    assert change.edits[0].new_text == "Erbil"


def test_the_glossary_note_is_in_each_term_diagnostic(linted):
    text = "Troops left Irbil.\n"
    result = linted(text)
    (diagnostic,) = convert.diagnostics(result, LineIndex(text), "https://example.org/rules")
    assert "Hewlêr" in diagnostic.message
    assert diagnostic.code == "TERM001" and diagnostic.data["term"] == "erbil"


def test_hover_shows_the_entry(linted):
    text = "Troops left Irbil.\n"
    result = linted(text)
    index = LineIndex(text)
    hover = convert.hover(result, text.index("Irbil") + 2, index)
    value = hover.contents.value
    assert value.startswith("**Erbil**") and "Arbil, Irbil" in value and "أربيل" in value
    assert "g.yaml" in value  # where the entry is defined
    assert convert.hover(result, 0, index) is None  # not on a flagged term


def test_fix_all_is_one_edit_over_what_changed():
    old, new = "ab existence cd existence ef", "ab presence cd presence ef"
    action = convert.fix_all_action(old, new, LineIndex(old), "file:///a.md", 1)
    (edit,) = action.edit.document_changes[0].edits
    start, end = edit.range.start.character, edit.range.end.character
    assert old[:start] + edit.new_text + old[end:] == new
    assert (start, old[start:end]) == (3, "existence cd exist")  # common ends left alone
    assert action.kind == "source.fixAll.mtqa"
