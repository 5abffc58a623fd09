"""Pure parts of the MT stage (no model): reranking, steering, placeholders, numbers, cache keys."""

from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st

from mtqa.mt import Candidate, DecodeSettings, ModelInfo, Request
from mtqa.mt.base import cache_key
from mtqa.mt.placeholders import mask, unmask
from mtqa.mt.stage import rerank, steering
from mtqa.mt.verify import numbers


def test_rerank_puts_glossary_compliance_before_model_score():
    req = Request("x", banned=("existence",), preferred=("presence",))
    nbest = [
        Candidate("the existence in Iraq", -0.1),
        Candidate("the forces in Iraq", -0.5),
        Candidate("the presence in Iraq", -0.9),
        Candidate("the Presence of forces", -0.7),
    ]
    order = [c.text for c in rerank(nbest, req)]
    assert order == [
        "the Presence of forces",
        "the presence in Iraq",
        "the forces in Iraq",
        "the existence in Iraq",
    ]


def test_steering_bans_literal_variants_and_favours_terms_whose_source_occurs(mt_glossary):
    banned, preferred = steering(mt_glossary, "الوجود في القاعدة")
    assert set(banned) == {"existence", "Ayn al-Asad"}
    assert preferred == ("presence",)
    assert steering(mt_glossary, "الجنود")[1] == ()
    assert steering(None, "الوجود") == ((), ())


def test_numbers_read_arabic_indic_digits_and_drop_thousands_separators():
    assert numbers("قتل ٥ جنود و2,000 مدني") == numbers("5 soldiers and 2000 civilians")
    assert numbers("5 soldiers") != numbers("soldiers")


def test_cache_key_changes_with_model_revision_settings_text_and_steering():
    info = ModelInfo("transformers", "m", "rev1")
    req = Request("text", ("a",), ("b",))
    base = cache_key(info, DecodeSettings(), req)
    assert base == cache_key(info, DecodeSettings(), Request("text", ("a",), ("b",)))
    assert base != cache_key(ModelInfo("transformers", "m", "rev2"), DecodeSettings(), req)
    assert base != cache_key(info, DecodeSettings(num_beams=3), req)
    assert base != cache_key(info, DecodeSettings(), Request("text2", ("a",), ("b",)))
    assert base != cache_key(info, DecodeSettings(), Request("text", (), ("b",)))


words = st.text(alphabet=string.ascii_letters + "ءابتثجحخد", min_size=1, max_size=6)
codes = st.sampled_from(["<b>", "</b>", '<x id="1"/>', "%s", "{{name}}", "`code`", "{0}"])
pieces = st.lists(st.one_of(words, codes), min_size=1, max_size=10)


@given(pieces, st.lists(st.booleans(), min_size=10, max_size=10))
def test_a_model_that_copies_placeholders_gets_the_source_back(parts, spaces):
    # Words and codes, each glued to the next or spaced: the model's output is the masked
    # text itself (a perfect copy); unmasking must give the source back, spacing and all.
    source = "".join(p + (" " if spaces[i] else "") for i, p in enumerate(parts)).strip()
    m = mask(source)
    assert unmask(m, m.text) == " ".join(source.split())


@given(pieces)
def test_dropping_any_placeholder_is_rejected(parts):
    m = mask(" ".join(parts))
    for n in range(1, len(m.codes) + 1):
        assert unmask(m, m.text.replace(f"{{{n}}}", "", 1)) is None
