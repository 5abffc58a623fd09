from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtqa.linter import RuleSelection, lint_text

TERMS = RuleSelection(select=("TERM001", "TERM002"))


def terms(text, glossary):
    return [(f.text, f.suggestions[0]) for f in lint_text(text, glossary, TERMS)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Members of Asaib Ahl al-Haq.", "Asaib Ahl al-Haq"),
        ("The Ein\u00a0Al-Asaad base.", "Ein\u00a0Al-Asaad base"),
        ("The Ein Al\u2011Asaad base.", "Ein Al\u2011Asaad base"),
        ("The Ein Al\u2013Asaad base.", "Ein Al\u2013Asaad base"),
        ("The Ein Al-Asaad\nbase was hit.", "Ein Al-Asaad\nbase"),
        ("The Ein Al-Asaad\r\n  base was hit.", "Ein Al-Asaad\r\n  base"),
        ("The EIN AL-ASAAD BASE.", "EIN AL-ASAAD BASE"),
    ],
)
def test_typography_and_line_breaks(text, found, glossary):
    assert [t for t, _ in terms(text, glossary)] == [found]


def test_curly_apostrophe_matches_straight_key(glossary):
    assert terms("The Kata\u2019ib Hezbollah and Iraqi Hezbollah Brigades.", glossary) == [
        ("Iraqi Hezbollah Brigades", "Kata'ib Hezbollah")
    ]


def test_longest_match_first(glossary):
    assert terms("At Ein Al-Asaad base.", glossary) == [
        ("Ein Al-Asaad base", "Ain al-Asad Air Base")
    ]
    assert terms("At Ein Al-Asaad.", glossary) == [("Ein Al-Asaad", "Ain al-Asad")]


def test_variant_inside_a_correct_form_is_not_a_finding(glossary):
    assert terms("Ain al-Asad Air Base and Qayyarah Air Base.", glossary) == []


def test_whole_words_only(glossary):
    assert terms("Arbilian coexistence and nonexistence; Al-Qaim", glossary) == []


def test_possessive_is_still_matched(glossary):
    assert terms("Arbil's governor", glossary) == [("Arbil", "Erbil")]


def test_case_is_kept(glossary):
    got = [
        f.fix.edits[-1].text
        for f in lint_text("existence. Existence of troops. EXISTENCE OF TROOPS.", glossary, TERMS)
    ]
    assert got == ["presence", "Presence", "PRESENCE"]


def test_title_case_in_headings(glossary):
    f = lint_text("## The Military Existence Of Forces\n", glossary, TERMS)[0]
    assert f.fix.edits[-1].text == "Presence"


def test_article_is_adjusted(glossary):
    f = lint_text("The troops kept an existence there.", glossary, TERMS)[0]
    assert [(e.text) for e in f.fix.edits] == ["a", "presence"]


def test_plural_forms(glossary):
    assert terms("The existences of foreign forces.", glossary) == [("existences", "presences")]


def test_context_decides_safety(glossary):
    safe = lint_text("The existence of US forces in Iraq.", glossary, TERMS)[0]
    unsafe = lint_text("We doubt the existence of happiness.", glossary, TERMS)[0]
    assert safe.fix.applicability.value == "safe"
    assert unsafe.fix.applicability.value == "unsafe"
    # Safe and avoid words in one sentence: the sense is unclear, the fix unsafe.
    (mixed,) = lint_text("The existence of a secret annex on US forces.", glossary, TERMS)
    assert mixed.fix.applicability.value == "unsafe"
    assert lint_text("The existence of a secret annex was denied.", glossary, TERMS) == []


def test_citation_findings_are_info_and_unfixed(glossary):
    text = "## References\n\n- Smith (2020). The US military existence in Iraq.\n"
    (f,) = lint_text(text, glossary, TERMS)
    assert f.severity.value == "info" and f.fix is None and f.region == "citation"


def test_case_rule_for_case_sensitive_entries(glossary):
    (f,) = lint_text("They signed the strategic framework agreement.", glossary, TERMS)
    assert f.code == "TERM002" and f.suggestions == ("Strategic Framework Agreement",)


def test_matching_cost_does_not_depend_on_entry_count():
    """One automaton holds every key: 10,000 entries compile into one matcher."""
    from mtqa.glossary.build import RawEntry, RawGlossary, build_glossary
    from mtqa.matching.automaton import TermMatcher

    raw = RawGlossary(
        [RawEntry({"preferred": f"term{i}", "variants": [f"vrnt{i}"]}, i) for i in range(10000)],
        "big",
    )
    g = build_glossary(raw, "big.yaml")
    m = TermMatcher(g)
    assert m.size == 20000
    assert [x.target.entry.preferred for x in m.find("a vrnt9999 b vrnt1")] == ["term9999", "term1"]


def _ascii_word(c: str) -> bool:
    return c.isascii() and (c.isalnum() or c == "_")


@settings(max_examples=300)
@given(st.text(alphabet="aZ0_ -é’x\u0660", max_size=12), st.data())
def test_literal_word_boundary_is_ascii_only(text, data):
    """The boundary that prh's `wordBoundary` literals need (RE2's and JavaScript's \\b: ASCII
    word characters on one side only), tested at every position, the text's ends included."""
    from mtqa.matching.automaton import _ASCII_BOUNDARY

    i = data.draw(st.integers(0, len(text)))
    before = i > 0 and _ascii_word(text[i - 1])
    after = i < len(text) and _ascii_word(text[i])
    assert (_ASCII_BOUNDARY.match(text, i) is not None) == (before != after)


@settings(max_examples=400)
@given(st.text(alphabet="aZ?`\t\n\x0b\u2019\u201cİΣσ ẞÉé\u00a0\u2003 ع.-", max_size=40))
def test_fold_lower_is_translate_then_lower(text):
    """The fast fold (ASCII stretches as ASCII, the few other characters one by one) equals the
    plain one, final sigma, dotted capital I, spaces and apostrophes included."""
    from mtqa.normalize import common_forms, fold_lower

    assert fold_lower(text) == common_forms(text).lower()
    crowded = "é" * 300 + text  # more non-ASCII characters than it looks at one by one
    assert fold_lower(crowded) == common_forms(crowded).lower()
