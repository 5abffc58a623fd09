"""Fixing Word documents: tracked changes, plain edits, what is withheld and why, and the
checks a written package passes (accept all gives the fixed text, reject all the original)."""

from __future__ import annotations

import re
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from typer.testing import CliRunner

from mtqa import api
from mtqa.cli import app
from mtqa.config import Overrides
from mtqa.readers import read_document
from mtqa.readers.docx.verify import view

from ..docx_builder import BOX, GLOSSARY, W, p, part, parts, run, write

runner = CliRunner()
DATE = re.compile(r'w:date="[^"]+"')


@pytest.fixture
def glossary(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return str(path)


def fix(path, glossary, *options):
    r = runner.invoke(app, ["fix", str(path), "-g", glossary, *options])
    assert r.exit_code in (0, 1), r.output
    return r


def body_of(path) -> str:
    xml = part(path)
    return DATE.sub('w:date="D"', xml[xml.index("<w:body>") + 8 : xml.index("<w:sectPr")])


def story_text(path, accept: bool, name: str = "word/document.xml") -> list[str]:
    root = etree.fromstring(parts(path)[name])
    return [
        "".join(t.text or "" for t in para.iter(f"{{{W}}}t"))
        for para in view(root, accept).iter(f"{{{W}}}p")
    ]


def test_a_fix_is_a_tracked_change_with_the_replaced_formatting(tmp_path, glossary):
    rtl = '<w:b/><w:bCs/><w:rFonts w:cs="Arial"/><w:rtl/>'
    path = write(tmp_path / "d.docx", p(run("The "), run("existence", rtl), run(" of troops.")))
    fix(path, glossary, "--author", "Ann Editor")
    assert body_of(path) == (
        '<w:p><w:r><w:t xml:space="preserve">The </w:t></w:r>'
        '<w:del w:id="1" w:author="Ann Editor" w:date="D"><w:r><w:rPr>'
        + rtl
        + '</w:rPr><w:delText xml:space="preserve">existence</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="Ann Editor" w:date="D"><w:r><w:rPr>'
        + rtl
        + '</w:rPr><w:t xml:space="preserve">presence</w:t></w:r></w:ins>'
        '<w:r><w:t xml:space="preserve"> of troops.</w:t></w:r></w:p>'
    )
    assert story_text(path, accept=True) == ["The presence of troops."]
    assert story_text(path, accept=False) == ["The existence of troops."]


def test_a_word_split_over_runs_is_one_change(tmp_path, glossary):
    path = write(tmp_path / "d.docx", p("The exist", run("ence"), " and colour."))
    fix(path, glossary)
    xml = body_of(path)
    assert xml.count("<w:del ") == 2 and xml.count("<w:ins ") == 2
    assert story_text(path, accept=True) == ["The presence and color."]
    assert story_text(path, accept=False) == ["The existence and colour."]
    assert read_document(path).text == "The presence and color."


def test_plain_edits_leave_no_revisions(tmp_path, glossary):
    path = write(tmp_path / "d.docx", p("The exist", run("ence"), " of troops."))
    fix(path, glossary, "--no-track-changes")
    assert "<w:ins" not in part(path) and "<w:del" not in part(path)
    assert read_document(path).text == "The presence of troops."


def test_the_setting_chooses_plain_edits(tmp_path, glossary):
    path = write(tmp_path / "d.docx", p("The existence of troops."))
    (tmp_path / "mtqa.toml").write_text("track-changes = false\nauthor = 'Desk'\n")
    fix(path, glossary)
    assert "<w:ins" not in part(path)
    assert read_document(path).text == "The presence of troops."


def test_a_clean_copy_has_every_fix_and_no_revision_marks(tmp_path, glossary):
    """`--clean` writes plain edits, whatever `mtqa.toml` says; the flag given wins."""
    (tmp_path / "mtqa.toml").write_text("track-changes = true\n")
    path = write(tmp_path / "d.docx", p("The exist", run("ence"), " of troops."))
    fix(path, glossary, "--clean")
    assert "<w:ins" not in part(path) and "<w:del" not in part(path)
    assert read_document(path).text == "The presence of troops."
    (tmp_path / "mtqa.toml").write_text("track-changes = false\n")
    path = write(tmp_path / "d.docx", p("The existence of troops."))
    fix(path, glossary, "--track-changes")
    assert story_text(path, accept=True) == ["The presence of troops."]
    assert story_text(path, accept=False) == ["The existence of troops."]


@pytest.mark.parametrize(("other", "why"), [
    ("--track-changes", "--clean writes no tracked changes"),
    ("--comments", "--clean writes a copy without marks"),
])
def test_a_clean_copy_refuses_the_marks_it_leaves_out(tmp_path, glossary, other, why):
    path = write(tmp_path / "d.docx", p("The existence of troops."))
    before = path.read_bytes()
    r = runner.invoke(app, ["fix", str(path), "-g", glossary, "--clean", other])
    assert r.exit_code == 2
    assert r.stderr == f"mtqa: error: {why}; it does not go with {other}\n"
    assert path.read_bytes() == before


def test_a_clean_fix_of_markdown_is_the_fix(tmp_path, glossary):
    md = tmp_path / "a.md"
    md.write_text("The existence of troops.\n", encoding="utf-8")
    fix(md, glossary, "--clean")
    assert md.read_text(encoding="utf-8") == "The presence of troops.\n"


def test_mixed_formatting_is_withheld_with_the_reason(tmp_path, glossary):
    path = write(tmp_path / "d.docx", p("The exi", run("stence", "<w:b/>"), " of troops."))
    before = path.read_bytes()
    r = fix(path, glossary)
    assert "withheld" in r.stderr and "different formatting" in r.stderr
    assert path.read_bytes() == before


def test_another_authors_insertion_is_reported_not_edited(tmp_path, glossary):
    ins = '<w:ins w:id="5" w:author="Ann" w:date="2024-01-01T00:00:00Z">{}</w:ins>'
    path = write(tmp_path / "d.docx", p("The ", ins.format(run("existence")), " is colour."))
    r = fix(path, glossary)
    assert "pending tracked change by Ann" in r.stderr
    assert read_document(path).text == "The existence is color."  # the rest is fixed


def test_text_beside_a_tab_is_withheld_when_tracked_and_fixed_when_plain(tmp_path, glossary):
    body = p('<w:r><w:tab/><w:t xml:space="preserve">The existence.</w:t></w:r>')
    path = write(tmp_path / "d.docx", body)
    r = fix(path, glossary)
    assert "shares its run" in r.stderr
    fix(path, glossary, "--no-track-changes")
    assert read_document(path).text == "\tThe presence."


def test_new_ids_are_above_every_id_in_use(tmp_path, glossary):
    body = p('<w:bookmarkStart w:id="41" w:name="x"/>', "The existence.", '<w:bookmarkEnd w:id="41"/>')
    path = write(tmp_path / "d.docx", body, footnotes=[p("Colour.")])
    fix(path, glossary)
    ids = re.findall(r'w:id="(\d+)"', part(path) + part(path, "word/footnotes.xml"))
    revision_ids = [int(i) for i in ids if int(i) > 41]
    assert len(revision_ids) == len(set(revision_ids)) == 4


def test_untouched_parts_stay_byte_identical(tmp_path, glossary):
    path = write(tmp_path / "d.docx", p("The existence."), footnotes=[p("Nothing here.")],
                 headers=[p("Head.")])
    before = parts(path)
    fix(path, glossary)
    after = parts(path)
    assert [n for n in before if before[n] != after[n]] == ["word/document.xml"]
    with zipfile.ZipFile(path) as z:
        assert z.namelist() == list(before)


def test_footnotes_and_text_boxes_are_fixed_in_place(tmp_path, glossary):
    path = write(tmp_path / "d.docx", p("Body."), footnotes=[p("The existence.")])
    fix(path, glossary)
    assert story_text(path, True, "word/footnotes.xml")[-1] == "The presence."
    assert story_text(path, False, "word/footnotes.xml")[-1] == "The existence."


def test_source_beside_a_word_draft(tmp_path, glossary):
    draft = write(tmp_path / "draft.docx", p("The existence of troops."))
    source = write(tmp_path / "source.docx", p("وجود القوات"))
    r = runner.invoke(app, ["lint", str(draft), "--source", str(source), "-g", glossary])
    assert r.exit_code == 1 and "TERM001" in r.stdout


def test_a_folder_walk_takes_word_files(tmp_path, glossary):
    write(tmp_path / "a.docx", p("The existence."))
    (tmp_path / "b.md").write_text("The existence.\n")
    result = api.run_lint([str(tmp_path)], Overrides(glossaries=(glossary,)))
    assert sorted({f.path.rsplit("/", 1)[-1] for f in result.report.findings}) == ["a.docx", "b.md"]


# ---------------------------------------------------------------------------- property
WORDS = st.sampled_from(["The", "existence", "of", "colour", "for", "example", "troops", "and"])


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    words=st.lists(WORDS, min_size=1, max_size=12),
    cuts=st.lists(st.integers(min_value=1, max_value=80), max_size=6),
)
def test_any_run_split_fixes_like_plain_text(tmp_path, glossary, words, cuts):
    """However the words are split into runs, accept all gives the fixed text and reject all
    the original, as the checks of the write require."""
    text = " ".join(words) + "."
    points = sorted({c for c in cuts if c < len(text)})
    pieces = [text[a:b] for a, b in zip([0, *points], [*points, len(text)], strict=True)]
    path = write(tmp_path / "h.docx", p(*[run(x) for x in pieces]))
    md = tmp_path / "h.md"
    md.write_text(text + "\n", encoding="utf-8")
    fix(path, glossary)
    fix(md, glossary)
    assert story_text(path, accept=False) == [text]
    assert story_text(path, accept=True) == [md.read_text(encoding="utf-8").rstrip("\n")]


def test_a_folder_walk_names_the_documents_it_skips(tmp_path, glossary):
    write(tmp_path / "a.docx", p("The existence."))
    (tmp_path / "b.md").write_text("The existence.\n")
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "d.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    r = runner.invoke(app, ["lint", str(tmp_path), "-g", glossary])
    assert r.exit_code == 1  # findings; the skipped files are notes, not errors
    assert "Found 2 findings" in r.stdout and "in 2 files" in r.stdout
    skipped = [line for line in r.stderr.splitlines() if line.startswith("mtqa: skipped")]
    assert len(skipped) == 2
    assert "c.pdf: PDF is not read" in skipped[0] and "d.doc: a legacy Word document" in skipped[1]


# Pieces of paragraph XML that Word writes around prose, for the property below.
_OTHER = '<w:ins w:id="900" w:author="Ann" w:date="2024-01-01T00:00:00Z">{}</w:ins>'
CONSTRUCTS = st.sampled_from([
    lambda t: run(t),
    lambda t: run(t, "<w:b/>"),
    lambda t: run(t, '<w:rtl/><w:rFonts w:cs="Arial"/>'),
    lambda t: f'<w:r><w:tab/><w:t xml:space="preserve">{t}</w:t></w:r>',
    lambda t: f'<w:r><w:lastRenderedPageBreak/><w:t xml:space="preserve">{t}</w:t></w:r>',
    lambda t: f'<w:hyperlink r:id="rId7">{run(t)}</w:hyperlink>',
    lambda t: _OTHER.format(run(t)),
    lambda t: '<w:del w:id="901" w:author="Ann" w:date="2024-01-01T00:00:00Z"><w:r>'
    f'<w:delText xml:space="preserve">{t}</w:delText></w:r></w:del>',
    lambda t: '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> REF x '
    f'</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{run(t)}'
    '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    lambda t: f'<w:bookmarkStart w:id="902" w:name="b"/>{run(t)}<w:bookmarkEnd w:id="902"/>',
    lambda t: f'<w:sdt><w:sdtPr/><w:sdtContent>{run(t)}</w:sdtContent></w:sdt>',
    lambda t: BOX.format(p(t), p(t)),
])
TEXTS = st.sampled_from(["The exist", "ence ", "colour ", "for ", "example", " site", ", and ",
                         "existence of ", "troops. "])


def shape(path, accept: bool) -> list[tuple]:
    """The element tree of the body with revisions accepted (or rejected), text left out."""
    root = view(etree.fromstring(parts(path)["word/document.xml"]), accept)
    return [(el.tag, () if el.tag == f"{{{W}}}t" else sorted(el.attrib.items()))
            for el in root.iter() if isinstance(el.tag, str)]


def revisions(path) -> int:
    return len(re.findall(r"<w:(?:ins|del) ", part(path)))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(CONSTRUCTS, TEXTS), min_size=1, max_size=10),
       st.sampled_from(["--track-changes", "--no-track-changes", "--comments"]))
def test_fixes_never_break_a_document(tmp_path, glossary, pieces, mode):
    """Whatever Word wrote around the prose, a fix run writes a file whose structure, with
    revisions accepted or rejected and comments left out, is the original's; rejecting every
    revision gives the original text; plain edits add no revision."""
    path = write(tmp_path / "m.docx", p(*[make(text) for make, text in pieces]))
    lines = read_document(path).text.count("\n")
    shapes = shape(path, True), shape(path, False)
    original, existing = story_text(path, accept=False), revisions(path)
    tracked = mode != "--no-track-changes"
    r = runner.invoke(app, ["fix", str(path), "-g", glossary, mode])
    assert r.exit_code in (0, 1), r.output  # never a refusal to write, never a crash
    assert read_document(path).text.count("\n") == lines
    assert (shape(path, True), shape(path, False)) == shapes
    if tracked:
        assert story_text(path, accept=False) == original
    else:
        assert revisions(path) == existing


def test_an_empty_author_is_refused(tmp_path, glossary):
    path = write(tmp_path / "d.docx", p("The existence."))
    before = path.read_bytes()
    r = runner.invoke(app, ["fix", str(path), "-g", glossary, "--author", " "])
    assert r.exit_code == 2 and "--author" in r.stderr
    assert path.read_bytes() == before



@pytest.mark.parametrize("mode", ["--track-changes", "--no-track-changes"])
def test_a_text_box_and_its_fallback_copy_are_fixed_alike(tmp_path, glossary, mode):
    box = BOX.format(p("The existence.") + p("Colour."), p("The existence.") + p("Colour."))
    path = write(tmp_path / "d.docx", p("Box: ", box))
    fix(path, glossary, mode)
    accepted = story_text(path, accept=True)
    assert accepted.count("The presence.") == 2 and accepted.count("Color.") == 2
    if mode == "--track-changes":
        assert story_text(path, accept=False).count("The existence.") == 2


def test_a_fallback_copy_that_differs_is_left_alone(tmp_path, glossary):
    box = BOX.format(p("The existence."), p("An older existence."))
    path = write(tmp_path / "d.docx", p("Box: ", box))
    fix(path, glossary)
    assert "The presence." in story_text(path, accept=True)
    assert "An older existence." in story_text(path, accept=True)
