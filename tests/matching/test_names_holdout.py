"""TERM003 in running text on both labelled sets of names (see tests/names_eval.py): the
tuning set with the default glossary, and the held-out set of places and people of Iraq,
Syria, Turkey and Iran with its own glossary."""

from __future__ import annotations

import mtqa

from ..names_eval import holdout_set, in_text, load_holdout, tuning_set


def test_tuning_set_in_text():
    score = in_text(mtqa.default_glossary(), tuning_set())
    assert score.precision >= 0.98 and score.recall >= 0.95, score.errors


def test_held_out_set_in_text():
    glossary, items = load_holdout()
    spellings = sum(1 for _, expected in items if expected is not None)
    assert spellings >= 150 and len(items) - spellings >= 150
    score = in_text(glossary, items)
    assert score.precision >= 0.98 and score.recall >= 0.95, score.errors


def test_held_out_glossary_lists_one_spelling_per_entry():
    text, _ = holdout_set()
    assert "variants" not in text and "accepted" not in text
