"""Retranslation over Dask: the same results as in one process, the model loaded once per worker."""

from __future__ import annotations

import pytest

from mtqa.mt.stage import retranslate

from .test_retranslate import ROWS, SETTINGS
from .tsv_reader import write_bitsv


def _documents(folder, n: int) -> list:
    """n bilingual files of the same rows, each with its own segment ids."""
    paths = []
    for i in range(n):
        p = folder / f"doc{i}.bitsv"
        write_bitsv(p, [(f"{sid}-{i}", s, t) for sid, s, t in ROWS])
        paths.append(p)
    return paths


def test_dask_gives_the_stage_results_and_loads_the_model_once(
    tiny_model, translator, mt_glossary, tmp_path
):
    distributed = pytest.importorskip("dask.distributed", reason="dask is not installed")
    from mtqa.mt import distributed as mtd

    paths = _documents(tmp_path, 4)
    local = retranslate(paths, translator, mt_glossary, settings=SETTINGS)
    before = mtd.loads
    spec = mtd.ModelSpec(str(tiny_model), device="cpu")
    with distributed.Client(
        processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None
    ) as client:
        result = mtd.retranslate_dask(paths, spec, client, mt_glossary, settings=SETTINGS, groups=3)
    assert mtd.loads - before == 1  # three groups, one worker process: one load
    assert [f.path for f in result.files] == [str(p) for p in paths]
    assert [o.to_dict() for o in result.accepted] == [o.to_dict() for o in local.accepted]
    assert len(result.accepted) == 4


class _EchoTranslator:
    """Translates by writing the request's preferred terms, else the text: no model needed."""

    def __init__(self):
        from mtqa.mt.base import ModelInfo

        self.info = ModelInfo(backend="echo", name="echo")

    def translate(self, requests, settings):
        from mtqa.mt.base import Candidate

        return [
            [Candidate(" ".join(r.preferred) or r.text, -1.0)] for r in requests
        ]


def test_dask_groups_give_what_one_process_gives(mt_glossary, tmp_path, monkeypatch):
    distributed = pytest.importorskip("dask.distributed", reason="dask is not installed")
    from mtqa.mt import distributed as mtd
    from mtqa.mt import load

    paths = _documents(tmp_path, 5)
    echo = _EchoTranslator()
    local = retranslate(paths, echo, mt_glossary, settings=SETTINGS)
    # The model each worker loads (an in-process cluster): the echo, under a name of this
    # test's own, so no other test meets the worker's loaded model.
    monkeypatch.setattr(load, "load_translator", lambda model, **options: echo)
    spec = mtd.ModelSpec(f"echo {tmp_path.name}")
    with distributed.Client(
        processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None
    ) as client:
        result = mtd.retranslate_dask(
            paths, spec, client, mt_glossary, settings=SETTINGS, groups=2
        )
    assert local.translated > 0
    assert [f.path for f in result.files] == [str(p) for p in paths]
    # Each group translates its own distinct texts (one process dedupes over all files).
    assert local.translated <= result.translated <= 2 * local.translated
    assert [o.to_dict() for o in result.accepted] == [o.to_dict() for o in local.accepted]
    assert [(f.final, f.flagged) for f in result.files] == [(f.final, f.flagged) for f in local.files]
    assert [[o.to_dict() for o in f.outcomes] for f in result.files] == [
        [o.to_dict() for o in f.outcomes] for f in local.files
    ]
    assert any(f.outcomes for f in result.files)
