"""Machine translation under the glossary: backends, steering, verification, the retranslate stage.

Nothing here imports torch, transformers or ctranslate2 at import time; a backend imports its
library when it loads a model (the `mt` extra).
"""

from __future__ import annotations

from .base import Candidate, DecodeSettings, ModelInfo, Request, Translator

__all__ = ["Candidate", "DecodeSettings", "ModelInfo", "Request", "Translator"]
