"""The CTranslate2 backend: a converted model folder (`ct2-transformers-converter`).

The folder holds the converted weights (model.bin) and the original tokenizer files (convert with
`--copy_files` for them, or they are looked up with `tokenizer`). Variants are banned with
`suppress_sequences`, over the same tokenisations as the transformers backend. CTranslate2 has no
per-sequence bias; preferred terms are left to reranking and verification, so with this backend
fewer segments may find an accepted candidate (docs/benchmarks.md says how many on the benchmark).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..errors import MtqaError
from .base import Candidate, DecodeSettings, ModelInfo, Request
from .hf import missing_extra, quiet_libraries
from .terms import token_pieces


def is_ct2_folder(path: str | Path) -> bool:
    p = Path(path)
    return (p / "model.bin").is_file() and not (p / "model.safetensors").is_file()


def claims(model: str) -> bool:
    """`--backend auto` picks this backend for a converted model folder."""
    return is_ct2_folder(model)


def load(
    model: str,
    *,
    device: str = "auto",
    revision: str | None = None,
    source_language: str | None = None,
    target_language: str | None = None,
) -> CTranslate2Translator:
    """The backend's translator. A converted folder has no Hub revision, and its tokenizer's
    language settings were fixed at conversion."""
    return CTranslate2Translator(model, device=device)


class CTranslate2Translator:
    def __init__(
        self, model: str, device: str = "auto", tokenizer: str | None = None, threads: int = 0
    ):
        try:
            import ctranslate2
            import transformers
        except ImportError as exc:
            raise missing_extra(exc) from None
        if not is_ct2_folder(model):
            raise MtqaError(f"{model}: not a CTranslate2 model folder (no model.bin)")
        if device == "auto":
            device = "cuda" if ctranslate2.get_cuda_device_count() else "cpu"
        try:
            self.translator = ctranslate2.Translator(model, device=device, intra_threads=threads)
            with quiet_libraries():
                self.tokenizer = transformers.AutoTokenizer.from_pretrained(tokenizer or model)
        except (OSError, RuntimeError, ValueError) as exc:
            raise MtqaError(f"{model}: cannot load the CTranslate2 model ({exc})") from None
        h = hashlib.sha256((Path(model) / "model.bin").read_bytes()).hexdigest()
        self.info = ModelInfo(backend="ctranslate2", name=Path(model).name, revision=h)
        self.max_positions: int | None = None
        sidecar = Path(model) / SIDECAR
        if sidecar.is_file():
            import json

            self.max_positions = json.loads(sidecar.read_text(encoding="utf-8")).get(
                "max_positions"
            )

    def translate(self, requests: list[Request], settings: DecodeSettings) -> list[list[Candidate]]:
        tok = self.tokenizer
        source = [tok.convert_ids_to_tokens(tok(r.text)["input_ids"]) for r in requests]
        banned = sorted({t for r in requests for t in r.banned}) if settings.ban_variants else []
        beams = max(settings.num_beams, settings.num_return_sequences)
        results = self.translator.translate_batch(
            source,
            beam_size=beams,
            num_hypotheses=settings.num_return_sequences,
            max_decoding_length=min(settings.max_new_tokens, (self.max_positions or 10**6) - 2),
            max_batch_size=settings.batch_size,
            return_scores=True,
            suppress_sequences=token_pieces(tok, banned) or None,
        )
        out = []
        for res in results:
            cands = []
            for hyp, score in zip(res.hypotheses, res.scores, strict=True):
                ids = tok.convert_tokens_to_ids(hyp)
                cands.append(Candidate(tok.decode(ids, skip_special_tokens=True).strip(), score))
            out.append(cands)
        return out


SIDECAR = "mtqa-ct2.json"
TOKENIZER_FILES = (
    "source.spm",
    "target.spm",
    "vocab.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "sentencepiece.bpe.model",
    "tokenizer.json",
)


def convert(model: str | Path, output: str | Path, quantization: str | None = None) -> Path:
    """Convert a transformers model folder to CTranslate2, with its tokenizer files.

    The converter writes "</s>" as the decoder start token for Marian models; a model whose
    configuration names another (opus-mt uses <pad>) would then decode from the wrong state, so
    the start token is taken from the model's own configuration.
    """
    import json

    from ctranslate2.converters import TransformersConverter
    from transformers import AutoConfig, AutoTokenizer

    model, output = Path(model), Path(output)
    files = [f for f in TOKENIZER_FILES if (model / f).is_file()]
    TransformersConverter(str(model), copy_files=files).convert(
        str(output), quantization=quantization, force=True
    )
    config = AutoConfig.from_pretrained(model)
    start = getattr(config, "decoder_start_token_id", None)
    if start is not None:
        token = AutoTokenizer.from_pretrained(model).convert_ids_to_tokens(start)
        path = output / "config.json"
        data = json.loads(path.read_text(encoding="utf-8"))
        data["decoder_start_token"] = token
        path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    # Learned position tables end; decoding past them is an error, so the limit travels along.
    limit = getattr(config, "max_position_embeddings", None)
    (output / SIDECAR).write_text(json.dumps({"max_positions": limit}), encoding="utf-8")
    return output
