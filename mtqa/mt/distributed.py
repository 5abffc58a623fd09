"""Retranslation of many documents spread over Dask workers, each loading the model once.

A group of files is the unit of work: a worker loads the translator named by a `ModelSpec` the
first time it needs it and keeps it for every later group (a model must not load per file), runs
the ordinary stage on its group, and sends back the results. Groups, not single files, keep the
batches full: the flagged segments of all files of a group share the model's batches.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..files import discover
from ..glossary.model import Glossary
from ..parallel import Dask, map_files
from ..readers import DEFAULT_OPTIONS, ReadOptions
from ..selection import RuleSelection
from .base import DecodeSettings, Translator
from .stage import RetranslateResult, retranslate

# One translator per model spec per worker process; loads counts them (the tests read it).
_translators: dict[ModelSpec, Translator] = {}
_lock = threading.Lock()
loads = 0


@dataclass(frozen=True, slots=True)
class ModelSpec:
    model: str
    backend: str = "auto"
    device: str = "auto"
    revision: str | None = None
    source_language: str | None = None
    target_language: str | None = None

    def load(self) -> Translator:
        global loads
        with _lock:
            tr = _translators.get(self)
            if tr is None:
                from .load import load_translator

                tr = _translators[self] = load_translator(
                    self.model,
                    backend=self.backend,
                    device=self.device,
                    revision=self.revision,
                    source_language=self.source_language,
                    target_language=self.target_language,
                )
                loads += 1
            return tr


def retranslate_group(
    files: list[str],
    spec: ModelSpec,
    glossary: Glossary | None,
    selection: RuleSelection | None,
    settings: DecodeSettings,
    apply: bool,
    cache_dir: str | None,
    options: ReadOptions = DEFAULT_OPTIONS,
) -> RetranslateResult:
    """The unit of work of a worker: one group of files through the stage."""
    from .cache import TranslationCache

    cache = TranslationCache(cache_dir) if cache_dir else None
    try:
        return retranslate(
            files, spec.load(), glossary, selection, settings, apply=apply, cache=cache,
            options=options,
        )
    finally:
        if cache is not None:
            cache.close()


def _retranslate_batch(files: list[str], **shared) -> list[RetranslateResult]:
    return [retranslate_group(files, **shared)]


def retranslate_dask(
    paths: Sequence[str | Path],
    spec: ModelSpec,
    scheduler,
    glossary: Glossary | None = None,
    selection: RuleSelection | None = None,
    settings: DecodeSettings | None = None,
    *,
    apply: bool = False,
    cache_dir: str | Path | None = None,
    groups: int | None = None,
    options: ReadOptions = DEFAULT_OPTIONS,
) -> RetranslateResult:
    """Split the files into groups (one per worker thread by default) and run them on Dask."""
    settings = settings or DecodeSettings()
    files, errors = discover(paths)
    shared = {
        "spec": spec,
        "glossary": glossary,
        "selection": selection,
        "settings": settings,
        "apply": apply,
        "cache_dir": str(cache_dir) if cache_dir else None,
        "options": options,
    }
    parts: list[RetranslateResult] = map_files(
        _retranslate_batch, files, dask=Dask(scheduler, shared, batches=groups)
    )
    order = {p: i for i, p in enumerate(files)}
    merged = RetranslateResult(
        files=sorted((f for r in parts for f in r.files), key=lambda f: order[f.path]),
        signature=parts[0].signature if parts else "",
        translated=sum(r.translated for r in parts),
        cache_hits=sum(r.cache_hits for r in parts),
        errors=errors + [e for r in parts for e in r.errors],
    )
    return merged
