"""Pick and load a backend for `--model`: a CTranslate2 folder, or anything transformers loads."""

from __future__ import annotations

from .base import Translator
from .hf import DEFAULT_MODEL


def load_translator(
    model: str = DEFAULT_MODEL,
    backend: str = "auto",
    device: str = "auto",
    revision: str | None = None,
    source_language: str | None = None,
    target_language: str | None = None,
) -> Translator:
    from ..errors import MtqaError
    from .ct2 import CTranslate2Translator, is_ct2_folder

    if backend == "auto":
        backend = "ctranslate2" if is_ct2_folder(model) else "transformers"
    if backend == "ctranslate2":
        return CTranslate2Translator(model, device=device)
    if backend == "transformers":
        from .hf import TransformersTranslator

        return TransformersTranslator(
            model,
            device=device,
            revision=revision,
            source_language=source_language,
            target_language=target_language,
        )
    raise MtqaError(f"unknown MT backend {backend!r} (auto, transformers, ctranslate2)")
