"""Machine translation under the glossary: backends, steering, verification, the retranslate stage.

Nothing here imports torch, transformers or ctranslate2 at import time; a backend imports its
library when it loads a model (the `mt` extra). The package itself imports nothing: the CLI
reads the backends' names from `meta.py` on every run, and the translator interface loads on
first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .base import Candidate, DecodeSettings, ModelInfo, Request, Translator

__all__ = ["Candidate", "DecodeSettings", "ModelInfo", "Request", "Translator"]


def __getattr__(name: str):
    if name in __all__:
        from . import base

        return getattr(base, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
