"""Run the map step over a corpus: locally on every core, or on a Dask cluster.

Both engines call the same `rows_for_path` and hand the rows to the same aggregation, so they
give the same result. Only counts travel back from the workers, never document text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..checks.base import CheckContext
from ..errors import InputError, MtqaError
from ..glossary.model import Glossary
from ..linter import PARALLEL_MIN_FILES, default_jobs, discover
from ..readers import DEFAULT_OPTIONS, ReadOptions, read_document
from .aggregate import VariantGroup, variant_groups
from .rows import Row, document_rows

# One compiled context per glossary per worker process (a Dask worker runs many tasks).
_contexts: dict[str, CheckContext] = {}
_local_glossary: Glossary | None = None
_local_options: ReadOptions = DEFAULT_OPTIONS


def _context(glossary: Glossary | None) -> CheckContext:
    key = glossary.hash if glossary is not None else ""
    ctx = _contexts.get(key)
    if ctx is None:
        ctx = _contexts[key] = CheckContext(glossary=glossary)
    return ctx


def rows_for_path(
    path: str, glossary: Glossary | None, options: ReadOptions = DEFAULT_OPTIONS
) -> tuple[str, list[Row], int, str | None]:
    """(path, rows, words, error message) for one file: the unit of work of both engines."""
    try:
        doc = read_document(path, options=options)
    except InputError as exc:
        return path, [], 0, exc.reason
    return path, document_rows(doc, _context(glossary)), doc.word_count, None


def _init_local(glossary: Glossary | None, options: ReadOptions) -> None:
    global _local_glossary, _local_options
    _local_glossary, _local_options = glossary, options


def _rows_local(path: str):
    return rows_for_path(path, _local_glossary, _local_options)


@dataclass
class CorpusResult:
    groups: list[VariantGroup]
    files: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    words: int = 0


def _map_local(files: list[str], glossary, options, jobs: int, tick: Callable[[], None]):
    if jobs > 1 and len(files) >= PARALLEL_MIN_FILES:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        with ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_init_local,
            initargs=(glossary, options),
        ) as pool:
            for outcome in pool.map(_rows_local, files, chunksize=max(1, len(files) // (jobs * 8))):
                tick()
                yield outcome
    else:
        for path in files:
            tick()
            yield rows_for_path(path, glossary, options)


def _map_dask(files: list[str], glossary, options, scheduler, tick: Callable[[], None]):
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise MtqaError(
            "the dask engine needs the 'dask' extra: pip install 'mtqa[dask]'"
        ) from None
    try:
        client = scheduler if isinstance(scheduler, Client) else Client(scheduler, timeout="10s")
    except OSError as exc:
        raise MtqaError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        shared = client.scatter(glossary, broadcast=True) if glossary is not None else None
        futures = client.map(rows_for_path, files, glossary=shared, options=options, pure=False)
        by_path = {}
        for future in as_completed(futures):
            outcome = future.result()
            by_path[outcome[0]] = outcome
            tick()
        for path in files:
            yield by_path[path]
    finally:
        if client is not scheduler:
            client.close()


def run_corpus(
    paths: Sequence[str | Path],
    glossary: Glossary | None,
    *,
    jobs: int | None = None,
    engine: str = "local",
    scheduler=None,
    include_consistent: bool = False,
    progress: Callable[[int], Callable[[], None]] | None = None,
    follow_links: bool = False,
    options: ReadOptions = DEFAULT_OPTIONS,
) -> CorpusResult:
    """Rows for every supported file under `paths`, then the variant groups (`follow_links`:
    symbolic links out of the folders named are followed too; `options`: how they are read)."""
    files, errors = discover(paths, follow_links)
    tick = progress(len(files)) if progress else (lambda: None)
    if engine == "local":
        jobs = default_jobs() if jobs is None else jobs
        outcomes = _map_local(files, glossary, options, jobs, tick)
    elif engine == "dask":
        if scheduler is None:
            raise MtqaError("--engine dask needs --scheduler ADDRESS (e.g. tcp://host:8786)")
        outcomes = _map_dask(files, glossary, options, scheduler, tick)
    else:
        raise MtqaError(f"unknown engine {engine!r} (local, dask)")
    result = CorpusResult(groups=[], errors=errors)
    for path, rows, words, error in outcomes:
        if error is not None:
            result.errors.append(InputError(path, error))
            continue
        result.files.append(path)
        result.rows.extend(rows)
        result.words += words
    result.groups = variant_groups(result.rows, include_consistent=include_consistent)
    return result
