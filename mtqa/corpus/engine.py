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
from ..files import discover
from ..glossary.model import Glossary
from ..parallel import Dask, map_files
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


def _rows_batch(
    paths: list[str], glossary: Glossary | None, options: ReadOptions = DEFAULT_OPTIONS
) -> list:
    """The rows of a batch of files (a task on Dask, which sends the glossary along)."""
    return [rows_for_path(path, glossary, options) for path in paths]


def _rows_local(paths: list[str]) -> list:
    """The rows of a batch of files here or in a forked worker, which inherits the glossary
    and the read options."""
    return _rows_batch(paths, _local_glossary, _local_options)


@dataclass
class CorpusResult:
    groups: list[VariantGroup]
    files: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    words: int = 0


def run_corpus(
    paths: Sequence[str | Path],
    glossary: Glossary | None,
    *,
    jobs: int | None = None,
    engine: str = "local",
    scheduler=None,
    include_consistent: bool = False,
    progress: Callable[[int], Callable[[int], None]] | None = None,
    follow_links: bool = False,
    options: ReadOptions = DEFAULT_OPTIONS,
) -> CorpusResult:
    """Rows for every supported file under `paths`, then the variant groups (`follow_links`:
    symbolic links out of the folders named are followed too; `options`: how they are read)."""
    global _local_glossary, _local_options
    files, errors = discover(paths, follow_links)
    tick = progress(len(files)) if progress else None
    if engine == "local":
        _local_glossary, _local_options = glossary, options  # forked workers inherit them
        try:
            outcomes = map_files(_rows_local, files, jobs, tick=tick)
        finally:
            _local_glossary, _local_options = None, DEFAULT_OPTIONS
    elif engine == "dask":
        if scheduler is None:
            raise MtqaError("--engine dask needs --scheduler ADDRESS (e.g. tcp://host:8786)")
        # One task per file: a corpus's files differ much in size, and only counts come back.
        shared = {"glossary": glossary, "options": options}
        dask = Dask(scheduler, shared, batches=max(1, len(files)))
        outcomes = map_files(_rows_batch, files, dask=dask, tick=tick)
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
