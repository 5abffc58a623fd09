from __future__ import annotations

import re
import shutil

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mtqa.checks import CheckContext
from mtqa.errors import InputError
from mtqa.fixing import apply_fixes, fix_document, write_fixed
from mtqa.linter import lint_document, lint_text
from mtqa.readers import document_from_text, read_document

from .conftest import SEED_ARTICLE, SEED_PAGE


def fixed_text(text, glossary, unsafe=False):
    return fix_document(document_from_text(text), glossary, unsafe=unsafe).fixed


def protected_regions(text: str) -> list[str]:
    """What must survive a fix byte for byte in the seed documents."""
    parts = re.findall(r"\((?:https?://|/)[^)]*\)|<https?://[^>]*>|href=\"[^\"]*\"", text)
    parts += re.findall(r"\{:[^}]*\}|\{%.*?%\}", text)
    parts += re.findall(r"(?s)<style>.*?</style>", text)
    parts += re.findall(r"(?s)\A---\n.*?\n---\n", text)
    m = re.search(r"(?s)### \*\*REFERENCES:\*\*.*\Z", text)
    if m:
        parts.append(m.group())
    m = re.search(r"(?s)### Recommended Citation.*?Available at: <[^>]*>", text)
    if m:
        parts.append(m.group())
    return parts


def test_fix_on_seed_copies_keeps_protected_regions(tmp_path, glossary):
    for seed in (SEED_ARTICLE, SEED_PAGE):
        copy = tmp_path / seed.name
        shutil.copy(seed, copy)
        before = copy.read_text(encoding="utf-8")
        doc = read_document(copy)
        result = fix_document(doc, glossary)
        write_fixed(doc, result)
        after = copy.read_text(encoding="utf-8")
        assert after != before
        regions = protected_regions(before)
        assert regions, seed
        for region in regions:
            assert region in after, region[:80]
        assert "US military presence in Iraq" in after
        assert "existence" in after  # the citations and URLs keep the title of record


def test_seed_fix_fixes_what_it_should(glossary):
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    out = fixed_text(text, glossary)
    for good in [
        "Ain al-Asad Air Base",
        "Camp Taji",
        "Kata'ib Hezbollah",
        "Qasem Soleimani",
        "Nouri al-Maliki",
        "Haider al-Abadi",
        "Adil Abdul-Mahdi",
        "Sulaymaniyah",
        "four sections",
        "first section",
        "Altun Kupri",
        "K-1 Air Base",
    ]:
        assert good in out, good
    body = out.split("### **REFERENCES:**")[0]
    assert "Ein Al-Asaad" not in body and "Qassim" not in body


def test_fix_is_idempotent_on_seed(glossary):
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    once = fixed_text(text, glossary, unsafe=True)
    assert fixed_text(once, glossary, unsafe=True) == once


def test_bytes_outside_edits_are_kept(tmp_path, glossary):
    raw = b"\xef\xbb\xbfThe US existence  \r\nof troops.\r\n\r\nKeep  \tthis.  "
    p = tmp_path / "a.md"
    p.write_bytes(raw)
    doc = read_document(p)
    write_fixed(doc, fix_document(doc, glossary, selection=None))
    assert p.read_bytes() == b"\xef\xbb\xbfThe US presence  \r\nof troops.\r\n\r\nKeep  \tthis.  "


def test_write_refuses_a_file_changed_since_read(tmp_path, glossary):
    p = tmp_path / "a.md"
    p.write_text("The US military existence.\n", encoding="utf-8")
    doc = read_document(p)
    result = fix_document(doc, glossary)
    p.write_text("Someone else's edit.\n", encoding="utf-8")
    try:
        write_fixed(doc, result)
    except InputError as exc:
        assert "changed on disk" in str(exc)
    else:
        raise AssertionError("overwrote a changed file")
    assert p.read_text(encoding="utf-8") == "Someone else's edit.\n"
    assert [x.name for x in tmp_path.iterdir()] == ["a.md"]  # no temporary file left


def test_overlapping_fixes_are_skipped_and_reported():

    from mtqa.findings import Applicability, Edit, Fix

    (f,) = lint_text("the the end")
    other = f._replace(fix=Fix(Applicability.SAFE, (Edit(0, 4, "a "),)))
    text, applied, skipped = apply_fixes("the the end", [other, f])
    assert applied == [other] and skipped == [f]
    assert text == "a the end"


def test_fixpoint_reaches_what_one_pass_cannot(glossary):
    result = fix_document(document_from_text("the the the end"), glossary)
    assert result.fixed == "the end" and result.iterations == 2 and result.converged


# ----------------------------------------------------------------------------- properties
_words = st.sampled_from(
    [
        "existence",
        "Existence",
        "the",
        "the the",
        "Ein Al-Asaad base",
        "Arbil",
        "US forces",
        "troops",
        "an",
        "a",
        "in",
        "Iraq",
        "Daesh",
        "“quoted",
        "(",
        ")",
        "  ",
        "\n",
        "\n\n",
        "`code existence`",
        "[link](/existence/)",
        "https://x.org/existence",
        "# ",
        "- ",
        "وجود",
        "Qassim Soleimani",
        "first requirement",
        "study",
        "\u00a0",
        "\r\n",
        "in the first place",
    ]
)
_docs = st.lists(_words, max_size=40).map(" ".join)
_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SETTINGS
@given(_docs)
def test_fix_is_idempotent(glossary, text):
    once = fixed_text(text, glossary, unsafe=True)
    assert fixed_text(once, glossary, unsafe=True) == once


@_SETTINGS
@given(_docs)
def test_text_outside_edits_is_byte_identical(glossary, text):
    ctx = CheckContext(glossary=glossary)
    findings = lint_document(document_from_text(text), context=ctx)
    new, applied, _ = apply_fixes(text, [f for f in findings if f.fix])
    edits = sorted((e for f in applied for e in f.fix.edits), key=lambda e: e.start)
    pos = 0
    rebuilt = []
    for e in edits:
        rebuilt.append(text[pos : e.start])
        rebuilt.append(e.text)
        pos = e.end
    rebuilt.append(text[pos:])
    assert "".join(rebuilt) == new
    # and every unedited stretch of the original appears, in order, in the output
    cursor = 0
    pos = 0
    for e in edits:
        chunk = text[pos : e.start]
        idx = new.find(chunk, cursor)
        assert idx == cursor
        cursor = idx + len(chunk) + len(e.text)
        pos = e.end


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_lint_never_crashes_on_arbitrary_unicode(glossary, text):
    for f in lint_text(text, glossary):
        assert 0 <= f.start <= f.end <= len(text)
        assert f.text == text[f.start : f.end]


_md = st.lists(
    st.sampled_from(
        [
            "---\n",
            "title: x\n",
            "```\n",
            "~~~",
            "<style>",
            "</style>",
            "{% raw %}",
            "{% endraw %}",
            "<!--",
            "-->",
            "    ",
            "# ",
            "## References\n",
            "[",
            "]",
            "(",
            ")",
            "<",
            ">",
            "`",
            "\n\n",
            "existence",
            "Arbil",
            "http://",
            "{{",
            "}}",
            "{:",
            "}",
            "|",
            "*",
            "\r\n",
            "\ufeff",
        ]
    )
    | st.text(max_size=5),
    max_size=60,
).map("".join)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_md)
def test_lint_never_crashes_on_markdown_shapes(glossary, text):
    for f in lint_text(text, glossary):
        assert f.text == text[f.start : f.end]
    fixed_text(text, glossary, unsafe=True)
