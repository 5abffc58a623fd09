"""The transliteration key and the unlisted-variant matcher, on a labelled set."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from mtqa.matching.names.finder import VariantFinder, iter_names
from mtqa.matching.names.translit import name_key, same_name

LABELLED = Path(__file__).parents[1] / "data" / "translit_labelled.tsv"


def labelled():
    with LABELLED.open(encoding="utf-8") as fh:
        rows = [r for r in csv.reader(fh, delimiter="\t") if r and not r[0].startswith("#")]
    return [(r[0], None if r[1] == "-" else r[1]) for r in rows]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ain al-Asad", "Ayn al-Asad"),
        ("Ein AlAsaad", "Ain el-Assad"),
        ("Qayyarah", "Al-Qayara"),
        ("Kata'ib Hezbollah", "Kataib Hezbollah"),
        ("Qasem Soleimani", "Qassim Soleimani"),
        # Article glued on in lower case, Persian G for Q, Abd + name as one word, diacritics.
        ("Ain al-Asad", "Ain Alasad"),
        ("Qayyarah", "Alqayyarah"),
        ("Qasem Soleimani", "Ghasem Soleimani"),
        ("Quds Force", "Ghods Force"),
        ("Adil Abdul-Mahdi", "Adil Abdulmahdi"),
        ("Abd al-Rahman", "Abdurrahman"),
        ("Irbil", "Irbīl"),
        ("Altun Kupri", "Altun Kubri"),
        ("Kirkuk", "Karkuk"),  # a for i is only another word in short words
    ],
)
def test_same_name(a, b):
    assert same_name(name_key(a), name_key(b))


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Ain al-Asad", "Bashar al-Assad"),
        ("Irbil", "Irbid"),
        ("Adil Abdul-Mahdi", "Adel Abdul-Hadi"),
        ("al-Maliki", "Malik"),
        ("Ain al-Asad", "Ain Shams"),
        # The new readings do not reach names in their own right.
        ("Haider al-Abadi", "Haidar Alawi"),
        ("Alan Kurdi", "Anbar Kurdi"),
        ("Qasem Soleimani", "Ghassan Soleimani"),
        ("Quds", "Ghouta"),
        ("Adil Abdul-Mahdi", "Adel Abdulmajid"),
        ("Abdul", "Abdulla"),
        ("Harir", "Harar"),
    ],
)
def test_look_alikes_differ(a, b):
    assert not same_name(name_key(a), name_key(b))


def precision_recall(glossary):
    finder = VariantFinder(glossary)
    tp = fp = fn = 0
    errors = []
    for name, expected in labelled():
        hit = finder.identify(name)
        got = hit.entry.id if hit else None
        if expected and got == expected:
            tp += 1
        elif got is not None and got != expected:
            fp += 1
            errors.append(f"false match: {name} -> {got}")
        if expected and got != expected:
            fn += 1
            errors.append(f"missed: {name} (expected {expected})")
    return tp / max(1, tp + fp), tp / max(1, tp + fn), errors


def test_precision_and_recall_on_labelled_set(glossary):
    precision, recall, errors = precision_recall(glossary)
    print(f"\nprecision {precision:.2f}, recall {recall:.2f}\n" + "\n".join(errors))
    # Floors a little below the measured 1.00 and 1.00 (docs/consistency.md).
    assert precision >= 0.98, errors
    assert recall >= 0.97, errors


def test_glued_abd_is_split_only_before_a_name():
    assert name_key("Abdulmahdi") == ("abd", "mahdi")
    assert name_key("Abdurrahman") == ("abd", "rahman")
    assert name_key("Abdul") == ("abd",)
    assert name_key("Abdulla") == ("abdula",)


def test_names_are_cut_from_running_text():
    text = "The strike on Ayn al-Asad and General Qassem Suleimani in Al-Anbar."
    assert [n for _, _, n in iter_names(text, 0, len(text))] == [
        "Ayn al-Asad",
        "Qassem Suleimani",
        "Al-Anbar",
    ]
