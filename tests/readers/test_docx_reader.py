"""The Word reader: which text of a .docx is prose, which is a hole, and where findings are."""

from __future__ import annotations

import io
import zipfile
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from mtqa import api
from mtqa.cli import app
from mtqa.errors import InputError
from mtqa.readers import read_document
from mtqa.readers.docx.stories import BREAK, OBJECT, TAB, reread_paragraph

from ..docx_builder import GLOSSARY, p, run, write

runner = CliRunner()


@pytest.fixture
def glossary(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return str(path)


def read(tmp_path, body, **kw):
    return read_document(write(tmp_path / "d.docx", body, **kw))


def prose(doc) -> list[str]:
    """Each block's prose spans, joined with | where a hole lies between them."""
    return ["|".join(doc.text[s:e] for s, e in b.spans) for b in doc.blocks]


def test_runs_are_joined_into_words(tmp_path):
    doc = read(tmp_path, p("The exist", run("ence", "<w:b/>"), " of troops."))
    assert doc.text == "The existence of troops."
    assert prose(doc) == ["The existence of troops."]


def test_paragraphs_of_tables_are_lines(tmp_path):
    cell = "<w:tc>{}</w:tc>"
    table = f"<w:tbl><w:tr>{cell.format(p('one'))}{cell.format(p('two'))}</w:tr></w:tbl>"
    doc = read(tmp_path, p("Before.") + table + p("After."))
    assert doc.text.split("\n") == ["Before.", "one", "two", "After."]


def test_notes_headers_and_footers_are_stories(tmp_path, glossary):
    path = write(
        tmp_path / "d.docx",
        p("Body existence."),
        footnotes=[p("Note existence.")],
        endnotes=[p("End existence.")],
        headers=[p("Head existence.")],
        footers=[p("Foot existence.")],
    )
    doc = read_document(path)
    assert doc.text.split("\n") == [
        "Body existence.", "Note existence.", "End existence.", "Head existence.",
        "Foot existence.",
    ]
    findings = api.lint(path, glossary=glossary).findings
    places = [(f.extra["story"], f.extra["paragraph"], f.extra["char"]) for f in findings]
    assert places == [
        ("body", 1, 5), ("footnote 1", 1, 5), ("endnote 1", 1, 4), ("header 1", 1, 5),
        ("footer 1", 1, 5),
    ]


def test_text_boxes_are_read_once(tmp_path):
    box = "<w:txbxContent>{}</w:txbxContent>"
    drawing = (
        "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><wp:inline>"
        "<a:graphic><a:graphicData><wps:wsp><wps:txbx>" + box.format(p("Boxed words.")) +
        "</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>"
        "<mc:Fallback><w:pict><v:shape><v:textbox>" + box.format(p("Boxed words.")) +
        "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    doc = read(tmp_path, p("Before ", drawing, " after."))
    assert doc.text.split("\n") == [f"Before {OBJECT} after.", "Boxed words."]
    assert doc.places == (("body", 1), ("text box 1", 1))


def test_content_controls_smart_tags_and_hyperlinks_are_prose(tmp_path):
    body = p(
        "<w:sdt><w:sdtPr/><w:sdtContent>" + run("Controlled ") + "</w:sdtContent></w:sdt>",
        '<w:smartTag w:uri="urn:x" w:element="place">' + run("Baghdad") + "</w:smartTag>",
        " and ",
        '<w:hyperlink r:id="rId9">' + run("linked text") + "</w:hyperlink>",
    )
    doc = read(tmp_path, body)
    assert doc.text == "Controlled Baghdad and linked text"


def test_pending_insertions_are_read_and_deletions_are_not(tmp_path):
    body = p(
        "Troops ",
        '<w:ins w:id="1" w:author="Ann" w:date="2024-01-01T00:00:00Z">' + run("stayed ") + "</w:ins>",
        '<w:del w:id="2" w:author="Ann" w:date="2024-01-01T00:00:00Z"><w:r>'
        "<w:delText>left </w:delText></w:r></w:del>",
        "there.",
    )
    assert read(tmp_path, body).text == "Troops stayed there."


def test_fields_are_one_hole_and_their_code_is_not_read(tmp_path):
    field = (
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> REF existence \\h </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        + run("Figure 3")
        + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )
    simple = '<w:fldSimple w:instr=" PAGE ">' + run("7") + "</w:fldSimple>"
    doc = read(tmp_path, p("See ", field, " on page ", simple, "."))
    assert doc.text == f"See {OBJECT} on page {OBJECT}."
    assert prose(doc) == ["See | on page |."]


def test_bookmarks_drawings_symbols_tabs_and_breaks(tmp_path):
    body = p(
        '<w:bookmarkStart w:id="0" w:name="b"/>',
        "one",
        '<w:bookmarkEnd w:id="0"/>',
        "<w:r><w:tab/></w:r>",
        "two",
        "<w:r><w:br/></w:r>",
        "three",
        '<w:r><w:sym w:font="Wingdings" w:char="F04A"/></w:r>',
        "<w:r><w:drawing/></w:r>",
        "four",
    )
    doc = read(tmp_path, body)
    assert doc.text == f"one{TAB}two{BREAK}three{OBJECT}{OBJECT}four"
    assert prose(doc) == ["one|two|three|four"]


def test_headings_come_from_styles(tmp_path):
    styles = (
        '<w:style w:type="paragraph" w:styleId="Berschrift1"><w:name w:val="heading 1"/>'
        "</w:style>"
    )
    doc = read(tmp_path, p("Title words", style="Berschrift1") + p("Body."), styles=styles)
    assert [b.heading for b in doc.blocks] == [True, False]


def test_findings_name_story_paragraph_and_char_in_every_format(tmp_path, glossary):
    path = write(tmp_path / "d.docx", p("First.") + p("Second has exist", run("ence"), "."))
    r = runner.invoke(app, ["lint", str(path), "-g", glossary, "-f", "json"])
    import json

    finding = json.loads(r.stdout)["findings"][0]
    assert finding["extra"] == {"story": "body", "paragraph": 2, "char": 11}
    assert (finding["line"], finding["column"]) == (2, 12)
    sarif = runner.invoke(app, ["lint", str(path), "-g", glossary, "-f", "sarif"]).stdout
    assert '"story": "body"' in sarif and '"paragraph": 2' in sarif


# ---------------------------------------------------------------------------- bad input
def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


BAD = {
    "not-a-zip": (b"plain text, not a package", "not a zip package"),
    "no-document": (_zip({"[Content_Types].xml": b"<Types/>"}), "no word/document.xml"),
    "encrypted": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "password-protected"),
    "bomb": (_zip({"word/document.xml": b"<a>" + b" " * 50_000_000 + b"</a>"}), "zip bomb"),
    "entities": (
        _zip({
            "word/document.xml": b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY e "boom">]>'
            b"<d>&e;</d>"
        }),
        "DOCTYPE",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_one_line_and_exit_2(tmp_path, case):
    data, reason = BAD[case]
    path = tmp_path / "draft.docx"
    path.write_bytes(data)
    with pytest.raises(InputError, match=reason):
        read_document(path)
    r = runner.invoke(app, ["fix", str(path)])
    assert r.exit_code == 2
    errors = [line for line in r.stderr.splitlines() if line.startswith("mtqa: error")]
    assert len(errors) == 1 and reason in errors[0]
    assert path.read_bytes() == data  # nothing written


def test_a_legacy_doc_is_told_to_become_docx(tmp_path):
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    r = runner.invoke(app, ["lint", str(path)])
    assert r.exit_code == 2
    assert "save it as .docx" in r.stderr


def test_tab_stops_of_a_paragraph_are_not_tabs(tmp_path, glossary):
    tabs = '<w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
    path = write(tmp_path / "d.docx", f"<w:p>{tabs}{run('The existence.')}</w:p>")
    assert read_document(path).text == "The existence."
    r = runner.invoke(app, ["fix", str(path), "-g", glossary])
    assert r.exit_code == 0, r.output
    assert read_document(path).text == "The presence."


def test_nesting_beyond_any_document_is_refused(tmp_path):
    deep = "<w:sdt><w:sdtContent>" * 3000 + p("x") + "</w:sdtContent></w:sdt>" * 3000
    path = write(tmp_path / "deep.docx", deep)
    r = runner.invoke(app, ["lint", str(path)])
    assert r.exit_code == 2
    assert r.stderr.count("\n") == 1 and "not well-formed XML" in r.stderr


def test_a_comment_inside_text_is_read_around_and_never_edited(tmp_path, glossary):
    path = write(tmp_path / "d.docx", p('<w:r><w:t>The exist<!-- x -->ence.</w:t></w:r>'))
    assert read_document(path).text == "The existence."
    before = path.read_bytes()
    r = runner.invoke(app, ["fix", str(path), "-g", glossary])
    assert "withheld" in r.stderr and "XML markup" in r.stderr
    assert path.read_bytes() == before


# ---------------------------------------------------------------------------- property
# Paragraph XML with and without more than text in it, as Word and other tools write it: the
# reader reads a paragraph of plain runs by a quicker way than its full walk (which knows
# holes, fields and revisions), and the two must give the same text.
_PIECES = st.sampled_from([
    lambda t: run(escape(t)),
    lambda t: f"<w:r><w:t>{escape(t)}</w:t></w:r>\n  ",  # indentation between elements
    lambda t: f"<w:r><w:t>{escape(t[:2])}<!-- x -->{escape(t[2:])}</w:t></w:r>",
    lambda t: f"<w:r><w:t>{escape(t[:3])}<w:x>{escape(t[3:5])}</w:x>{escape(t[5:])}</w:t></w:r>",
    lambda t: f"<w:r><w:t><![CDATA[{t}]]></w:t></w:r>",
    lambda t: f"<w:r><w:t>{escape(t)}&#10;</w:t></w:r>",
    lambda t: f"<w:r><w:t>&#13;{escape(t)}\t</w:t></w:r>",
    lambda t: f"<w:r>stray<w:rPr><w:b/></w:rPr><w:t>{escape(t)}</w:t></w:r>",  # not in w:t
    lambda t: f"<w:r><w:tab/><w:t>{escape(t)}</w:t><w:br/></w:r>",
    lambda t: f'<w:proofErr w:type="spellStart"/>{run(escape(t))}<w:proofErr w:type="spellEnd"/>',
    lambda t: f"<w:smartTag>{run(escape(t))}</w:smartTag>",
    lambda t: f'<w:ins w:id="9" w:author="Ann">{run(escape(t))}</w:ins>',
])
_TEXTS = st.sampled_from(["The exist", "ence ", "colour", " of troops.", "a & b"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(st.tuples(_PIECES, _TEXTS), min_size=1, max_size=4), min_size=1,
                max_size=5),
       st.sampled_from(["", "\n"]))
def test_a_plain_paragraph_reads_as_its_full_walk(tmp_path, paragraphs, between):
    body = between.join(
        "<w:p>" + "".join(make(text) for make, text in pieces) + "</w:p>"
        for pieces in paragraphs
    )
    doc = read(tmp_path, body)
    read_paragraphs = doc.layout.paragraphs
    assert len(read_paragraphs) == len(paragraphs)
    assert [reread_paragraph(para).text for para in read_paragraphs] == [
        para.text for para in read_paragraphs
    ]
    assert doc.text == "\n".join(para.text for para in read_paragraphs)
