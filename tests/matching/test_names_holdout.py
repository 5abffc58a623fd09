"""TERM003 in running text on the five labelled sets of names (see tests/names_eval.py): the
tuning set with the default glossary, names_holdout.yaml (places and people of Iraq, Syria,
Turkey and Iran), names_holdout_fresh.yaml and names_holdout_third.yaml (further countries and
history), each held out when first measured and tuned on since, and names_holdout_fourth.yaml,
the one set never used to choose a rule; each held-out set has its own glossary."""

from __future__ import annotations

import mtqa

from ..names_eval import (
    FOURTH,
    FRESH,
    HOLDOUT,
    THIRD,
    holdout_set,
    in_text,
    load_holdout,
    tuning_set,
)


def scored(path, *, spellings: int, look_alikes: int, entries: int = 0):
    """The set at `path`, checked to hold at least so many spellings, look-alikes and entries
    with spellings, scored in running text."""
    glossary, items = load_holdout(path)
    found = [expected for _, expected in items if expected is not None]
    assert len(found) >= spellings and len(items) - len(found) >= look_alikes
    assert len(set(found)) >= entries
    return in_text(glossary, items)


def test_tuning_set_in_text():
    score = in_text(mtqa.default_glossary(), tuning_set())
    assert score.precision >= 0.98 and score.recall >= 0.95, score.errors


def test_held_out_set_in_text():
    score = scored(HOLDOUT, spellings=150, look_alikes=150)
    assert score.precision >= 0.98 and score.recall >= 0.95, score.errors


def test_second_set_in_text():
    """The second set, names_holdout_fresh.yaml, was held out when first measured (precision
    0.989, recall 0.855); rules were then added after looking at its misses, so it is a tuning
    set now, held to the same target as the others."""
    score = scored(FRESH, spellings=150, look_alikes=150)
    assert score.precision >= 0.98 and score.recall >= 0.95, score.errors


def test_third_set_in_text_stays_at_its_measured_level():
    """A floor, not the target. The third set was held out when first measured: precision
    0.990, recall 0.677 (577 spellings found, 275 missed, 6 false matches); after rules chosen
    on the other sets were added, without looking at this one, 0.990 and 0.802 (683 found, 169
    missed, 7 false matches). Rules were then chosen after looking at its misses (each a rule of
    romanisation tested on examples of its own), so it is a tuning set now: 0.992 and 0.904
    (770 found, 82 missed, 6 false matches). It does not reach the target recall of 0.95 (what
    is left is mostly another form of a name, not another spelling), so it is held at that
    last measurement rounded down, so that a regression fails."""
    score = scored(THIRD, spellings=250, look_alikes=180, entries=180)
    assert score.precision >= 0.98 and score.recall >= 0.90, score.errors


def test_fourth_held_out_set_in_text_stays_at_its_measured_level():
    """A floor, not the target. The fourth set, mostly people, was written by hand and never
    used to choose a rule. First measured at precision 0.997, recall 0.877 in text (763
    spellings found, 107 missed, 2 false matches); after rules chosen on the third set were
    added, without looking at this one, 0.996 and 0.892 (776 found, 94 missed, 3 false
    matches). The floor is that last measurement rounded down, so that a regression fails; it
    must not be raised by fixing this set's misses one by one."""
    score = scored(FOURTH, spellings=850, look_alikes=240, entries=350)
    assert score.precision >= 0.99 and score.recall >= 0.89, score.errors


def test_held_out_glossaries_list_one_spelling_per_entry():
    for path in (HOLDOUT, FRESH, THIRD, FOURTH):
        text, _ = holdout_set(path)
        assert "variants" not in text and "accepted" not in text
