"""The MT backends, declared without importing them (nor their libraries).

`--backend NAME` and the CLI help come from these declarations; `auto` asks each backend in this
order whether it claims the model (a CTranslate2 folder, else anything transformers loads).
"""

from __future__ import annotations

from typing import NamedTuple


class Backend(NamedTuple):
    name: str  # `--backend NAME`, and ModelInfo.backend of its translators
    # mtqa.mt.<module> defines `claims(model) -> bool` and
    # `load(model, *, device, revision, source_language, target_language) -> Translator`.
    module: str


BACKENDS: tuple[Backend, ...] = (
    Backend("ctranslate2", "ct2"),
    Backend("transformers", "hf"),  # claims every model: the last one `auto` asks
)

AUTO = "auto"


def backend_names() -> tuple[str, ...]:
    """`auto` and every backend's name, as `--backend` accepts them."""
    return (AUTO, *(b.name for b in BACKENDS))
