"""Review copies of Word documents: safe fixes tracked, every other finding a comment."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.readers import read_document

from ..conftest import SEED_ARTICLE
from ..docx_builder import GLOSSARY, W, from_markdown, p, parts, run, write

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def glossary(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return str(path)


def draft(tmp_path) -> Path:
    """One fixable finding, one withheld (bold and plain in one word), one in a citation."""
    return write(
        tmp_path / "draft.docx",
        p("The existence of troops.")
        + p("Visit the s", run("ite", "<w:b/>"), " today.")
        + p("References", style="Heading1")
        + p("Smith, J. The existence of bases. Press, 2020."),
        styles='<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
        "</w:style>",
    )


def comments(path: Path) -> list[str]:
    data = parts(path).get("word/comments.xml")
    if data is None:
        return []
    root = etree.fromstring(data)
    return [
        "\n".join("".join(t.text or "" for t in q.iter(f"{{{W}}}t")) for q in c.iter(f"{{{W}}}p"))
        for c in root.iter(f"{{{W}}}comment")
    ]


def test_a_review_copy_tracks_fixes_and_comments_the_rest(tmp_path, glossary):
    path = draft(tmp_path)
    before = path.read_bytes()
    out = tmp_path / "draft.review.docx"
    r = runner.invoke(app, ["report", str(path), "-g", glossary, "-o", str(out)])
    assert r.exit_code == 1, r.output
    assert "1 fix as tracked changes, 2 comments" in r.stderr
    assert path.read_bytes() == before  # the draft itself is left alone
    notes = comments(out)
    assert len(notes) == 2
    assert notes[0].startswith("TERM001") and "Suggestion: website" in notes[0]
    assert "Not fixed: the text spans runs of different formatting" in notes[0]
    assert notes[0].count("Say website in full.") == 1  # the glossary note, once
    assert "existence" in read_document(path).text.split("\n")[3]
    document = parts(out)["word/document.xml"].decode()
    assert document.count("<w:commentRangeStart") == document.count("<w:commentReference") == 2
    assert "comments+xml" in parts(out)["[Content_Types].xml"].decode()
    assert 'Target="comments.xml"' in parts(out)["word/_rels/document.xml.rels"].decode()
    assert read_document(out).text.split("\n")[0] == "The presence of troops."


def test_fix_with_comments_writes_in_place(tmp_path, glossary):
    path = draft(tmp_path)
    r = runner.invoke(app, ["fix", str(path), "-g", glossary, "--comments"])
    assert r.exit_code in (0, 1), r.output
    assert len(comments(path)) == 2
    assert read_document(path).text.split("\n")[0] == "The presence of troops."


def test_a_comment_ends_where_its_text_ends_after_tracked_fixes(tmp_path, glossary):
    # Each paragraph: two tracked fixes, then a withheld finding ("s" + bold "ite") followed by
    # Word's spelling mark. The comment's range ends right after "ite", in every paragraph:
    # the mark stays outside it (the writer once told its own revisions from other elements
    # by the address of a Python proxy, which Python reuses once the proxy is freed).
    mark = '<w:proofErr w:type="spellEnd"/>'
    line = p("The existence, the existence. Visit the s", run("ite", "<w:b/>"), mark, " today.")
    path = write(tmp_path / "marks.docx", line * 30)
    r = runner.invoke(app, ["fix", str(path), "-g", glossary, "--comments"])
    assert r.exit_code in (0, 1), r.output
    root = etree.fromstring(parts(path)["word/document.xml"])
    paragraphs = list(root.iter(f"{{{W}}}p"))
    assert len(paragraphs) == 30
    for para in paragraphs:
        tags = [etree.QName(child).localname for child in para]
        end = tags.index("commentRangeEnd")
        assert tags[end - 1 : end + 3] == ["r", "commentRangeEnd", "r", "proofErr"], tags
        assert "".join(para[end - 1].itertext()) == "ite"


def test_a_review_copy_of_a_non_word_file_is_refused(tmp_path, glossary):
    md = tmp_path / "a.md"
    md.write_text("The existence.\n")
    r = runner.invoke(app, ["report", str(md), "-g", glossary, "-o", str(tmp_path / "a.docx")])
    assert r.exit_code == 2 and "Word documents" in r.stderr


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) absent")
def test_libreoffice_reads_the_review_copy_and_the_fixed_seed(tmp_path, glossary):
    """An independent reader: LibreOffice opens the review copy with one comment per finding
    left, and the seed article as Word, fixed, reads with every change accepted as the fixed
    Markdown seed does."""
    path = draft(tmp_path)
    review = tmp_path / "draft.review.docx"
    runner.invoke(app, ["report", str(path), "-g", glossary, "-o", str(review)])
    seed_md = tmp_path / "seed.md"
    shutil.copyfile(SEED_ARTICLE, seed_md)
    data, _ = from_markdown(read_document(seed_md))
    seed = tmp_path / "seed.docx"
    seed.write_bytes(data)
    r = runner.invoke(app, ["fix", str(seed), str(seed_md)])
    assert r.exit_code in (0, 1), r.output
    fixed_as_word, _ = from_markdown(read_document(seed_md))
    (tmp_path / "want").mkdir()
    want = tmp_path / "want" / "seed.docx"
    want.write_bytes(fixed_as_word)
    script = ROOT / "benchmarks" / "libreoffice_view.py"
    out = subprocess.run([sys.executable, str(script), str(review), str(seed)],
                         capture_output=True, text=True, timeout=600, check=True).stdout
    seen = [json.loads(line) for line in out.splitlines()]
    assert len(seen[0]["comments"]) == 2
    assert seen[0]["paragraphs"] == read_document(review).text.split("\n")
    assert seen[1]["paragraphs"] == read_document(want).text.split("\n")


def test_html_and_xlsx_reports_name_story_and_paragraph(tmp_path, glossary):
    from openpyxl import load_workbook

    path = draft(tmp_path)
    html, xlsx = tmp_path / "r.html", tmp_path / "r.xlsx"
    for out in (html, xlsx):
        r = runner.invoke(app, ["report", str(path), "-g", glossary, "-o", str(out)])
        assert r.exit_code == 1, r.output
    assert "body, paragraph 1, character 5" in html.read_text(encoding="utf-8")
    rows = list(load_workbook(xlsx)["findings"].values)
    place = rows[0].index("place")
    assert [row[place] for row in rows[1:]][:2] == [
        "body, paragraph 1, character 5", "body, paragraph 2, character 11",
    ]


def test_corpus_reads_word_documents(tmp_path, glossary):
    write(tmp_path / "a.docx", p("The existence of troops."))
    write(tmp_path / "b.docx", p("The ", run("presence", "<w:i/>"), " of troops."))
    r = runner.invoke(app, ["corpus", str(tmp_path), "-g", glossary, "-f", "json"])
    assert r.exit_code in (0, 1), r.output
    data = json.loads(r.stdout)
    assert data["summary"]["files"] == 2
    group = next(g for g in data["variant_groups"] if g["entity"] == "presence")
    assert {v["text"]: [Path(d).name for d in v["documents"]] for v in group["variants"]} == {
        "presence": ["b.docx"], "existence": ["a.docx"],
    }


def test_a_header_finding_is_a_comment_in_the_body(tmp_path, glossary):
    """Word takes no comments in headers and footers: the comment goes on the body's first
    text and says where the finding is."""
    path = write(tmp_path / "d.docx", p("Body text."), headers=[p("The s", run("ite", "<w:b/>"))],
                 footnotes=[p("A s", run("ite", "<w:b/>"), " note.")])
    out = tmp_path / "d.review.docx"
    r = runner.invoke(app, ["report", str(path), "-g", glossary, "-o", str(out)])
    assert r.exit_code == 1, r.output
    notes = comments(out)
    assert len(notes) == 2
    header = [n for n in notes if n.startswith("In header 1, paragraph 1: TERM001")]
    assert len(header) == 1 and "'site'" in header[0]
    document = parts(out)["word/document.xml"].decode()
    footnotes = parts(out)["word/footnotes.xml"].decode()
    assert document.count("<w:commentReference") == footnotes.count("<w:commentReference") == 1
    assert parts(out)["word/header1.xml"] == parts(path)["word/header1.xml"]
