"""NLLB-200 and M2M100: language codes reach the tokenizer and the forced first token."""

from __future__ import annotations

import pytest

from mtqa.errors import MtqaError
from mtqa.mt import DecodeSettings, Request

from .test_retranslate import C_SRC


@pytest.mark.parametrize(
    ("kind", "src", "tgt", "token"),
    [("m2m", "ar", "en", "__en__"), ("nllb", "arb_Arab", "eng_Latn", "eng_Latn")],
)
def test_language_codes(tiny_model, tmp_path, kind, src, tgt, token):
    from mtqa.mt.hf import TransformersTranslator

    from .tiny_model import build_tiny_many_to_many

    folder = build_tiny_many_to_many(tmp_path, tiny_model.parent / "spm.model", kind)
    tr = TransformersTranslator(str(folder), device="cpu")  # the defaults: Arabic to English
    assert tr.tokenizer.src_lang == src
    assert tr.forced_bos == tr.tokenizer.convert_tokens_to_ids(token)
    assert (tr.info.source_language, tr.info.target_language) == (src, tgt)
    # The forced token is the first one generated (after the decoder start).
    enc = tr.tokenizer([C_SRC], return_tensors="pt")
    out = tr.model.generate(**enc, forced_bos_token_id=tr.forced_bos, max_new_tokens=4)
    assert out[0, 1].item() == tr.forced_bos
    settings = DecodeSettings(num_beams=2, num_return_sequences=2, max_new_tokens=6)
    assert [len(n) for n in tr.translate([Request(C_SRC), Request(C_SRC)], settings)] == [2, 2]
    with pytest.raises(MtqaError, match="unknown target language code"):
        TransformersTranslator(str(folder), device="cpu", target_language="xx_Nope")
