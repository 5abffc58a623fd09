"""The retranslation stage on a real (tiny, trained) Marian model: loading, batching, banning,
biasing, reranking, verification, placeholders, the cache and writing."""

from __future__ import annotations

import pytest

from mtqa.findings import Applicability
from mtqa.mt import DecodeSettings, Request
from mtqa.mt.cache import TranslationCache
from mtqa.mt.stage import retranslate

from .tsv_reader import write_bitsv

A_SRC = "الوجود العسكري الأمريكي في العراق"
B_SRC = "قتل 5 جنود في قاعدة عين الأسد"
C_SRC = "الجنود في القاعدة"
ROWS = [
    ("s1", A_SRC, "the US military existence in Iraq"),
    ("s2", B_SRC, "5 soldiers were killed at Ayn al-Asad base"),
    ("s3", C_SRC, "the soldiers at the base"),
]
SETTINGS = DecodeSettings(num_beams=5, num_return_sequences=4)


class Counting:
    """A translator wrapper that counts the requests reaching the model."""

    def __init__(self, inner):
        self.inner = inner
        self.info = inner.info
        self.requests = 0
        self.calls = 0

    def translate(self, requests, settings):
        self.calls += 1
        self.requests += len(requests)
        return self.inner.translate(requests, settings)


def test_memorised_output_carries_the_variant_and_a_ban_removes_it(translator):
    plain = translator.translate([Request(A_SRC)], SETTINGS)[0]
    assert plain[0].text == "the US military existence in Iraq"
    banned = translator.translate([Request(A_SRC, banned=("existence",))], SETTINGS)[0]
    assert banned and all("existence" not in c.text.lower() for c in banned)


def test_bias_brings_the_preferred_term_into_the_nbest(translator):
    req = Request(A_SRC, banned=("existence",), preferred=("presence",))
    nbest = translator.translate([req], SETTINGS)[0]
    assert "presence" in nbest[0].text
    unbiased = translator.translate([Request(A_SRC, banned=("existence",))], SETTINGS)[0]
    count = sum("presence" in c.text for c in nbest)
    assert count >= sum("presence" in c.text for c in unbiased)


def test_row_bias_walks_the_term_and_only_in_its_own_rows():
    torch = pytest.importorskip("torch")
    from mtqa.mt.hf import row_sequence_bias

    # Two batch items, two beams each; only item 0 favours the term (7, 8).
    proc = row_sequence_bias([[((7, 8), 3.0)], []], num_beams=2)
    ids = torch.tensor([[1, 5], [1, 7], [1, 5], [1, 7]])
    scores = proc(ids, torch.zeros(4, 10))
    assert scores[0, 7] == 3.0 and scores[0, 8] == 0.0  # start of the term
    assert scores[1, 8] == 3.0 and scores[1, 7] == 0.0  # after 7 comes 8
    assert scores[2:].abs().sum() == 0  # item 1 asked for nothing
    done = proc(torch.tensor([[7, 8], [7, 8], [1, 1], [1, 1]]), torch.zeros(4, 10))
    assert done[:2].abs().sum() == 0  # a term already written gets no more bonus


def test_batching_gives_the_same_outputs_as_one_at_a_time(translator):
    reqs = [Request(C_SRC), Request(A_SRC), Request(B_SRC)]
    batched = translator.translate(reqs, DecodeSettings(num_beams=2, num_return_sequences=1))
    single = [
        translator.translate([r], DecodeSettings(num_beams=2, num_return_sequences=1))[0]
        for r in reqs
    ]
    assert [b[0].text for b in batched] == [s[0].text for s in single]


def test_apply_replaces_only_verified_segments(translator, mt_glossary, tmp_path):
    path = tmp_path / "article.bitsv"
    write_bitsv(path, ROWS)
    before = path.read_text(encoding="utf-8").splitlines()
    counting = Counting(translator)
    result = retranslate(
        [path],
        counting,
        mt_glossary,
        settings=SETTINGS,
        apply=True,
        cache=TranslationCache(tmp_path / "cache"),
    )
    after = path.read_text(encoding="utf-8").splitlines()
    # Only the two flagged segments were translated, in one batch.
    assert counting.requests == 2 and counting.calls == 1
    [accepted] = result.accepted
    assert accepted.segment_id == "s1" and accepted.fix.applicability is Applicability.UNSAFE
    assert "presence" in accepted.candidate and "existence" not in accepted.candidate
    assert after[0] == f"s1\t{A_SRC}\t{accepted.candidate}"
    # s2's candidates drop the 5: rejected, shown as display-only, never written.
    assert after[1:] == before[1:]
    s2 = [o for o in result.suggestions if o.segment_id == "s2"]
    assert s2 and all(o.fix.applicability is Applicability.DISPLAY_ONLY for o in s2)
    assert all("numbers differ from the source" in o.reasons for o in s2)
    assert result.files[0].written
    assert "model:" in result.signature and "beams:5" in result.signature


def test_no_banned_variant_in_any_accepted_output(translator, mt_glossary, tmp_path):
    rows = [(f"x{i}", src, tgt) for i, (_, src, tgt) in enumerate(ROWS * 3)]
    path = tmp_path / "many.bitsv"
    write_bitsv(path, rows)
    result = retranslate([path], translator, mt_glossary, settings=SETTINGS)
    variants = [v.text.lower() for e in mt_glossary for v in e.variants if v.text]
    assert result.accepted
    for o in result.accepted:
        assert not any(v in o.candidate.lower() for v in variants)


def test_failed_verification_leaves_the_file_untouched(translator, mt_glossary, tmp_path):
    path = tmp_path / "only-b.bitsv"
    write_bitsv(path, [ROWS[1], ROWS[2]])
    data = path.read_bytes()
    result = retranslate([path], translator, mt_glossary, settings=SETTINGS, apply=True)
    assert path.read_bytes() == data
    assert not result.accepted and result.suggestions
    assert not result.files[0].written


def test_without_apply_nothing_is_written(translator, mt_glossary, tmp_path):
    path = tmp_path / "article.bitsv"
    write_bitsv(path, ROWS)
    data = path.read_bytes()
    result = retranslate([path], translator, mt_glossary, settings=SETTINGS)
    assert path.read_bytes() == data
    assert result.accepted and "+s1\t" in result.files[0].diff()


def test_the_cache_is_used(translator, mt_glossary, tmp_path):
    path = tmp_path / "article.bitsv"
    write_bitsv(path, ROWS)
    cache = TranslationCache(tmp_path / "cache")
    first = retranslate([path], translator, mt_glossary, settings=SETTINGS, cache=cache)
    counting = Counting(translator)
    second = retranslate([path], counting, mt_glossary, settings=SETTINGS, cache=cache)
    assert first.translated == 2 and second.translated == 0
    assert second.cache_hits == 2 and counting.calls == 0
    assert [o.to_dict() for o in second.accepted] == [o.to_dict() for o in first.accepted]
    # Other settings are another key: the model is asked again.
    third = retranslate(
        [path],
        counting,
        mt_glossary,
        settings=DecodeSettings(num_beams=4, num_return_sequences=4),
        cache=cache,
    )
    assert third.translated == 2 and counting.calls == 1


def test_segments_across_files_are_batched_and_mapped_back(translator, mt_glossary, tmp_path):
    a, b = tmp_path / "a.bitsv", tmp_path / "b.bitsv"
    write_bitsv(a, [ROWS[2], ROWS[0]])
    write_bitsv(b, [ROWS[1], ("t9", A_SRC, "the US military existence in Iraq")])
    counting = Counting(translator)
    result = retranslate([a, b], counting, mt_glossary, settings=SETTINGS)
    # One call for both files; s1 and t9 share a source, so the model sees it once.
    assert counting.calls == 1 and counting.requests == 2
    got = {(o.path.rsplit("/", 1)[-1], o.segment_id) for o in result.accepted}
    assert got == {("a.bitsv", "s1"), ("b.bitsv", "t9")}


def test_placeholders_survive_and_codes_come_back(translator, mt_glossary, tmp_path):
    from mtqa.mt.placeholders import mask, unmask

    masked = mask("انظر <b>التقرير</b> عن العراق")
    assert masked.text == "انظر {1} التقرير {2} عن العراق"
    out = translator.translate([Request(masked.text)], SETTINGS)[0][0].text
    assert unmask(masked, out) == "see <b>the report</b> on Iraq"
    # This source's memorised output drops both placeholders: no candidate may be accepted.
    lost = mask("انظر <b>التقرير</b> عن القاعدة")
    outs = translator.translate([Request(lost.text)], SETTINGS)[0]
    assert unmask(lost, outs[0].text) is None


@pytest.mark.parametrize(
    ("output", "expected"),
    [
        ("see {1} the report {2} on {3}", "see <b>the report</b> on %s"),
        ("{1} the report {2} {3}", "<b>the report</b> %s"),
        ("see the report {2} on {3}", None),
        ("see {1} {1} the report {2} on {3}", None),
        ("see {1} the report {2} on {3} {4}", None),
    ],
)
def test_unmask_rejects_lost_repeated_or_invented_placeholders(output, expected):
    from mtqa.mt.placeholders import mask, unmask

    assert unmask(mask("انظر <b>التقرير</b> عن %s"), output) == expected
