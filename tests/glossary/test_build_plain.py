"""build_glossary's fast lane for the commonest entries (store.plain) makes the entry the
general validator makes, or leaves the entry to it; it never hides a problem."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtqa.errors import GlossaryError
from mtqa.glossary.build import ENTRY_KEYS, RawEntry, RawGlossary, build_glossary
from mtqa.glossary.store import plain
from mtqa.glossary.store.plain import plain_entry


def built_both_ways(raw: RawEntry) -> tuple:
    """The glossary of the one entry (or the problems it is refused with), built with the
    fast lane and with the general validator alone."""

    def outcome():
        try:
            return build_glossary(RawGlossary([raw], "g"), "g.yaml")
        except GlossaryError as exc:
            return [str(p) for p in exc.problems]

    with_lane = outcome()
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(plain, "plain_row", lambda *args: None)  # no entry takes the lane
        general = outcome()
    return with_lane, general

TEXT = st.one_of(
    st.sampled_from(
        [
            "",
            " ",
            "Erbil",
            " Arbil ",
            "warning",
            "error",
            "name",
            "style",
            "safe",
            "unsafe",
            "WARNING",
            " Name",
            "loud",
            "العراق",
            "a\x00b",
        ]
    ),
    st.text(max_size=6),
)
SCALAR = st.one_of(TEXT, st.none(), st.integers(-2, 20), st.booleans(), st.floats(0, 2))
VALUE = st.one_of(
    SCALAR,
    st.lists(st.one_of(TEXT, TEXT, SCALAR), max_size=3),
    st.lists(st.fixed_dictionaries({"text": TEXT}), max_size=2),
    st.dictionaries(st.sampled_from(["safe_near", "window", "bad"]), SCALAR, max_size=2),
)
KEYS = st.sampled_from(sorted(ENTRY_KEYS | {"bogus", "variant"}))
PADDED = st.builds(
    lambda a, t, b: a + t + b,
    st.sampled_from(["", " ", "\t"]),
    st.one_of(TEXT, st.text(min_size=1, max_size=6)),
    st.sampled_from(["", " ", "\n"]),
)
# Mostly values the plain lane takes (texts, lists of texts, known enum values), so it is
# compared, not only left to the general one.
TEXTS = st.one_of(PADDED, st.lists(PADDED, max_size=3), st.lists(PADDED, max_size=3), st.none())
ENUM = st.one_of(
    st.sampled_from(["warning", "Error", " name ", "style", "unsafe", "safe", "", "loud"]),
    st.none(),
)
PLAIN = st.fixed_dictionaries(
    {"preferred": PADDED},
    optional={
        "id": PADDED,
        "variants": TEXTS,
        "accepted": TEXTS,
        "source": TEXTS,
        "note": PADDED,
        "category": ENUM,
        "severity": ENUM,
        "fix": ENUM,
    },
)


@st.composite
def raw_entries(draw) -> RawEntry:
    if draw(st.integers(0, 3)):
        data = draw(PLAIN)
    else:
        data = draw(st.dictionaries(KEYS, VALUE, max_size=6))
        if draw(st.booleans()):
            data["preferred"] = draw(TEXT)
    origin = draw(st.sampled_from([None, "g.yaml", "other.yaml"]))
    return RawEntry(data, draw(st.integers(1, 99)), {}, origin)


@settings(max_examples=400, deadline=None)
@given(raw_entries())
def test_the_plain_lane_makes_what_the_general_one_makes(raw):
    with_lane, general = built_both_ways(raw)
    assert with_lane == general
    taken = plain_entry(raw, raw.origin or "g.yaml") is not None
    if taken and not isinstance(general, list):  # the lane took it, and nothing was refused
        (made,), (want,) = with_lane.entries, general.entries
        assert (made.origin, made.line) == (want.origin, want.line)


def test_the_commonest_entries_take_the_plain_lane():
    for data in (
        {
            "id": "erbil",
            "preferred": "Erbil",
            "variants": ["Arbil", " Irbil "],
            "category": "name",
            "severity": "warning",
        },
        {
            "preferred": "ISIS",
            "variants": "Daesh",
            "accepted": ["IS"],
            "note": "group",
            "source": "AP",
            "fix": "unsafe",
        },
        {"preferred": "x"},
    ):
        raw = RawEntry(data, 3)
        assert plain_entry(raw, "g.yaml") is not None
        with_lane, general = built_both_ways(raw)
        assert with_lane == general


# Entries from a few words, so ids, variants and preferred forms collide.
WORDS = st.sampled_from(["Erbil", "erbil", "Arbil", "Irbil", "ISIS", "Daesh", "x"])
SMALL_ENTRY = st.fixed_dictionaries(
    {"preferred": WORDS},
    optional={
        "id": st.sampled_from(["a", "b", "c"]),
        "variants": st.lists(
            st.one_of(WORDS, st.fixed_dictionaries({"text": WORDS, "replace": WORDS})),
            max_size=3,
        ),
        "accepted": st.lists(WORDS, max_size=2),
        "case_sensitive": st.booleans(),
    },
)


@settings(max_examples=300, deadline=None)
@given(st.lists(SMALL_ENTRY, max_size=5))
def test_the_cross_check_short_cut_hides_no_problem(entries):
    """_cross_check skips its loop where no_conflicts says it would report nothing: the
    problems are those of the loop run every time."""
    from mtqa.errors import GlossaryError
    from mtqa.glossary import build

    raw = build.RawGlossary([RawEntry(d, i + 1) for i, d in enumerate(entries)], "g")

    def outcome():
        try:
            return build.build_glossary(raw, "g.yaml")
        except GlossaryError as exc:
            return [str(p) for p in exc.problems]

    fast = outcome()
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(build, "no_conflicts", lambda *args: False)  # the loop, every time
        assert outcome() == fast
