"""One sentence splitter: the terminology check's context and the fix report's excerpt agree
on where a sentence starts and ends."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mtqa.matching.sentences import sentence_bounds
from mtqa.normalize import fold_lower
from mtqa.reporters.report_model import sentence_around


def _around(text: str, word: str) -> str:
    start = text.index(word)
    s, e = sentence_around(text, start, start + len(word))
    return text[s:e].strip()


def test_abbreviations_and_initials_end_no_sentence():
    text = "He left. Dr. J. Smith met Gen. Brown in the U.S. capital today. Then he went home."
    assert _around(text, "Brown") == "Dr. J. Smith met Gen. Brown in the U.S. capital today."


def test_a_sentence_ends_after_its_closing_quote_and_at_a_line_break():
    text = 'He said "stop."\nThe convoy waited. Nothing moved!\nThen it rained.'
    assert _around(text, "convoy") == "The convoy waited."
    assert _around(text, "stop") == 'He said "stop."'
    assert _around(text, "Nothing") == "Nothing moved!"


def test_no_sentence_crosses_a_paragraph_or_a_list_item():
    text = "First paragraph without an end\n\nSecond one here\n- an item"
    assert _around(text, "Second") == "Second one here"


def test_a_numbered_item_starts_after_its_number():
    text = "The bases are:\n\n1. Ain al-Asad, in Anbar. It is large.\n2. Camp Taji is north"
    assert _around(text, "Ain") == "Ain al-Asad, in Anbar."
    assert _around(text, "Taji") == "Camp Taji is north"
    assert _around(text, "bases") == "The bases are:"


def test_the_report_and_the_check_cut_the_same_sentence():
    # The check reads folded text (curly quotes, no-break spaces, line breaks folded).
    text = "The \u201cfirst\u201d one.\u00a0Mr. Ali\u2019s second\none, in Iraq. A third."
    start = text.index("Iraq")
    folded = fold_lower(text)
    assert sentence_bounds(folded, start, start + 4, 0, len(folded)) == sentence_around(
        text, start, start + 4
    )


@given(st.lists(st.sampled_from(["Word", "dr.", "x.", "end.", "U.S.", "Why?", "so", '"q."']),
                min_size=1, max_size=20), st.data())
def test_the_sentence_holds_the_span_and_stays_inside_its_bounds(words, data):
    text = " ".join(words)
    i = data.draw(st.integers(0, len(words) - 1))
    start = len(" ".join(words[:i])) + (1 if i else 0)
    end = start + len(words[i])
    s, e = sentence_bounds(fold_lower(text), start, end, 0, len(text))
    assert 0 <= s <= start and end <= e <= len(text)
    # A sentence starts at the text's start or at the space after an end, and stops at the
    # text's end or after terminal punctuation (and its closing quote).
    assert s == 0 or (text[s] == " " and text[s - 1] in '.?"')
    assert e == len(text) or text[e - 1] in '.?"'
