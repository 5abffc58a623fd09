"""The translator interface every MT backend implements, and the values it exchanges.

A backend turns a batch of requests into an n-best list per request. A request carries the
glossary's steering for its segment: token sequences to ban (variants) and to favour (preferred
targets whose source term occurs). Backends translate; choosing, verifying and writing are the
stage's job (`mtqa.mt.stage`), so a new backend is one small class.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class DecodeSettings:
    """Decoding is deterministic (beam search, no sampling): the same input gives the same
    output, which the cache and the tests rely on."""

    num_beams: int = 5
    num_return_sequences: int = 4
    max_new_tokens: int = 256
    # Added to the log-probability of each token of a preferred target term (sequence_bias).
    bias: float = 4.0
    ban_variants: bool = True
    batch_size: int = 16

    def key(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)


@dataclass(frozen=True, slots=True)
class Request:
    """One text to translate, with the terms to ban and to favour in its output."""

    text: str
    banned: tuple[str, ...] = ()
    preferred: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Candidate:
    text: str
    # The model's sequence score (length-normalised log-probability; higher is better).
    score: float


@dataclass(frozen=True, slots=True)
class ModelInfo:
    """What names a model's outputs: the signature and the cache key are built from it."""

    backend: str
    name: str
    revision: str = ""
    source_language: str = ""
    target_language: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    def signature(self, settings: DecodeSettings) -> str:
        rev = self.revision[:12] if self.revision else "local"
        return (
            f"mt:{self.backend}|model:{self.name}|rev:{rev}|beams:{settings.num_beams}"
            f"|nbest:{settings.num_return_sequences}|bias:{settings.bias:g}"
            f"|ban:{'yes' if settings.ban_variants else 'no'}|sample:no"
        )


def cache_key(info: ModelInfo, settings: DecodeSettings, request: Request) -> str:
    payload = json.dumps(
        [
            info.backend,
            info.name,
            info.revision,
            info.source_language,
            info.target_language,
            settings.key(),
            request.text,
            sorted(request.banned),
            sorted(request.preferred),
        ],
        ensure_ascii=False,
    )
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


@runtime_checkable
class Translator(Protocol):
    info: ModelInfo

    def translate(self, requests: list[Request], settings: DecodeSettings) -> list[list[Candidate]]:
        """An n-best list (best first) for each request, in the order given."""
        ...
