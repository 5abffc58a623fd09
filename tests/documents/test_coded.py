"""Coded text of bilingual segments: each inline code one character, its markup kept exactly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mtqa.documents.coded import code_char, display, indices, plain, render, target_markup
from mtqa.documents.model import Code
from mtqa.readers import reader_of
from mtqa.readers.tmx import TMX
from mtqa.readers.xliff import XLIFF

XLIFF12 = (
    '<?xml version="1.0"?>\n<xliff version="1.2"><file><body>\n'
    '<trans-unit id="1"><source>{source}</source><target>{target}</target></trans-unit>\n'
    "</body></file></xliff>\n"
)


def _segment(source: str, target: str, template: str = XLIFF12, reader=XLIFF):
    doc = reader.from_text(template.format(source=source, target=target))
    return doc, doc.segments[0]


def test_xliff12_codes_become_characters_with_their_markup():
    source = (
        'انظر <g id="1">التقرير</g> &amp; <x id="2"/><bpt id="3">&lt;b&gt;</bpt>نص'
        '<ept id="3">&lt;/b&gt;</ept><ph id="4">{0}</ph>'
    )
    _, seg = _segment(source, "x")
    a, b, c, d, e, f = (code_char(i) for i in range(6))
    assert seg.source_coded == f"انظر {a}التقرير{b} & {c}{d}نص{e}{f}"
    assert [(x.kind, x.element, x.id) for x in seg.source_inline] == [
        ("open", "g", "1"),
        ("close", "g", "1"),
        ("standalone", "x", "2"),
        ("standalone", "bpt", "3"),
        ("standalone", "ept", "3"),
        ("standalone", "ph", "4"),
    ]
    assert [x.markup for x in seg.source_inline] == [
        '<g id="1">',
        "</g>",
        '<x id="2"/>',
        '<bpt id="3">&lt;b&gt;</bpt>',
        '<ept id="3">&lt;/b&gt;</ept>',
        '<ph id="4">{0}</ph>',
    ]
    # The text a reader sees is unchanged by the coded form.
    assert seg.source == "انظر التقرير &   نص  "


def test_xliff2_pc_and_ph_and_a_segment_without_codes():
    text = (
        '<xliff version="2.0" srcLang="ar" trgLang="en"><file id="f"><unit id="u">'
        '<segment><source>أ <pc id="1" dataRefStart="d1">ب</pc><ph id="2"/></source>'
        "<target>a b</target></segment></unit></file></xliff>"
    )
    seg = XLIFF.from_text(text).segments[0]
    assert seg.source_coded == f"أ {code_char(0)}ب{code_char(1)}{code_char(2)}"
    assert [x.markup for x in seg.source_inline] == [
        '<pc id="1" dataRefStart="d1">',
        "</pc>",
        '<ph id="2"/>',
    ]
    assert seg.target_coded == "a b" and seg.target_inline == ()


def test_tmx_hi_and_ut_are_codes():
    tmx = (
        '<tmx version="1.4"><header srclang="ar"/><body><tu tuid="1">'
        '<tuv xml:lang="ar"><seg>أ <hi x="1">ب</hi></seg></tuv>'
        '<tuv xml:lang="en"><seg>a <ut>&lt;br&gt;</ut><hi x="1">b</hi></seg></tuv>'
        "</tu></body></tmx>"
    )
    seg = TMX.from_text(tmx).segments[0]
    assert [(x.kind, x.element) for x in seg.source_inline] == [("open", "hi"), ("close", "hi")]
    assert [x.markup for x in seg.target_inline] == ["<ut>&lt;br&gt;</ut>", '<hi x="1">', "</hi>"]
    assert plain(seg.target_coded) == "a b"


def test_target_markup_prefers_the_targets_own_code():
    source = (Code("open", "g", "1", '<g id="1">'), Code("close", "g", "1", "</g>"))
    target = (Code("open", "g", "1", "<g ctype='bold' id=\"1\">"), Code("close", "g", "1", "</g>"))
    assert target_markup(source, target) == ("<g ctype='bold' id=\"1\">", "</g>")
    assert target_markup(source, ()) == ('<g id="1">', "</g>")


def test_render_escapes_text_and_refuses_an_unknown_code():
    coded = f"a & b{code_char(0)}c < d{code_char(1)}"
    assert render(coded, ["<g>", "</g>"], XLIFF.escape) == "a &amp; b<g>c &lt; d</g>"
    assert display(coded, ["<g>", "</g>"]) == "a & b<g>c < d</g>"
    assert indices(coded) == [0, 1]
    try:
        render(coded, ["<g>"], XLIFF.escape)
    except ValueError as exc:
        assert "code 2 of 1" in str(exc)
    else:
        raise AssertionError("an unknown code must be refused")


# ---- property: a target read and rendered with its own codes is its markup, byte for byte

_TEXT = st.text(alphabet="ab ع&<>'\"", min_size=1, max_size=6).map(XLIFF.escape)


def _content(depth: int):
    leaves = st.one_of(
        _TEXT,
        st.integers(1, 9).map(lambda n: f'<x id="{n}"/>'),
        st.integers(1, 9).map(lambda n: f'<ph id="{n}">&lt;br/&gt;</ph>'),
        st.integers(1, 9).map(lambda n: f'<bpt id="{n}">&lt;b&gt;</bpt>'),
        st.just("<!-- note -->"),
        st.just('<mrk mtype="protected">A&amp;B</mrk>'),
    )
    if depth == 0:
        return st.lists(leaves, max_size=5).map("".join)
    wrapped = st.tuples(st.integers(1, 9), _content(depth - 1)).map(
        lambda t: f'<g id="{t[0]}">{t[1]}</g>'
    )
    return st.lists(st.one_of(leaves, wrapped), max_size=5).map("".join)


@settings(max_examples=150, deadline=None)
@given(_content(2))
def test_rendering_a_coded_target_gives_back_its_markup(inner):
    doc, seg = _segment("x", inner)
    assert doc.text[seg.target_start : seg.target_end] == inner
    markup = [c.markup for c in seg.target_inline]
    assert render(seg.target_coded, markup, reader_of(doc).escape) == inner
    assert indices(seg.target_coded) == list(range(len(markup)))


def test_text_that_uses_private_use_characters_has_no_coded_form():
    # A glyph from the private use area in the text itself cannot be told apart from a code.
    _, seg = _segment("أ\uf8ff", 'a\uf8ff <x id="1"/>')
    assert seg.target == "a\uf8ff  " and seg.target_coded is None and seg.target_inline == ()
    assert seg.source_coded == "" and seg.source_inline == ()
