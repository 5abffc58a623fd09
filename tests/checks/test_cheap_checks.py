"""The checks' fast paths (a prefilter, a candidate regex, a balance test in C) report exactly
what their plain scans report, on any text and any layout of prose and holes."""

from __future__ import annotations

import re

from hypothesis import given, settings

from mtqa.checks import CheckContext, punctuation, script, whitespace
from mtqa.documents.model import Block, Document

from ..doc_strategies import documents

CTX = CheckContext()


def _plain_whitespace(doc: Document):
    """WS001 as it was: the look-behind regex tried at every character of the prose."""
    text = doc.text
    for block in doc.blocks:
        for s, e in block.spans:
            for m in whitespace.WORD_GAP.finditer(text, s, e):
                if m.end() - m.start() > 2 and whitespace.in_table_row(text, m.start()):
                    continue
                yield whitespace.doubled_space(doc, block, m.start(), m.end())


@settings(max_examples=400, deadline=None)
@given(documents("a1 _\u00a0,;:)]’”\"'([‘“|\n.-"))
def test_doubled_space_candidates_find_what_the_full_regex_finds(doc):
    assert list(whitespace.run(doc, CTX)) == list(_plain_whitespace(doc))


@settings(max_examples=400, deadline=None)
@given(documents('()[]{}“”"a1\n ', max_size=60))
def test_balanced_blocks_are_skipped_only_when_they_have_no_finding(doc):
    plain = [
        f
        for block in doc.blocks
        for f in (
            *punctuation.bracket_findings(doc, block),
            *punctuation.quote_findings(doc, block),
        )
    ]
    assert list(punctuation.run(doc, CTX)) == plain


# SCRIPT001 as its rule says: every run of Arabic letters (words joined by spaces) in the prose.
ARABIC_RUN = re.compile(
    "[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+"
    "(?:[ \u00a0]+[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]+)*"
)


@settings(max_examples=200, deadline=None)
@given(documents("aé“ \u0627\u0644\u06ff\u0750\u08a0\ufb50\ufeff\u05ff\u0900\ud800"))
def test_arabic_prefilter_never_hides_a_finding(doc):
    want = [
        (m.start(), m.end())
        for block in doc.blocks
        for s, e in block.spans
        for m in ARABIC_RUN.finditer(doc.text, s, e)
    ]
    assert [(f.start, f.end) for f in script.run(doc, CTX)] == want


def test_every_arabic_block_edge_passes_the_prefilter():
    for low, high in (
        (0x600, 0x6FF),
        (0x750, 0x77F),
        (0x8A0, 0x8FF),
        (0xFB50, 0xFDFF),
        (0xFE70, 0xFEFF),
    ):
        for cp in (low, high):
            text = f"the “word” {chr(cp)} here"
            doc = Document(path="t", text=text, blocks=(Block(0, len(text), ((0, len(text)),)),))
            assert [f.text for f in script.run(doc, CTX)] == [chr(cp)], hex(cp)


def test_numpy_loads_when_a_document_is_checked_not_on_import():
    import subprocess
    import sys

    code = (
        "import sys, mtqa.checks, mtqa.matching.names.scan, mtqa.matching.names.groups\n"
        "print('numpy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"  # `mtqa rules` and the like never pay for it
