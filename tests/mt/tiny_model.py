"""Build a tiny Arabic-English MarianMT model for the tests: real files, trained in seconds.

The model is a one-layer Marian transformer with sentencepiece tokenizers trained on the pairs
below. It is trained until it reproduces them, so tests can predict its output: segment A's
memorised translation carries the glossary variant "existence" (banning it must steer the model to
"presence", a word it knows from another pair); segment B's drops the number 5 (verification must
reject it); the placeholder pair keeps its inline-code markers.
"""

from __future__ import annotations

import json
from pathlib import Path

PAIRS: list[tuple[str, str]] = [
    ("الوجود العسكري الأمريكي في العراق", "the US military existence in Iraq"),
    ("وجود القوات في القاعدة", "the presence of forces at the base"),
    ("الوجود في القاعدة", "the presence at the base"),
    ("قتل 5 جنود في قاعدة عين الأسد", "soldiers were killed at Ain al-Asad base"),
    ("الجنود في القاعدة", "the soldiers at the base"),
    ("القوات الأمريكية في العراق", "the US forces in Iraq"),
    ("انظر {1} التقرير {2} عن العراق", "see {1} the report {2} on Iraq"),
    ("انظر {1} التقرير {2} عن القاعدة", "see the report on the base"),
    ("قاعدة عين الأسد", "Ain al-Asad base"),
    ("العسكري الأمريكي", "the US military"),
    ("الوجود العسكري في العراق", "the military presence in Iraq"),
    ("الوجود الأمريكي في العراق", "the US presence in Iraq"),
]

PLACEHOLDERS = ["{1}", "{2}", "{3}"]


def build_tiny_marian(folder: Path, steps: int = 600, seed: int = 0) -> Path:
    """Train and save the model and tokenizer under `folder` (save_pretrained layout)."""
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    # One thread: on a small shared machine, torch's default thread pool spins against the other
    # processes and training takes 20 times longer (150 s instead of 6 s, measured on 2 cores).
    torch.set_num_threads(1)
    folder.mkdir(parents=True, exist_ok=True)
    corpus = folder / "corpus.txt"
    corpus.write_text("\n".join(s for pair in PAIRS for s in pair) + "\n", encoding="utf-8")
    spm.SentencePieceTrainer.train(
        input=str(corpus),
        model_prefix=str(folder / "spm"),
        vocab_size=120,
        # Whole words as pieces: terms are single tokens, as frequent words are in real models.
        model_type="word",
        character_coverage=1.0,
        hard_vocab_limit=False,
        user_defined_symbols=PLACEHOLDERS,
        bos_id=-1,
        eos_id=1,
        unk_id=0,
        pad_id=-1,
        minloglevel=2,
    )
    sp = spm.SentencePieceProcessor(model_file=str(folder / "spm.model"))
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    vocab = {"</s>": 0, "<unk>": 1}
    for p in pieces:
        vocab.setdefault(p, len(vocab))
    vocab["<pad>"] = len(vocab)
    src = folder / "source.spm"
    src.write_bytes((folder / "spm.model").read_bytes())
    (folder / "target.spm").write_bytes(src.read_bytes())
    (folder / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tok = MarianTokenizer(
        source_spm=str(src), target_spm=str(folder / "target.spm"), vocab=str(folder / "vocab.json")
    )

    torch.manual_seed(seed)
    size = len(vocab)
    config = MarianConfig(
        vocab_size=size,
        decoder_vocab_size=size,
        d_model=64,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=128,
        decoder_ffn_dim=128,
        max_position_embeddings=64,
        pad_token_id=size - 1,
        decoder_start_token_id=size - 1,
        eos_token_id=0,
        forced_eos_token_id=0,
        dropout=0.0,
        attention_dropout=0.0,
        activation_dropout=0.0,
        share_encoder_decoder_embeddings=True,
        scale_embedding=True,
        activation_function="relu",
    )
    model = MarianMTModel(config)
    batch = tok(
        [s for s, _ in PAIRS], text_target=[t for _, t in PAIRS], padding=True, return_tensors="pt"
    )
    labels = batch["labels"].masked_fill(batch["labels"] == config.pad_token_id, -100)
    batch["labels"] = labels
    optim = torch.optim.Adam(model.parameters(), lr=3e-3)
    model.train()
    for _ in range(steps):
        loss = model(**batch).loss
        loss.backward()
        optim.step()
        optim.zero_grad()
    model.eval()
    out = folder / "model"
    model.save_pretrained(out)
    tok.save_pretrained(out)
    return out


if __name__ == "__main__":  # python tests/mt/tiny_model.py FOLDER: build and show the outputs
    import sys
    import time

    from transformers import MarianMTModel, MarianTokenizer

    t = time.perf_counter()
    path = build_tiny_marian(Path(sys.argv[1]))
    print(f"built in {time.perf_counter() - t:.1f}s")
    tok = MarianTokenizer.from_pretrained(path)
    model = MarianMTModel.from_pretrained(path)
    enc = tok([s for s, _ in PAIRS], return_tensors="pt", padding=True)
    out = model.generate(**enc, num_beams=4, max_new_tokens=32)
    for (_s, t_), o in zip(PAIRS, tok.batch_decode(out, skip_special_tokens=True), strict=True):
        print(o == t_, repr(o))


def build_tiny_many_to_many(folder: Path, spm_model: Path, kind: str) -> Path:
    """An untrained M2M100-architecture model with an M2M100 ("m2m") or NLLB ("nllb") tokenizer.

    Its outputs mean nothing; it is there to exercise the language-code paths (source language
    on the tokenizer, the target language forced as the first generated token)."""
    import torch
    from transformers import (
        M2M100Config,
        M2M100ForConditionalGeneration,
        M2M100Tokenizer,
        NllbTokenizer,
    )

    torch.manual_seed(0)
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "m2m":
        import sentencepiece as spm

        sp = spm.SentencePieceProcessor(model_file=str(spm_model))
        vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
        for i in range(sp.get_piece_size()):
            vocab.setdefault(sp.id_to_piece(i), len(vocab))
        (folder / "vocab.json").write_text(json.dumps(vocab), encoding="utf-8")
        tok = M2M100Tokenizer(
            vocab_file=str(folder / "vocab.json"),
            spm_file=str(spm_model),
            src_lang="ar",
            tgt_lang="en",
        )
        size = len(tok) + 128  # the language tokens sit after the vocabulary
    else:
        tok = NllbTokenizer(vocab_file=str(spm_model), src_lang="arb_Arab", tgt_lang="eng_Latn")
        size = len(tok) + 8
    config = M2M100Config(
        vocab_size=size,
        d_model=16,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=32,
        decoder_ffn_dim=32,
        max_position_embeddings=64,
        pad_token_id=tok.pad_token_id,
        bos_token_id=tok.bos_token_id,
        eos_token_id=tok.eos_token_id,
        decoder_start_token_id=tok.eos_token_id,
    )
    out = folder / kind
    M2M100ForConditionalGeneration(config).save_pretrained(out)
    tok.save_pretrained(out)
    return out
