"""Checks beyond the glossary: behaviour that their examples do not pin down."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import mtqa.checks.repetition as repetition
from mtqa.linter import RuleSelection, lint_text

REP = RuleSelection(("REP",))

_words = st.lists(
    st.sampled_from(["the", "in", "first", "place", "The", "a", "b", ",", "\n"]), max_size=120
).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(_words)
def test_chunked_scan_equals_whole_scan(monkeypatch_text):
    whole = [(f.code, f.start, f.end) for f in lint_text(monkeypatch_text, None, REP)]
    saved = repetition.CHUNK
    repetition.CHUNK = 8  # many chunk edges in a short text
    try:
        chunked = [(f.code, f.start, f.end) for f in lint_text(monkeypatch_text, None, REP)]
    finally:
        repetition.CHUNK = saved
    assert chunked == whole


def test_repeats_do_not_cross_paragraphs_or_holes():
    assert lint_text("the\n\nthe end", None, REP) == []
    assert lint_text("the `x` the end", None, REP) == []


def test_doubled_space_spares_markdown_line_breaks_and_indentation():
    ws = RuleSelection(("WS",))
    assert lint_text("A line  \nnext line.", None, ws) == []
    assert [f.text for f in lint_text("Two  spaces.", None, ws)] == ["  "]


def test_enumerators_are_not_unbalanced_brackets():
    assert lint_text("1) first item\n2) second item", None, RuleSelection(("PUNC001",))) == []
