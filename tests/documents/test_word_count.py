"""Word counts (mtqa.documents.word_count) equal `str.split()` over the prose spans, whatever the
white space: ASCII separators, the file/group separators str.split also takes, and non-ASCII
spaces (no-break, em, ideographic), which send the count down its exact path."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mtqa.documents.word_count import count_words
from mtqa.readers import document_from_text

# Letters, `?` (the stand-in of every non-ASCII character), non-ASCII letters, and white space
# of every kind str.split() knows.
ALPHABET = "ab?é’中 \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u2003\u3000.-"


def _reference(text: str, spans) -> int:
    return sum(len(text[s:e].split()) for s, e in spans)


@st.composite
def texts_and_spans(draw):
    text = draw(st.text(alphabet=ALPHABET, max_size=200))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=12)))
    spans = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts) - 1, 2)]
    return text, spans


@settings(max_examples=400)
@given(texts_and_spans())
def test_counts_equal_split(case):
    text, spans = case
    assert count_words(text, spans) == _reference(text, spans)


def test_non_ascii_space_separates_words():
    # Only the exact path sees these as separators: the one-byte copy reads them as `?`.
    for space in ("\xa0", "\u2003", "\u3000", "\x85"):
        assert count_words(f"one{space}two", [(0, 7)]) == 2


def test_many_non_ascii_characters_still_count_right():
    text = "كلمة " * 400 + "end\xa0word"
    assert count_words(text, [(0, len(text))]) == 402


def test_document_word_count_is_the_prose_only():
    doc = document_from_text("# Title here\n\nSome `code here` and a [link](http://x.y/z w).\n")
    assert doc.word_count == _reference(doc.text, [sp for b in doc.blocks for sp in b.spans])
    assert doc.word_count == 2 + 5
