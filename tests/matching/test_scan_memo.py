"""The name scan remembers what each name is (trimmed form, glossary entity, key) and still
says exactly what working it out afresh for every occurrence says."""

from __future__ import annotations

from bisect import bisect_left

from hypothesis import given, settings
from hypothesis import strategies as st

import mtqa
import mtqa.matching.names.finder as finder_module
import mtqa.matching.names.groups as groups
import mtqa.matching.names.scan as scan
import mtqa.matching.names.spans as spans
from mtqa.matching.names.finder import VariantFinder, feature_trimmed, iter_names
from mtqa.matching.names.scan import at_sentence_start, discovered_key, scan_names
from mtqa.readers import document_from_text

from ..conftest import SEED_ARTICLE, SEED_PAGE

FINDER = VariantFinder(mtqa.default_glossary())
REFERENCE = VariantFinder(mtqa.default_glossary())


def _afresh(text, blocks, taken, finder):
    """scan_names as it was: each occurrence trimmed, identified and keyed on its own (by a
    finder other than the scan's, so nothing the scan remembers is shared)."""
    starts = [s for s, _ in taken]
    for block in blocks:
        for s, e in block.spans:
            for ns, ne, name in iter_names(text, s, e):
                i = bisect_left(starts, ne) - 1
                if i >= 0 and taken[i][1] > ns:
                    continue
                match = finder.identify(name) if finder is not None else None
                inner = feature_trimmed(name) if match is None and finder is not None else None
                if inner is not None and (found := finder.identify(inner[1])) is not None:
                    # A name inside a phrase of kinds of place ("the Qaiyara Airfield").
                    s2 = ns + inner[0]
                    yield (block.start, s2, s2 + len(inner[1]), inner[1], found, None, False)
                    continue
                key = discovered_key(name) if match is None else None
                if match is not None:
                    yield (block.start, ns, ne, name, match, None, False)
                elif key is not None:
                    # Asked of one-word names only (proper_names needs it of no other).
                    initial = len(key) == 1 and at_sentence_start(text, block, ns)
                    yield (block.start, ns, ne, name, None, key, initial)


def _scanned(text, blocks, taken, finder):
    return [(h.block.start, *h[1:]) for h in scan_names(text, blocks, taken, finder)]


def test_real_articles_with_and_without_a_glossary(glossary):
    finder, reference = VariantFinder(glossary), VariantFinder(glossary)
    for path in (SEED_ARTICLE, SEED_PAGE):
        doc = document_from_text(path.read_text(encoding="utf-8"))
        taken = sorted({(m.start(), m.end()) for m in finder_module.NAME.finditer(doc.text)})[::7]
        for f, ref in ((finder, reference), (None, None)):
            for t in ([], taken):
                expected = list(_afresh(doc.text, doc.blocks, t, ref))
                assert _scanned(doc.text, doc.blocks, t, f) == expected
                # ...and again, now that every name is remembered.
                assert _scanned(doc.text, doc.blocks, t, f) == expected
        assert any(h[4] is not None for h in _afresh(doc.text, doc.blocks, [], reference)) or (
            path == SEED_PAGE
        )


WORDS = [
    "Ain",
    "al-Asad",
    "Ayn",
    "Asaad",
    "The",
    "In",
    "Abu",
    "Mahdi",
    "Erbil",
    "Arbil",
    "Kata'ib",
    "Hezbollah",
    "and",
    "left",
    ".",
    ",",
    "\n\n",
    "General",
    "Baghdad's",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join))
def test_any_text(text):
    doc = document_from_text(text)
    for f, ref in ((FINDER, REFERENCE), (None, None)):
        assert _scanned(doc.text, doc.blocks, [], f) == list(_afresh(doc.text, doc.blocks, [], ref))


def test_memos_are_bounded(glossary, monkeypatch):
    finder = VariantFinder(glossary)
    monkeypatch.setattr(finder_module, "MEMO_LIMIT", 4)
    monkeypatch.setattr(scan, "MEMO_LIMIT", 4)
    text = " ".join(f"Name{i} Ain al-Asad Ayn al-Asaad" for i in range(20))
    doc = document_from_text(text)
    assert _scanned(doc.text, doc.blocks, [], finder) == list(
        _afresh(doc.text, doc.blocks, [], VariantFinder(glossary))
    )
    assert 0 < finder.remembered <= 4
    assert 0 < scan.remembered(finder) <= 4
    for name in ("Ayn al-Asaad", "Qayara", "Nobody Here"):
        # Asked of a finder that has forgotten and remembered many names, and of a new one.
        assert finder.identify(name) == VariantFinder(glossary).identify(name)


# TERM004 walks only the names that can be in a group of two forms (groups.grouped_names);
# walking every name instead must report exactly the same.
MIXED_WORDS = [
    *WORDS,
    "Muhandis",
    "Mohandes",
    "al-Muhandis",
    "al-Mohandes",
    "Stop",
    "Step",
    "stop",
    "Qayara",
    "Qayyarah",
    "“",
    "”",
    "’s",
]


def _term004(text, glossary):
    from mtqa.linter import RuleSelection, lint_text

    selection = RuleSelection(select=("TERM",))
    return [f.to_dict() for f in lint_text(text, glossary, selection)]


def _every_name(monkeypatch):
    monkeypatch.setattr(groups, "grouped_names", lambda forms: None)


@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from(MIXED_WORDS), max_size=60).map(" ".join))
def test_walking_only_grouped_names_reports_the_same(text):
    import pytest

    expected = {}
    for glossary in (None, mtqa.default_glossary()):
        with pytest.MonkeyPatch.context() as mp:
            _every_name(mp)
            expected[glossary is None] = _term004(text, glossary)
    for glossary in (None, mtqa.default_glossary()):
        assert _term004(text, glossary) == expected[glossary is None]


def test_walking_only_grouped_names_on_real_articles(monkeypatch):
    texts = [p.read_text(encoding="utf-8") for p in (SEED_ARTICLE, SEED_PAGE)]
    fast = [_term004(t, g) for t in texts for g in (None, mtqa.default_glossary())]
    _every_name(monkeypatch)
    slow = [_term004(t, g) for t in texts for g in (None, mtqa.default_glossary())]
    assert fast == slow
    assert any(f["code"] == "TERM004" for fs in fast for f in fs)


def test_a_text_too_long_to_keep_its_scan_is_walked_once_with_the_same_findings(monkeypatch):
    texts = [p.read_text(encoding="utf-8") for p in (SEED_ARTICLE, SEED_PAGE)]
    kept = [_term004(t, g) for t in texts for g in (None, mtqa.default_glossary())]
    monkeypatch.setattr(scan, "KEEP_CHARS", 0)
    walks = []
    real = spans.name_span_windows  # where a walk over the names starts

    def counted(text, spans):
        walks.append(text)
        return real(text, spans)

    monkeypatch.setattr(spans, "name_span_windows", counted)
    once = [_term004(t, g) for t in texts for g in (None, mtqa.default_glossary())]
    assert once == kept
    assert len(walks) == len(once)  # one walk per document, not two
