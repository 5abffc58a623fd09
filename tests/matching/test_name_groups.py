"""TERM004 for names no glossary lists, and the grouping it shares with `mtqa corpus`."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtqa.checks import CheckContext
from mtqa.corpus import DISCOVERED, document_rows, variant_groups
from mtqa.fixing import fix_document
from mtqa.linter import RuleSelection, lint_document
from mtqa.matching.names.finder import iter_names
from mtqa.readers import document_from_text
from mtqa.reporters.meta import RenderOptions
from mtqa.reporters.model import RunReport, Signature
from mtqa.reporters.text import render

from .test_translit import labelled

ONLY_TERM004 = RuleSelection(select=("TERM004",))

DRAFT = (
    "# Militias and bases\n\n"
    "Abu Mahdi al-Muhandis led the Popular Mobilization Forces. Troops loyal to Abu Mahdi "
    "al-Muhandis held the road.\n\n"
    "In the next paragraph the draft says Abu Mahdi al-Mohandes, and later that "
    "Abu Mahdi al-Mohandes died.\n"
)


def term004(text: str, glossary=None) -> list:
    doc = document_from_text(text, "draft.md")
    ctx = CheckContext(glossary=glossary)
    return lint_document(doc, selection=ONLY_TERM004, context=ctx)


@pytest.mark.parametrize("with_glossary", [False, True], ids=["no-glossary", "default-glossary"])
def test_unlisted_name_spelled_two_ways_is_one_finding(with_glossary, glossary):
    findings = term004(DRAFT, glossary if with_glossary else None)
    assert len(findings) == 1
    f = findings[0]
    assert f.extra["forms"] == {"Abu Mahdi al-Muhandis": 2, "Abu Mahdi al-Mohandes": 2}
    # A tie: no form is the majority, so none is suggested and nothing is rewritten (a fix
    # could write a correct spelling over with a wrong one).
    assert f.extra["preferred"] is None
    assert f.suggestions == () and f.fix is None
    assert "no form is used most" in f.message
    # At the first use of the second form.
    assert f.text == "Abu Mahdi al-Mohandes"
    assert f.start == DRAFT.index("Abu Mahdi al-Mohandes")
    assert "'Abu Mahdi al-Muhandis' ×2" in f.message and "'Abu Mahdi al-Mohandes' ×2" in f.message
    assert f.term is None


def test_one_use_each_is_a_tie_and_gets_no_fix():
    text = "Abu Mahdi al-Muhandis spoke. Later Abu Mahdi al-Mohandes left.\n"
    (f,) = term004(text)
    assert f.fix is None and f.extra["preferred"] is None
    doc = document_from_text(text, "draft.md")
    fixed = fix_document(doc, selection=ONLY_TERM004, unsafe=True, context=CheckContext()).fixed
    assert fixed == text


def test_the_majority_form_is_suggested_and_the_unsafe_fix_makes_the_text_consistent():
    text = DRAFT + "\nAbu Mahdi al-Mohandes was buried in Najaf.\n"
    (f,) = term004(text)
    assert f.extra["forms"] == {"Abu Mahdi al-Muhandis": 2, "Abu Mahdi al-Mohandes": 3}
    assert f.suggestions == ("Abu Mahdi al-Mohandes",)
    # One fix, one edit per deviating occurrence (each written in the majority form).
    assert [text[e.start : e.end] for e in f.fix.edits] == ["Abu Mahdi al-Muhandis"] * 2
    doc = document_from_text(text, "draft.md")
    safe = fix_document(doc, selection=ONLY_TERM004, context=CheckContext())
    assert safe.fixed == text  # the translator chooses: never applied without --unsafe
    fixed = fix_document(doc, selection=ONLY_TERM004, unsafe=True, context=CheckContext()).fixed
    assert "al-Muhandis" not in fixed and fixed.count("Abu Mahdi al-Mohandes") == 5
    assert fixed.replace("al-Mohandes", "al-Muhandis") == text.replace("al-Mohandes", "al-Muhandis")
    assert term004(fixed) == []


@pytest.mark.parametrize(
    "text",
    [
        "Bashar al-Assad spoke. His brother Maher al-Assad did not. Hafez al-Assad ruled before.",
        "Troops reached Ain Issa and Ain al-Arab; Ras al-Ain fell later.",
        "We met Adel Abdulmajid and Adil Abdul-Hamid, then Hadi al-Amiri.",
        "Nouri al-Said led Iraq before Nuri Pasha did.",
        "Ghassan Soleimani and Ghazi Soleimani are cousins.",
    ],
)
def test_look_alikes_are_not_grouped(text, glossary):
    assert term004(text) == []
    assert term004(text, glossary) == []


def test_labelled_look_alikes_stay_apart_in_one_document():
    """The labelled set's look-alikes of glossary names, all in one text: only the two pairs
    that are one name written two ways (a glued article; a surname's first vowel) meet."""
    names = [name for name, expected in labelled() if expected is None]
    text = " ".join(f"We wrote about {name} on day {i}." for i, name in enumerate(names))
    groups = [set(f.extra["forms"]) for f in term004(text)]
    assert groups == [{"Bashar al-Assad", "Bashar Alassad"}, {"Arbili", "Erbili"}]


def test_common_words_at_the_start_of_sentences_are_not_names():
    text = "Stop the car. Step back. Crate the goods. Create a file. Post it. Best wishes."
    assert term004(text) == []
    # The same words capitalised inside sentences are names, and are grouped.
    (f,) = term004("We met Muhandis in May. Then we met Mohandes again.")
    assert set(f.extra["forms"]) == {"Muhandis", "Mohandes"}


def test_english_compounds_and_possessives_are_not_name_variants():
    assert term004("See the Command Line section and the Command-line options.") == []
    assert term004("The MkDocs theme. MkDocs' plugins and MkDocs's search.") == []
    text = "MkDocs' plugins and Jekyll's site."
    assert [n for _, _, n in iter_names(text, 0, len(text))] == ["MkDocs", "Jekyll"]


def test_citations_do_not_count():
    text = (
        "Abu Mahdi al-Muhandis spoke.\n\n## References\n\n"
        "Smith, J. (2020). Abu Mahdi al-Mohandes and the PMF. Journal.\n"
    )
    assert term004(text) == []


def test_text_output_shows_the_group_once_with_forms_counts_and_lines():
    findings = term004(DRAFT)
    lines = DRAFT.splitlines()
    out = render(
        RunReport(findings, Signature.of(None, ("TERM004",)), files=["draft.md"]),
        RenderOptions(line_lookup=lambda path, n: lines[n - 1]),
    )
    assert out.count("TERM004") == 1
    assert "'Abu Mahdi al-Muhandis' line 3; 'Abu Mahdi al-Mohandes' line 5" in out


# Spellings to scatter through a document: several people and places, each written a few ways,
# and look-alikes that must stay apart.
POOL = [
    "Abu Mahdi al-Muhandis",
    "Abu Mahdi al-Mohandes",
    "Abu Mahdi Almuhandis",
    "Abu Mahdi Al-Muhandis",  # a case variant: one form, shown alike by lint and corpus
    "Qais al-Khazali",
    "Qays al-Khazaali",
    "Falih al-Fayyadh",
    "Faleh al-Fayyad",
    "Bashar al-Assad",
    "Maher al-Assad",
    "Hadi al-Amiri",
    "Hadi al-Ameri",
    "Ain Issa",
    "Ras al-Ain",
]


def _forms_of_lint(text: str) -> set[frozenset]:
    return {frozenset(f.extra["forms"].items()) for f in term004(text)}


def _forms_of_corpus(text: str) -> set[frozenset]:
    doc = document_from_text(text, "draft.md")
    groups = variant_groups(document_rows(doc, CheckContext()))
    return {
        frozenset((v.text, v.count) for v in g.variants)
        for g in groups
        if g.source == DISCOVERED and len(g.variants) > 1
    }


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(POOL), min_size=1, max_size=12))
def test_lint_and_corpus_group_one_document_alike(names):
    text = "\n\n".join(
        f"On day {i} the envoy met {name} in the city." for i, name in enumerate(names)
    )
    lint_groups = _forms_of_lint(text)
    assert lint_groups == _forms_of_corpus(text)
    for forms in lint_groups:
        written = {form for form, _ in forms}
        assert not ({"Bashar al-Assad", "Maher al-Assad"} <= written)
        assert not ({"Ain Issa", "Ras al-Ain"} <= written)


def test_html_report_shows_the_group_once_with_forms_and_counts(tmp_path):
    from lxml import html as lhtml

    from mtqa.api import report
    from mtqa.reporters.fix_report import render_html

    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT + "\nAbu Mahdi al-Mohandes was buried in Najaf.\n", encoding="utf-8")
    page = lhtml.fromstring(render_html(report([draft], select=["TERM004"])))
    (table,) = page.xpath("//article[@data-rule='TERM004']//table[@class='forms']")
    rows = [[td.text_content() for td in tr.xpath("td")] for tr in table.xpath("tr[td]")]
    assert rows == [["Abu Mahdi al-Muhandis", "2", "3"], ["Abu Mahdi al-Mohandes", "3", "5, 7"]]
    (preferred,) = table.xpath("tr[@class='preferred']/td[1]")
    assert preferred.text_content() == "Abu Mahdi al-Mohandes"


def _blank_names(text: str) -> str:
    for name in sorted(POOL, key=len, reverse=True):
        text = text.replace(name, "NAME")
    return text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(POOL), min_size=2, max_size=10))
def test_unsafe_fixes_leave_one_form_per_group_and_touch_only_names(names):
    text = "\n\n".join(
        f"On day {i} the envoy met {name} in the city." for i, name in enumerate(names)
    )
    doc = document_from_text(text, "draft.md")
    result = fix_document(doc, selection=ONLY_TERM004, unsafe=True, context=CheckContext())
    assert result.converged
    # What is left is a tie (no majority, so no fix), never a group with a majority form.
    left = term004(result.fixed)
    assert all(f.fix is None and f.extra["preferred"] is None for f in left)
    for f in left:
        counts = sorted(f.extra["forms"].values())
        assert counts[-1] == counts[-2]
    assert _blank_names(result.fixed) == _blank_names(text)
