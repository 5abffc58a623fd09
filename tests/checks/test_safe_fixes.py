""" "Safe" means safe: what REP001, WS001, glossary context and the matcher must leave alone.

Each case is a small document a real site could hold; the assertion is on what is flagged and how
far its fix is trusted, so a rule that grows careless again fails here.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtqa.glossary.build import RawEntry, RawGlossary, build_glossary
from mtqa.linter import RuleSelection, lint_text

REP001 = RuleSelection(("REP001",))
WS001 = RuleSelection(("WS001",))
TERM001 = RuleSelection(("TERM001",))


def flagged(text: str, selection: RuleSelection, glossary=None) -> list[tuple[str, str]]:
    return [(f.text, f.fix.applicability.value) for f in lint_text(text, glossary, selection)]


# ---------------------------------------------------------------- REP001
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("It was the the end.", [("the the", "safe")]),
        ("It was THE THE end.", [("THE THE", "safe")]),
        # A capitalised first copy is usually a slip at a sentence start, but only a reader knows.
        ("The the end came.", [("The the", "unsafe")]),
        ("He said that that was wrong.", [("that that", "unsafe")]),
        # Case differs: an operator and the word, an alphabet in two cases.
        ("Bitwise AND and assignment.", []),
        ("Use the Go go command.", []),
        # Never across a line break: a title and its text, two alphabet lines, two table rows.
        ("It was the\nthe end.", []),
        ("A B C D\na b c d", []),
        ("::: tip Note\nNote that the cache is shared.", []),
        # A word of a container title is not a slip, whatever follows it on the line.
        ("!!! note Note Note that it is shared.", []),
        ("??? tip Tip Tip of the day", []),
        # Never across a block boundary or a hole.
        ("the\n\nthe end", []),
        ("| AND | and |\n|---|---|\n| x | y |", []),
        ("the `x` the end", []),
    ],
)
def test_repeated_word_is_sure_or_not_reported(text, expected):
    assert flagged(text, REP001) == expected


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["the", "The", "THE", "and", "AND", "\n", "\n\n"]), max_size=40))
def test_safe_repeat_fixes_never_touch_a_line_break_or_change_case(words):
    text = " ".join(words)
    for f in lint_text(text, None, REP001):
        first, _, second = f.text.partition(" ")
        assert "\n" not in f.text
        if f.fix.applicability.value == "safe":
            assert first == second.strip()


# ---------------------------------------------------------------- WS001
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The US  forces left.", ["  "]),
        ("They left,  and stayed.", ["  "]),
        ("- an item  with a gap", ["  "]),
        # Layout, not slips: list markers, table padding, indentation, sentence ends, hard breaks.
        ("-   item with a nested fence", []),
        ("1.  first item", []),
        ("*   starred item", []),
        ("| left   | right  |\n|--------|--------|\n| a      | b      |", []),
        ("| `GET` | :material-check:     Fetch resource  |", []),
        ("| a cell with a  slip |", ["  "]),
        ("They left.  Then they stayed.", []),
        ("A hard break  \nstays.", []),
        ("Some text\n    indented continuation", []),
    ],
)
def test_doubled_space_only_between_words_of_a_sentence(text, expected):
    assert [f.text for f in lint_text(text, None, WS001)] == expected


def test_doubled_space_fix_keeps_list_markup():
    from mtqa.fixing import fix_document
    from mtqa.readers import document_from_text

    text = "-   item  one\n\n    ```\n    code  here\n    ```\n"
    result = fix_document(document_from_text(text), selection=WS001)
    assert result.fixed == "-   item one\n\n    ```\n    code  here\n    ```\n"


# ---------------------------------------------------------------- context is the sentence
@pytest.fixture(scope="module")
def presence():
    raw = RawGlossary(
        [
            RawEntry(
                {
                    "preferred": "presence",
                    "variants": ["existence"],
                    "context": {
                        "safe_near": ["force*", "troop*", "adviser*"],
                        "avoid_near": ["annex", "god"],
                        "window": 20,
                    },
                },
                1,
            )
        ],
        "ctx",
    )
    return build_glossary(raw, "ctx.yaml")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Troops kept an existence there.", [("existence", "safe")]),
        # An avoid word in the same sentence: another sense, not reported.
        ("The existence of a secret annex was denied.", []),
        # Safe and avoid words both in the sentence: reported, but only an unsafe fix.
        ("The existence of a secret annex on US forces.", [("existence", "unsafe")]),
        # The sentence's own safe word decides; "annex" in the next or the last sentence says
        # nothing about this one.
        (
            "There is an existence of a limited number of advisers. The annex came later.",
            [("existence", "safe")],
        ),
        (
            "The annex came later. There is an existence of a limited number of advisers.",
            [("existence", "safe")],
        ),
        (
            "The American side insisted that an existence of a limited number of advisers is "
            "necessary. The existence of a secret annex to the agreement was denied.",
            [("existence", "safe")],
        ),
        # A sentence with neither kind of word: an avoid word next to it makes the fix unsafe.
        ("There is an existence of it. The annex came later.", [("existence", "unsafe")]),
        # A safe word only in the neighbouring sentence does not make the fix safe.
        ("Troops left. We doubt the existence of happiness.", [("existence", "unsafe")]),
        # Abbreviations do not end a sentence.
        ("The U.S. troops kept an existence there.", [("existence", "safe")]),
        ("Gen. Smith saw the existence of troops.", [("existence", "safe")]),
    ],
)
def test_context_is_the_sentence_of_the_match(presence, text, expected):
    assert flagged(text, TERM001, presence) == expected


def test_unclear_context_says_why(presence):
    (f,) = lint_text("An existence of it. The annex came later.", presence, TERM001)
    assert "annex" in f.extra["unsafe_reason"]
    (f,) = lint_text("An existence of advisers in the annex.", presence, TERM001)
    assert "advisers" in f.extra["unsafe_reason"] and "annex" in f.extra["unsafe_reason"]


# ---------------------------------------------------------------- identifiers are not prose
@pytest.fixture(scope="module")
def words():
    raw = RawGlossary(
        [
            # pos: any: these tests are of punctuation and identifiers, not of verb uses.
            RawEntry({"preferred": "primary", "variants": ["main"], "pos": "any"}, 1),
            RawEntry({"preferred": "photos", "variants": ["images"], "pos": "any"}, 2),
            RawEntry({"preferred": "address", "variants": ["url"], "pos": "any"}, 3),
            RawEntry({"preferred": "direction", "variants": ["orient"], "pos": "any"}, 4),
            RawEntry({"preferred": "alternatively", "variants": ["or"], "pos": "any"}, 5),
        ],
        "words",
    )
    return build_glossary(raw, "words.yaml")


@pytest.mark.parametrize(
    "text",
    [
        "Edit src/main.rs first.",
        "Edit (src/main.rs) first.",
        "Set images.AutoOrient to true.",
        "The post_url helper builds it.",
        "Set page_main_url in the config.",
        "Open _src/main.rs_ in an editor.",
        "Open C:\\docs\\main.md now.",
        "Run /usr/local/main now.",
        "See layouts/main/list here.",
        "Use AutoOrient for it.",
    ],
)
def test_terms_inside_identifiers_are_not_matched(words, text):
    assert lint_text(text, words, TERM001) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The main road.", ["main"]),
        ("The main. Then more.", ["main"]),
        ("Images, and more.", ["Images"]),
        # A slash between two plain words is prose.
        ("Use this and/or that.", ["or"]),
        ("The url (main) is here.", ["url", "main"]),
        # Emphasis and a backslash line break are Markdown around a word, not an identifier.
        ("The _main_ idea and __url__ here.", ["main", "url"]),
        ("The **main** road.", ["main"]),
        ("It is the main.\\\nNext line.", ["main"]),
    ],
)
def test_words_beside_punctuation_are_still_matched(words, text, expected):
    assert [f.text for f in lint_text(text, words, TERM001)] == expected


_PROSE_WORDS = st.sampled_from(["main", "Main", "the", "road", "url", "is", "images", "old"])
_PROSE_GAPS = st.sampled_from([" ", ", ", ". ", " (", ") ", "; ", ": ", " *", "* ", " _", "_ "])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_PROSE_WORDS, _PROSE_GAPS), min_size=1, max_size=30))
def test_every_term_in_plain_prose_is_still_matched(words, pairs):
    """Whatever punctuation surrounds a word of prose, the identifier rule never hides it."""
    text = "".join(w + gap for w, gap in pairs)
    expected = sum(w.lower() in ("main", "url", "images") for w, _ in pairs)
    found = lint_text(text, words, TERM001)
    assert len(found) == expected, text


def test_a_long_blob_of_joined_words_is_not_prose(words):
    """(benchmarks/bench_scaling.py measures that such a blob costs linear time.)"""
    blob = "main_" * 200_000  # one megabyte without a space: minified code, not prose
    found = lint_text(f"The main road. {blob} The main road.", words, TERM001)
    assert [(f.text, f.start) for f in found] == [("main", 4), ("main", 1_000_020)]
    assert [f.text for f in lint_text(f"x {blob} y", words, TERM001)] == []


def test_one_huge_line_of_repeats_and_padding():
    """Every repetition of the pattern is found on a megabyte-long line, as on a short one
    (benchmarks/bench_scaling.py measures that the cost is linear)."""
    unit = "Go. The the end,   and x "
    line = unit * 40_000  # a megabyte on one line
    found = lint_text(line, None, RuleSelection(("REP001", "WS001")))
    once = lint_text(unit, None, RuleSelection(("REP001", "WS001")))
    assert sorted(f.code for f in once) == ["REP001", "WS001"]
    assert [(f.code, f.start) for f in found] == [
        (f.code, f.start + i * len(unit)) for i in range(40_000) for f in once
    ]
