"""TERM003 in running text on the four labelled sets of names (see tests/names_eval.py): the
tuning set with the default glossary, names_holdout.yaml (places and people of Iraq, Syria,
Turkey and Iran; partly tuned on since its first measurement), the fresh held-out set and the
third held-out set, each with its own glossary."""

from __future__ import annotations

import mtqa

from ..names_eval import FRESH, HOLDOUT, THIRD, holdout_set, in_text, load_holdout, tuning_set


def test_tuning_set_in_text():
    score = in_text(mtqa.default_glossary(), tuning_set())
    assert score.precision >= 0.98 and score.recall >= 0.95, score.errors


def test_held_out_set_in_text():
    glossary, items = load_holdout()
    spellings = sum(1 for _, expected in items if expected is not None)
    assert spellings >= 150 and len(items) - spellings >= 150
    score = in_text(glossary, items)
    assert score.precision >= 0.98 and score.recall >= 0.95, score.errors


def test_fresh_held_out_set_in_text_stays_at_its_measured_level():
    """A floor, not the target: the figures the fresh set gave when first measured (precision
    0.989, recall 0.855), rounded down, so that a regression fails. The set was never used to
    choose a rule; it must not become a tuning set by raising this floor after fixing its
    misses one by one."""
    glossary, items = load_holdout(FRESH)
    spellings = sum(1 for _, expected in items if expected is not None)
    assert spellings >= 150 and len(items) - spellings >= 150
    score = in_text(glossary, items)
    assert score.precision >= 0.98 and score.recall >= 0.85, score.errors


def test_third_held_out_set_in_text_stays_at_its_measured_level():
    """A floor, not the target: the figures the third set gave when first measured (precision
    0.990, recall 0.677: 577 spellings found, 275 missed, 6 false matches), rounded down, so
    that a regression fails. Like the fresh set, it was never used to choose a rule and must not
    become a tuning set by raising this floor after fixing its misses one by one."""
    glossary, items = load_holdout(THIRD)
    spellings = sum(1 for _, expected in items if expected is not None)
    assert spellings >= 250 and len(items) - spellings >= 180
    assert len({expected for _, expected in items if expected is not None}) >= 180
    score = in_text(glossary, items)
    assert score.precision >= 0.98 and score.recall >= 0.67, score.errors


def test_held_out_glossaries_list_one_spelling_per_entry():
    for path in (HOLDOUT, FRESH, THIRD):
        text, _ = holdout_set(path)
        assert "variants" not in text and "accepted" not in text
