"""The Markdown reader's walk, pinned: the blocks it makes of real pages, and its shortcuts.

The walk over the parser's events is written for speed (locals instead of objects, a sorted list
of the offsets where inline holes may start, fast paths for one-range leaves). These tests hold
it to what it made before: every block (start, end, kind, heading flag, prose spans) of the
seed article, the seed page and each Markdown fixture is compared with a golden file, so a
change that moves one offset fails here. Set MTQA_UPDATE_GOLDEN=1 to rewrite the golden files
after a change to the reader that is meant.
"""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mtqa.readers import read_document
from mtqa.readers.markdown import trigger_starts
from mtqa.readers.prose import HOLE_TRIGGERS

from ..conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "blocks"
PAGES = sorted(
    [
        *(ROOT / "corpora").glob("*.md"),
        *(ROOT / "tests" / "fixtures" / "markdown").glob("*.md"),
        ROOT / "tests" / "fixtures" / "draft.md",
    ]
)


def block_lines(path) -> str:
    """One JSON line a block: [start, end, kind, heading, segment, [[s, e], ...]]."""
    doc = read_document(path)
    return "".join(
        json.dumps([b.start, b.end, b.kind, b.heading, b.segment, [list(sp) for sp in b.spans]])
        + "\n"
        for b in doc.blocks
    )


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_blocks_match_golden(path):
    golden = GOLDEN / (path.stem + ".jsonl")
    got = block_lines(path)
    if os.environ.get("MTQA_UPDATE_GOLDEN"):
        golden.write_text(got, encoding="utf-8")
    assert got == golden.read_text(encoding="utf-8")


def test_golden_pages_cover_the_walks_branches():
    """The pinned pages hold what the walk treats apart: several ranges in a leaf, headings,
    list items, citation blocks, and inline holes the parser does not know."""
    kinds = set()
    for path in PAGES:
        for b in read_document(path).blocks:
            kinds.add(b.kind)
            kinds.add("heading" if b.heading else "body")
            kinds.add("several spans" if len(b.spans) > 1 else "one span")
    assert {"prose", "citation", "heading", "body", "several spans", "one span"} <= kinds


TRIGGER_ALPHABET = "".join(sorted(set("".join(HOLE_TRIGGERS)))) + " ax\n?"


@settings(max_examples=400)
@given(st.text(alphabet=TRIGGER_ALPHABET, max_size=200))
def test_trigger_starts_are_every_start_of_every_trigger(text):
    """Overlapping occurrences included (`{{{` starts `{{` twice), then the length as an end
    marker; found however crowded the text is with first characters of triggers."""
    for page in (text, crowded(text)):
        expected = [i for i in range(len(page)) if page.startswith(HOLE_TRIGGERS, i)]
        assert trigger_starts(page) == [*expected, len(page)]


def crowded(text: str) -> str:
    """`text` after more first characters of triggers than trigger_starts looks at one by one
    (a page of code spans and template tags), mixed with their triggers."""
    firsts = sorted({t[0] for t in HOLE_TRIGGERS})
    return "".join(f"{c} {c}{c}{t}" for c in firsts for t in HOLE_TRIGGERS) * 3 + text


@pytest.mark.parametrize("text", ["\xa0\n", "- \xa0\n", "#  \xa0\n", "* \u3000\n", "a\n\n- \xa0\n"])
def test_a_leaf_of_white_space_alone_makes_no_block(text):
    """Non-breaking and ideographic spaces are text to the parser but no prose."""
    from mtqa.readers import document_from_text

    doc = document_from_text(text, "page.md")
    assert [b for b in doc.blocks if not text[b.start : b.end].strip()] == []
    assert len(doc.blocks) == text.startswith("a")


intervals = st.lists(
    st.tuples(st.integers(0, 60), st.integers(0, 12)).map(lambda t: (t[0], t[0] + t[1] - 2)),
    max_size=12,
)


@settings(max_examples=400)
@given(intervals, intervals)
def test_merging_into_merged_holes_equals_merging_all(old, extra):
    """Holes an HTML block adds are merged into the page's only where they reach (touching
    holes join, empty ones go), with the same result as merging the whole list again."""
    from mtqa.readers.markdown import merge_intervals, merge_into_sorted

    holes = merge_intervals(old)
    merged, starts = merge_into_sorted(holes, [h[0] for h in holes], extra)
    assert merged == merge_intervals(holes + extra)
    assert starts == [h[0] for h in merged]


@settings(max_examples=300)
@given(st.text(alphabet="ab \n\r\xa0\u3000é{}", max_size=80), intervals)
def test_masking_the_stand_in_equals_the_stand_in_of_the_masked_text(text, holes):
    """The reader masks the ASCII stand-in copy directly, with the fills judged on the text."""
    from mtqa.readers.markdown import ascii_stand_ins, mask, merge_intervals

    holes = [(s, e) for s, e in merge_intervals(holes) if e <= len(text)]
    assert mask(text, holes, ascii_stand_ins(text)) == ascii_stand_ins(mask(text, holes))
