from __future__ import annotations

import pytest

from mtqa.documents import CITATION, FRONT_MATTER
from mtqa.errors import InputError
from mtqa.readers import document_from_text, read_document


def prose(text: str) -> list[str]:
    doc = document_from_text(text)
    return [text[s:e] for b in doc.blocks for s, e in b.spans]


def joined(text: str) -> str:
    return " ".join(prose(text))


def test_front_matter_only_prose_keys():
    text = (
        "---\nlayout: default\ntitle: The existence of troops\nparent: § existence\n"
        "permalink: /existence/\n---\nBody existence.\n"
    )
    doc = document_from_text(text)
    fm = [b for b in doc.blocks if b.kind == FRONT_MATTER]
    assert [text[b.start : b.end] for b in fm] == ["The existence of troops"]
    assert "§ existence" not in joined(text) and "/existence/" not in joined(text)


@pytest.mark.parametrize(
    "hidden",
    [
        "<style>\n.existence { color: red }\n</style>",
        "```\nexistence = 1\n```",
        "    existence in indented code",
        "{% highlight md %}\nexistence\n{% endhighlight %}",
        "<!-- existence\nof a comment -->",
        "<script>var existence = 1;</script>",
    ],
)
def test_blocks_that_are_never_prose(hidden):
    text = f"Intro.\n\n{hidden}\n\nOutro.\n"
    assert "existence" not in joined(text)
    assert "Intro." in joined(text) and "Outro." in joined(text)


@pytest.mark.parametrize(
    "inline",
    [
        "`existence`",
        "[link](/docs/US-military-existence/)",
        "![img](existence.png)",
        "<https://example.org/existence>",
        "https://example.org/existence-of-bases",
        "www.existence.org",
        "doi:10.55384/existence.1088",
        "{% link existence.md %}",
        "{{ page.existence }}",
        "{: .existence}",
        '<a href="/existence/">',
        "existence@example.org",
    ],
)
def test_inline_holes_are_not_prose(inline):
    assert "existence" not in joined(f"Text {inline} text.")


def test_link_text_is_prose_and_brackets_stay():
    spans = joined("See [the existence](/x/) here.")
    assert "the existence" in spans
    assert "[" not in spans and "/x/" not in spans


def test_references_section_is_citation_until_next_heading():
    text = (
        "# Title\n\nThe existence.\n\n## References\n\n- A. (2019). US existence.\n\n"
        "## Appendix\n\nMore existence.\n"
    )
    doc = document_from_text(text)
    kinds = {text[b.start : b.end]: b.kind for b in doc.blocks}
    assert kinds["- A. (2019). US existence."] == CITATION
    assert kinds["More existence."] != CITATION
    assert kinds["The existence."] != CITATION


def test_bold_references_line_and_recommended_citation():
    text = "Body.\n\n### **REFERENCES:**\n\n- 1- US military existence.\n"
    doc = document_from_text(text)
    assert doc.blocks[-1].kind == CITATION
    text2 = 'Recommended Citation: Maree (2022) "US military existence".\n'
    assert document_from_text(text2).blocks[0].kind == CITATION


def test_positions_are_one_based():
    doc = document_from_text("ab\r\ncd\nef")
    assert doc.position(0) == (1, 1)
    assert doc.position(4) == (2, 1)
    assert doc.position(8) == (3, 2)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x00\x01binary\x00", "binary file"),
        (b"caf\xe9 existence\n", "not valid UTF-8 at byte 3"),
    ],
)
def test_bad_files_give_one_line_reasons(tmp_path, content, reason):
    p = tmp_path / "a.md"
    p.write_bytes(content)
    with pytest.raises(InputError) as exc:
        read_document(p)
    assert reason in str(exc.value) and str(p) in str(exc.value)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.md")


def test_bom_and_utf16_are_read(tmp_path):
    p = tmp_path / "a.md"
    p.write_bytes(b"\xef\xbb\xbfThe existence.\n")
    doc = read_document(p)
    assert doc.text == "The existence.\n" and doc.bom == b"\xef\xbb\xbf"
    q = tmp_path / "b.md"
    q.write_bytes("The existence.\n".encode("utf-16"))
    assert read_document(q).text == "The existence.\n"
