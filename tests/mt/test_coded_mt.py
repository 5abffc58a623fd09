"""Retranslation of segments with inline codes: the model sees placeholders, the file gets the
codes' original markup back, and a candidate that loses a code is never written.

The tiny model memorised "انظر {1} التقرير {2} عن العراق" -> "see {1} the report {2} on Iraq"
(codes kept) and "... عن القاعدة" -> "see the report on the base" (both codes lost).
"""

from __future__ import annotations

import pytest
from lxml import etree

from mtqa.findings import Applicability
from mtqa.mt.stage import retranslate
from mtqa.readers import read_document, reader_of

from .test_retranslate import SETTINGS

SEE = "انظر {a}التقرير{b} عن العراق"
LOST = "انظر {a}التقرير{b} عن القاعدة"

XLIFF12 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
  <file source-language="ar" target-language="en" datatype="html" original="a.html">
    <body>
{units}
    </body>
  </file>
</xliff>
"""
UNIT12 = """      <trans-unit id="{id}">
        <source>{source}</source>
        <target>{target}</target>
      </trans-unit>"""

XLIFF2 = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="ar" trgLang="en">
  <file id="f1">
{units}
  </file>
</xliff>
"""
UNIT2 = """    <unit id="{id}">
      <segment>
        <source>{source}</source>
        <target>{target}</target>
      </segment>
    </unit>"""

# (unit id, code before "the report", code after it) for each kind of XLIFF 1.2 code; the
# current targets put the first code after "the", so an accepted candidate moves it.
CODES_12 = [
    ("g", ' <g id="1">', "</g>"),
    ("x", ' <x id="1"/>', '<x id="2"/>'),
    ("bpt", ' <bpt id="1">&lt;b&gt;</bpt>', '<ept id="1">&lt;/b&gt;</ept>'),
    ("ph", ' <ph id="1">&lt;br/&gt;</ph>', '<ph id="2">{0}</ph>'),
    # Protected text is one code; its number is not asked of the model's words.
    ("mrk", ' <mrk mtype="protected">2020</mrk>', '<x id="2"/>'),
]
CODES_2 = [
    ("pc", ' <pc id="1">', "</pc>"),
    ("ph", ' <ph id="1"/>', '<ph id="2"/>'),
]


def _unit(template: str, uid: str, a: str, b: str, src: str = SEE) -> str:
    source = src.format(a=a, b=b)
    target = f"see the{a}report{b} about Iraq"
    return template.format(id=uid, source=source, target=target)


def _write(tmp_path, name: str, doc: str, template: str, codes) -> tuple:
    path = tmp_path / name
    path.write_text(doc.format(units="\n".join(_unit(template, *c) for c in codes)), "utf-8")
    return path, path.read_text(encoding="utf-8")


def _check_written(path, before: str, result, codes) -> None:
    after = path.read_text(encoding="utf-8")
    etree.fromstring(after.encode("utf-8"))  # lxml accepts the written file
    got = {o.segment_id: o for o in result.accepted}
    assert sorted(got) == sorted(uid for uid, _, _ in codes)
    for uid, a, b in codes:
        o = got[uid]
        assert o.fix.applicability is Applicability.UNSAFE
        # The model's word order, each code's original markup in its place, nothing lost.
        assert f"<target>see{a}the report{b} on Iraq</target>" in after
        assert o.candidate == f"see{a}the report{b} on Iraq"
    # Only target text changed: every source, and everything outside the targets, is the same.
    assert after.count("<source>") == before.count("<source>")
    for line_before, line_after in zip(before.splitlines(), after.splitlines(), strict=True):
        if "<target>" not in line_before:
            assert line_after == line_before
    # The reader reads back the same codes in the same order.
    doc = read_document(path)
    old = {s.id: s for s in reader_of(doc).from_text(before).segments}
    for seg in doc.segments:
        assert [c.markup for c in seg.target_inline] == [
            c.markup for c in old[seg.id].target_inline
        ]


# One file per kind of code: units with the same source in one file would be judged against
# each other's old targets by the consistency check (BIL004) and never accepted one at a time.
@pytest.mark.parametrize(
    ("doc", "template", "code"),
    [(XLIFF12, UNIT12, c) for c in CODES_12] + [(XLIFF2, UNIT2, c) for c in CODES_2],
    ids=[f"xliff12-{c[0]}" for c in CODES_12] + [f"xliff2-{c[0]}" for c in CODES_2],
)
def test_codes_are_placed_and_written_back(translator, mt_glossary, tmp_path, doc, template, code):
    path, before = _write(tmp_path, "a.xlf", doc, template, [code])
    result = retranslate(
        [path], translator, mt_glossary, settings=SETTINGS, apply=True, segments=[code[0]]
    )
    assert result.files[0].written, result.files[0].error
    _check_written(path, before, result, [code])


def test_a_code_of_the_target_keeps_its_own_markup(translator, mt_glossary, tmp_path):
    # The target's <g> carries an attribute the source's does not: it is written as it was.
    unit = UNIT12.format(
        id="g",
        source=SEE.format(a=' <g id="1">', b="</g>"),
        target='see the <g id="1" ctype="bold">report</g> about Iraq',
    )
    path = tmp_path / "c.xlf"
    path.write_text(XLIFF12.format(units=unit), encoding="utf-8")
    result = retranslate(
        [path], translator, mt_glossary, settings=SETTINGS, apply=True, segments=["g"]
    )
    assert [o.segment_id for o in result.accepted] == ["g"]
    after = path.read_text(encoding="utf-8")
    assert '<target>see <g id="1" ctype="bold">the report</g> on Iraq</target>' in after


@pytest.mark.parametrize(("doc", "template"), [(XLIFF12, UNIT12), (XLIFF2, UNIT2)])
def test_a_candidate_that_loses_a_code_is_never_written(
    translator, mt_glossary, tmp_path, doc, template
):
    unit = _unit(template, "lost", ' <x id="1"/>', '<x id="2"/>', src=LOST)
    if template is UNIT2:
        unit = unit.replace("<x ", "<ph ")
    path = tmp_path / "d.xlf"
    path.write_text(doc.format(units=unit), encoding="utf-8")
    data = path.read_bytes()
    result = retranslate(
        [path], translator, mt_glossary, settings=SETTINGS, apply=True, segments=["lost"]
    )
    assert path.read_bytes() == data
    assert not result.accepted and result.suggestions
    assert all(o.fix.applicability is Applicability.DISPLAY_ONLY for o in result.suggestions)
    # The memorised output drops both codes; whatever else the n-best holds, none is accepted.
    assert any("inline codes lost" in r for o in result.suggestions for r in o.reasons)
    # Their words are still scored against the current translation, for the reviewer.
    assert all(o.chrf > 0 for o in result.suggestions)


def test_a_reordered_or_new_code_fails_the_structure_check(translator, mt_glossary, tmp_path):
    # The current target has no code at all: the candidate's codes would change the file's
    # markup, which the reader's structure check refuses, so it stays a suggestion.
    unit = UNIT12.format(
        id="n", source=SEE.format(a=' <x id="1"/>', b='<x id="2"/>'), target="see the report"
    )
    path = tmp_path / "e.xlf"
    path.write_text(XLIFF12.format(units=unit), encoding="utf-8")
    data = path.read_bytes()
    result = retranslate(
        [path], translator, mt_glossary, settings=SETTINGS, apply=True, segments=["n"]
    )
    assert path.read_bytes() == data and not result.accepted
    assert any("breaks the file" in r for o in result.suggestions for r in o.reasons)


TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header srclang="ar" datatype="plaintext" segtype="sentence" adminlang="en"
          creationtool="test" creationtoolversion="1" o-tmf="test"/>
  <body>
    <tu tuid="t1">
      <tuv xml:lang="ar"><seg>{source}</seg></tuv>
      <tuv xml:lang="en"><seg>{target}</seg></tuv>
    </tu>
  </body>
</tmx>
"""


@pytest.mark.parametrize(
    ("a", "b"),
    [(' <hi x="1">', "</hi>"), (' <ph x="1">&lt;br/&gt;</ph>', "<ut>{0}</ut>")],
    ids=["hi", "ph-ut"],
)
def test_tmx_codes_are_placed_and_written_back(translator, mt_glossary, tmp_path, a, b):
    path = tmp_path / "m.tmx"
    path.write_text(
        TMX.format(source=SEE.format(a=a, b=b), target=f"see the{a}report{b} about Iraq"),
        encoding="utf-8",
    )
    result = retranslate(
        [path], translator, mt_glossary, settings=SETTINGS, apply=True, segments=["t1"]
    )
    assert result.files[0].written, result.files[0].error
    after = path.read_text(encoding="utf-8")
    etree.fromstring(after.encode("utf-8"))
    assert f"<seg>see{a}the report{b} on Iraq</seg>" in after
