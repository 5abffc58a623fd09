"""LSP positions: UTF-16 code units by default, lines ended by \\n, \\r\\n or \\r."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mtqa.server.positions import UTF8, UTF32, LineIndex

ARABIC = "قاعدة عين الأسد"  # "Ain al-Asad base": 15 code points, 15 UTF-16 units
EMOJI = "🇮🇶😀"  # three code points outside the BMP: six UTF-16 units


def test_arabic_is_one_unit_per_letter():
    text = f"{ARABIC} existence"
    index = LineIndex(text)
    assert index.position(text.index("existence")) == (0, 16)
    assert index.offset(0, 16) == text.index("existence")


def test_an_emoji_is_two_utf16_units():
    text = f"a {EMOJI} existence\nsecond {EMOJI}x"
    index = LineIndex(text)
    assert index.position(text.index("existence")) == (0, 2 + 6 + 1)
    assert index.offset(0, 9) == text.index("existence")
    assert index.position(text.index("x", text.index("second"))) == (1, 7 + 6)
    assert LineIndex(text, UTF32).position(text.index("existence")) == (0, 2 + 3 + 1)
    assert LineIndex(text, UTF8).position(text.index("existence")) == (0, 2 + 12 + 1)


def test_combining_marks_count_as_their_code_points():
    text = "Bas\u0327ra existence"  # s + combining cedilla: two units
    assert LineIndex(text).position(text.index("existence")) == (0, 7)


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_every_lsp_line_end(newline):
    text = f"one{newline}{ARABIC}{newline}{EMOJI} end"
    index = LineIndex(text)
    assert index.position(text.index("end")) == (2, 7)
    assert index.offset(2, 7) == text.index("end")
    assert index.offset(0, 99) == 3  # past a line's end is its end, before the line break


_TEXT = st.lists(
    st.sampled_from([*"ab \n\r", "\r\n", "و", "ج", "\u0301", "😀", "🇮"]), max_size=40
).map("".join)


@given(_TEXT, st.data())
def test_positions_are_utf16_units_and_round_trip(text, data):
    offset = data.draw(st.integers(0, len(text)))
    index = LineIndex(text)
    # Inside a \r\n is between two units of one line end: no position LSP can name.
    if offset and text[offset - 1 : offset + 1] == "\r\n":
        return
    line, character = index.position(offset)
    ends = [m.end() for m in re.finditer(r"\r\n|\n|\r", text) if m.end() <= offset]
    start = ends[-1] if ends else 0
    assert line == len(ends)
    assert character == len(text[start:offset].encode("utf-16-le")) // 2
    assert index.offset(line, character) == offset
