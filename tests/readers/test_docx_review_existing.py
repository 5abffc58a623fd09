"""Review copies of Word documents that already hold comments, replies and other authors'
tracked changes: the new comments join the old ones, and every id stays unique."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree
from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.readers import read_document
from mtqa.readers.docx.verify import view

from ..docx_builder import CT, GLOSSARY, REL, W, p, parts, run, write

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[2]
W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
W15 = "http://schemas.microsoft.com/office/word/2012/wordml"
W16CID = "http://schemas.microsoft.com/office/word/2016/wordml/cid"
MS_REL = "http://schemas.microsoft.com/office"
DATE = 'w:date="2024-01-01T00:00:00Z"'
# Ann's comment and Bob's reply to it, as Word 2016 and later write them: the comments, their
# threads (commentsExtended, by the paragraph id of each comment's last paragraph), their
# durable ids (commentsIds) and the people who wrote them.
COMMENTS = (
    f'<w:comments xmlns:w="{W}" xmlns:w14="{W14}">'
    f'<w:comment w:id="3" w:author="Ann" {DATE} w:initials="A"><w:p w14:paraId="1A2B3C4D">'
    '<w:r><w:t>Check the figure.</w:t></w:r></w:p></w:comment>'
    f'<w:comment w:id="4" w:author="Bob" {DATE} w:initials="B"><w:p w14:paraId="2B3C4D5E">'
    "<w:r><w:t>Checked.</w:t></w:r></w:p></w:comment></w:comments>"
)
THREADS = (
    f'<w15:commentsEx xmlns:w15="{W15}"><w15:commentEx w15:paraId="1A2B3C4D" w15:done="0"/>'
    '<w15:commentEx w15:paraId="2B3C4D5E" w15:paraIdParent="1A2B3C4D" w15:done="0"/>'
    "</w15:commentsEx>"
)
DURABLE = (
    f'<w16cid:commentsIds xmlns:w16cid="{W16CID}">'
    '<w16cid:commentId w16cid:paraId="1A2B3C4D" w16cid:durableId="1C2D3E4F"/>'
    '<w16cid:commentId w16cid:paraId="2B3C4D5E" w16cid:durableId="2D3E4F50"/>'
    "</w16cid:commentsIds>"
)
PEOPLE = (
    f'<w15:people xmlns:w15="{W15}"><w15:person w15:author="Ann"><w15:presenceInfo '
    'w15:providerId="None" w15:userId="Ann"/></w15:person></w15:people>'
)
EXTENDED = "application/vnd.openxmlformats-officedocument.wordprocessingml"
THREAD_PARTS = {
    "word/commentsExtended.xml": (f"{MS_REL}/2011/relationships/commentsExtended",
                                  f"{EXTENDED}.commentsExtended+xml", THREADS),
    "word/commentsIds.xml": (f"{MS_REL}/2016/09/relationships/commentsIds",
                             f"{EXTENDED}.commentsIds+xml", DURABLE),
    "word/people.xml": (f"{MS_REL}/2011/relationships/people", f"{EXTENDED}.people+xml", PEOPLE),
}


@pytest.fixture
def glossary(tmp_path):
    path = tmp_path / "g.yaml"
    path.write_text(GLOSSARY, encoding="utf-8")
    return str(path)


def reviewed_draft(tmp_path, comments_part: str = "word/comments.xml") -> Path:
    """A draft an editor has been through: a bookmark, Ann's comment with Bob's reply, Ann's
    tracked insertion and deletion; and findings to fix (existence, colour) and to comment on
    (a word half bold, a word in Ann's insertion, two spaces beside Ann's deletion). Ids 0-4
    are taken."""
    anchor = '<w:r><w:commentReference w:id="{0}"/></w:r>'
    body = (
        p('<w:bookmarkStart w:id="0" w:name="start"/>', '<w:commentRangeStart w:id="3"/>',
          '<w:commentRangeStart w:id="4"/>', "The existence of troops.",
          '<w:commentRangeEnd w:id="3"/>', anchor.format(3), '<w:commentRangeEnd w:id="4"/>',
          anchor.format(4), '<w:bookmarkEnd w:id="0"/>')
        + p("Visit the s", run("ite", "<w:b/>"), " today.")
        + p("Kept ", f'<w:ins w:id="1" w:author="Ann" {DATE}>{run("colour")}</w:ins>', " and ",
            f'<w:del w:id="2" w:author="Ann" {DATE}><w:r><w:delText>old</w:delText></w:r>'
            "</w:del>", " colour.")
    )
    related = {comments_part: ("comments", f"{CT}.comments+xml", COMMENTS), **THREAD_PARTS}
    return write(tmp_path / "draft.docx", body, related=related)


def review(tmp_path, glossary, comments_part: str = "word/comments.xml") -> tuple[Path, Path]:
    path = reviewed_draft(tmp_path, comments_part)
    out = tmp_path / "draft.review.docx"
    r = runner.invoke(app, ["report", str(path), "-g", glossary, "-o", str(out)])
    assert r.exit_code == 1, r.output
    assert "2 fixes as tracked changes, 3 comments" in r.stderr
    return path, out


def ids(xml: bytes, *tags: str) -> list[str]:
    root = etree.fromstring(xml)
    return [el.get(f"{{{W}}}id") for tag in tags for el in root.iter(f"{{{W}}}{tag}")]


@pytest.mark.parametrize("comments_part", ["word/comments.xml", "word/comments2.xml"])
def test_new_comments_join_the_old_ones_under_ids_of_their_own(tmp_path, glossary, comments_part):
    path, out = review(tmp_path, glossary, comments_part)
    before, after = parts(path), parts(out)
    assert set(after) == set(before)  # the comments part is the document's own, not a second
    comments = etree.fromstring(after[comments_part])
    found = [(c.get(f"{{{W}}}id"), c.get(f"{{{W}}}author")) for c in comments]
    assert found[:2] == [("3", "Ann"), ("4", "Bob")]
    assert [author for _, author in found[2:]] == ["mtqa", "mtqa", "mtqa"]
    document = after["word/document.xml"]
    revisions = ids(document, "ins", "del")
    bookmarks = ids(document, "bookmarkStart")
    comment_ids = [cid for cid, _ in found]
    every = revisions + bookmarks + comment_ids
    assert len(every) == len(set(every)) == 2 + 4 + 1 + 5  # Ann's 2, mtqa's 2 fixes, all ids
    for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        assert sorted(ids(document, tag)) == sorted(comment_ids)
    rels = after["word/_rels/document.xml.rels"].decode()
    assert rels.count(f'Type="{REL}/comments"') == 1


def test_a_comments_part_the_document_does_not_name_is_left_alone(tmp_path, glossary):
    """A stray word/comments.xml, which no relationship names, is not the document's: Word
    would not show comments put there. The new comments go to a part of their own."""
    stray = COMMENTS.encode()
    path = write(tmp_path / "draft.docx", p("Visit the s", run("ite", "<w:b/>"), " today."),
                 extra_parts={"word/comments.xml": stray})
    out = tmp_path / "draft.review.docx"
    r = runner.invoke(app, ["report", str(path), "-g", glossary, "-o", str(out)])
    assert r.exit_code == 1, r.output
    after = parts(out)
    assert after["word/comments.xml"] == stray
    rels = after["word/_rels/document.xml.rels"].decode()
    assert re.findall(r'Type="[^"]+/comments" Target="([^"]+)"', rels) == ["comments2.xml"]
    assert "/word/comments2.xml" in after["[Content_Types].xml"].decode()
    new = etree.fromstring(after["word/comments2.xml"])
    assert [c.get(f"{{{W}}}id") for c in new] == ["1"]  # the stray ids are not the document's


def test_threads_durable_ids_and_people_stay_consistent(tmp_path, glossary):
    """The parts that describe comments by their paragraph ids are left as they were: the new
    comments' paragraphs carry none, so those parts still name exactly the old comments."""
    path, out = review(tmp_path, glossary)
    before, after = parts(path), parts(out)
    for name in THREAD_PARTS:
        assert after[name] == before[name]
    comments = etree.fromstring(after["word/comments.xml"])
    para_ids = [q.get(f"{{{W14}}}paraId") for q in comments.iter(f"{{{W}}}p")]
    named = [el.get(f"{{{W15}}}paraId") for el in etree.fromstring(after["word/commentsExtended.xml"])]
    named += [el.get(f"{{{W16CID}}}paraId") for el in etree.fromstring(after["word/commentsIds.xml"])]
    assert set(named) == {i for i in para_ids if i is not None} == {"1A2B3C4D", "2B3C4D5E"}


def test_other_authors_revisions_stay_pending(tmp_path, glossary):
    path, out = review(tmp_path, glossary)
    root = etree.fromstring(parts(out)["word/document.xml"])
    authors = sorted(el.get(f"{{{W}}}author") for el in root.iter(f"{{{W}}}ins", f"{{{W}}}del"))
    assert authors == ["Ann", "Ann", "mtqa", "mtqa", "mtqa", "mtqa"]
    for deletion in root.iter(f"{{{W}}}del"):  # a fix's two halves stay side by side
        if deletion.get(f"{{{W}}}author") == "mtqa":
            assert deletion.getnext().tag == f"{{{W}}}ins"
    original = etree.fromstring(parts(path)["word/document.xml"])
    assert paragraphs(view(root, accept=False)) == paragraphs(view(original, accept=False))
    assert paragraphs(view(root, accept=True)) == [
        "The presence of troops.", "Visit the site today.", "Kept colour and  color.",
    ]
    assert read_document(out).text == "The presence of troops.\nVisit the site today.\n" \
        "Kept colour and  color."


def paragraphs(root) -> list[str]:
    return ["".join(t.text or "" for t in q.iter(f"{{{W}}}t")) for q in root.iter(f"{{{W}}}p")]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) absent")
def test_libreoffice_reads_the_old_and_new_comments(tmp_path, glossary):
    _, out = review(tmp_path, glossary)
    script = ROOT / "benchmarks" / "libreoffice_view.py"
    seen = json.loads(subprocess.run([sys.executable, str(script), str(out)], capture_output=True,
                                     text=True, timeout=600, check=True).stdout)
    assert sorted(seen["comments"][:2]) == ["Check the figure.", "Checked."]
    assert len(seen["comments"]) == 5
    assert [re.match(r"\w+", c).group() for c in seen["comments"][2:]] == [
        "TERM001", "TERM001", "WS001",
    ]
