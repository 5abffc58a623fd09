"""Pick and load a backend for `--model`, from the backends declared in `meta.py`."""

from __future__ import annotations

from importlib import import_module
from types import ModuleType

from .base import Translator
from .hf import DEFAULT_MODEL
from .meta import AUTO, BACKENDS, backend_names


def _backend(name: str, model: str) -> ModuleType:
    """The module of the backend named, or for `auto` of the first one that claims `model`."""
    from ..errors import MtqaError

    for backend in BACKENDS:
        if name in (AUTO, backend.name):
            module = import_module(f"{__package__}.{backend.module}")
            if name != AUTO or module.claims(model):
                return module
    raise MtqaError(f"unknown MT backend {name!r} ({', '.join(backend_names())})")


def load_translator(
    model: str = DEFAULT_MODEL,
    backend: str = AUTO,
    device: str = "auto",
    revision: str | None = None,
    source_language: str | None = None,
    target_language: str | None = None,
) -> Translator:
    return _backend(backend, model).load(
        model,
        device=device,
        revision=revision,
        source_language=source_language,
        target_language=target_language,
    )
