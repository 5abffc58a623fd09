"""Run the checks over documents: the library's `lint`.

`lint_document` is pure (a Document in, findings out); `lint_paths` adds discovery of files and
collects unreadable ones as errors instead of stopping, so one bad file never hides the others.
"""

from __future__ import annotations

import fnmatch
import os
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from .checks import ALL_CODES, CheckContext, checks_for
from .documents import Document
from .errors import InputError, MtqaError
from .findings import EncodedFindings, Finding, Findings, sort_key
from .gcpause import gc_paused
from .glossary.model import Glossary
from .languages import skipped_note, target_language_view
from .readers import (
    DEFAULT_OPTIONS,
    ReadOptions,
    document_from_text,
    read_document,
    reader_for_path,
    reader_named,
    supported_extensions,
)


@dataclass(frozen=True)
class RuleSelection:
    """Which rule codes are on: code prefixes to select and to ignore (ruff's model)."""

    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def __post_init__(self):
        known = set(ALL_CODES)
        for prefix in {  # a set: thousands of per-file-ignores repeat a few codes
            *self.select,
            *self.ignore,
            *(c for _, cs in self.per_file_ignores for c in cs),
        }:
            if prefix != "ALL" and not any(code.startswith(prefix) for code in known):
                raise MtqaError(f"unknown rule code or prefix {prefix!r} (see `mtqa rules`)")

    def enabled(self, code: str, path: str | None = None) -> bool:
        if not any(p == "ALL" or code.startswith(p) for p in self.select):
            return False
        if any(code.startswith(p) for p in self.ignore):
            return False
        if path is not None:
            return not any(code.startswith(c) for c in self._ignored_for(path))
        return True

    def codes_for(self, path: str | None) -> frozenset[str]:
        """The codes enabled for one file (per-file ignores applied), computed once per path."""
        if not self.per_file_ignores:
            path = None
        cache = self.__dict__.setdefault("_codes_cache", {})
        codes = cache.get(path)
        if codes is None:
            codes = cache[path] = frozenset(c for c in ALL_CODES if self.enabled(c, path))
        return codes

    def _ignored_for(self, path: str) -> frozenset[str] | set[str]:
        """The code prefixes the per-file-ignores switch off for `path`. Each glob is compiled
        once per selection (thousands of them cost one pass per file, not one per rule)."""
        memo = self.__dict__.setdefault("_ignored_memo", {})
        if path in memo:
            return memo[path]
        globs = self.__dict__.get("_globs")
        if globs is None:
            globs = self.__dict__["_globs"] = [
                (_compile_glob(pattern), pattern.startswith("/"), codes)
                for pattern, codes in self.per_file_ignores
            ]
        p = Path(path).as_posix()
        name = Path(p).name
        absolute = None
        ignored: set[str] = set()
        for match, anchored, codes in globs:
            if match(p) or match(name):
                ignored.update(codes)
            elif anchored:
                # Configuration files anchor their patterns at their own folder (absolute).
                if absolute is None:
                    absolute = Path(os.path.abspath(path)).as_posix()
                if match(absolute):
                    ignored.update(codes)
        memo[path] = ignored
        return ignored

    @property
    def enabled_codes(self) -> tuple[str, ...]:
        return tuple(c for c in ALL_CODES if self.enabled(c))


def _compile_glob(pattern: str):
    """fnmatch's matcher for one glob (fnmatch.fnmatch, less its per-call cache look-up)."""
    import re

    return re.compile(fnmatch.translate(os.path.normcase(pattern))).match


def lint_document(
    doc: Document,
    glossary: Glossary | None = None,
    selection: RuleSelection | None = None,
    context: CheckContext | None = None,
) -> list[Finding]:
    selection = selection or RuleSelection()
    ctx = context or CheckContext(glossary=glossary)
    on = selection.codes_for(doc.path)
    ctx = ctx.for_codes(on)
    # The terminology and English-style rules see only the segments in the glossary's target
    # language (all of the document when it declares none).
    view = target_language_view(doc, ctx.target_language) if doc.segments else None
    findings: list[Finding] = []
    for check in checks_for(on):  # only the checks of enabled rules (their modules load now)
        seen = view if view is not None and check.target_language_only else doc
        if seen is doc or seen.blocks:
            findings.extend(f for f in check.run(seen, ctx) if f.code in on)
    findings.sort(key=sort_key)
    return findings


def lint_text(
    text: str,
    glossary: Glossary | None = None,
    selection: RuleSelection | None = None,
    path: str = "<text>",
) -> list[Finding]:
    return lint_document(document_from_text(text, path), glossary, selection)


def discover(
    paths: Iterable[str | Path], follow_links: bool = False
) -> tuple[list[str], list[InputError]]:
    """The supported files under `paths`, and an error for each path that gives none or is
    refused (see walk.py: regular files only, and nothing outside the folders named)."""
    from .walk import discover as walk

    return walk(paths, supported_extensions(), follow_links)


def skipped_documents(
    paths: Iterable[str | Path], follow_links: bool = False
) -> list[tuple[str, str]]:
    """Documents in the folders of `paths` that no reader takes (a PDF, a legacy .doc), each
    with what to do about it: a folder walk names what it leaves out. The folders are walked
    as `discover` walks them."""
    from .readers import UNREAD_HINTS
    from .walk import discover as walk

    folders = [p for p in paths if Path(p).is_dir()]
    found, _ = walk(folders, UNREAD_HINTS.keys(), follow_links)
    return [(f, UNREAD_HINTS[os.path.splitext(f)[1].lower()].strip(" ()")) for f in found]


@dataclass
class LintResult:
    findings: Findings = field(default_factory=Findings)
    errors: list[InputError] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    words: int = 0
    # One line per file that some rules skipped (a target language not the glossary's).
    notes: list[str] = field(default_factory=list)


def language_note(doc: Document, ctx: CheckContext, selection: RuleSelection) -> str | None:
    """The note for a file whose target-language rules were skipped, when any of them is on."""
    if not doc.segments or not any(
        check.target_language_only for check in checks_for(selection.codes_for(doc.path))
    ):
        return None
    return skipped_note(doc, ctx.source_language, ctx.target_language)


# Below this many files, or bytes in all, a process pool costs more than it saves (starting
# workers and sending results back is worth some 0.1 s of linting).
PARALLEL_MIN_FILES = 16
PARALLEL_MIN_BYTES = 1 << 20
# Each worker gets about this many batches, so a slow file does not leave the other core idle.
BATCHES_PER_JOB = 4
RUNNABLE_SAMPLES = 5
# A run with a progress bar in one process reports about this many times.
PROGRESS_STEPS = 100

T = TypeVar("T")

_worker_state: tuple[CheckContext, RuleSelection, bool, ReadOptions] | None = None


def _init_worker(
    context: CheckContext,
    selection: RuleSelection,
    encode: bool = False,
    options: ReadOptions = DEFAULT_OPTIONS,
) -> None:
    global _worker_state
    _worker_state = (context, selection, encode, options)


def _compiled_context(glossary: Glossary | None, selection: RuleSelection) -> CheckContext:
    """A context whose matcher is built now, in the parent: forked workers inherit it instead
    of each compiling the glossary again."""
    ctx = CheckContext(glossary=glossary)
    if glossary is not None and any(c.startswith("TERM") for c in selection.enabled_codes):
        _ = ctx.matcher
    if glossary is not None and {"TERM003", "TERM004"} & set(selection.enabled_codes):
        _ = ctx.variant_finder  # the name index too (TERM003/TERM004), once for all workers
    return ctx


def import_for_workers(files: Sequence[str], selection: RuleSelection) -> None:
    """Import now, in the parent, the check and reader modules the workers will use (both
    registries import them on first use): forked workers inherit them instead of each
    importing its own."""
    checks_for(frozenset(selection.enabled_codes))
    for suffix in {os.path.splitext(path)[1].lower() for path in files}:
        if suffix:
            reader_for_path(f"file{suffix}")
        else:
            reader_named("markdown")  # a file with no extension is read as Markdown


_Outcome = tuple[str, "list[Finding] | EncodedFindings", int, "InputError | None", "str | None"]


def _lint_one(path: str) -> _Outcome:
    ctx, selection, encode, options = _worker_state
    try:
        doc = read_document(path, options=options)
    except InputError as exc:
        return path, [], 0, exc, None
    findings = lint_document(doc, selection=selection, context=ctx)
    note = language_note(doc, ctx, selection)
    return path, EncodedFindings.of(findings) if encode else findings, doc.word_count, None, note


def _lint_batch(paths: list[str]) -> list[_Outcome]:
    # Documents, events and findings are acyclic values that reference counting frees: the
    # cyclic collector's passes over them were some 4% of a run.
    with gc_paused():
        return [_lint_one(p) for p in paths]


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _runnable_now() -> float | None:
    """Processes running besides this one, now: the kernel's count of runnable tasks
    (/proc/loadavg), averaged over five samples 1 ms apart (a few milliseconds of a run that
    would otherwise start a worker on a busy core). None where there is no /proc."""
    try:
        total = 0
        for i in range(RUNNABLE_SAMPLES):
            if i:
                time.sleep(0.001)
            with open("/proc/loadavg", encoding="ascii") as f:
                total += int(f.read().split()[3].split("/")[0])
        return max(0.0, total / RUNNABLE_SAMPLES - 1)  # this process is one of them
    except (OSError, ValueError, IndexError):
        return None


def _busy_cores() -> float:
    """How many cores other work holds now; the one-minute load average where the kernel's
    runnable count cannot be read. The average lags: right after another CPU-bound command
    (a benchmark's previous one) it still counts that command, and a run then keeps to one
    process on a machine that is free."""
    now = _runnable_now()
    if now is not None:
        return now
    try:
        return os.getloadavg()[0]
    except (AttributeError, OSError):  # not on Unix
        return 0.0


def free_cores() -> int:
    """The cores not already busy, at least one.

    A second worker on a core another process holds makes the run slower than one process:
    the parent waits for the slowest batch and unpickles every result besides."""
    cores = default_jobs()
    return max(1, min(cores, int(cores - _busy_cores() + 0.5)))


def _file_sizes(files: Sequence[str]) -> list[int]:
    sizes = []
    for path in files:
        try:
            sizes.append(os.stat(path).st_size)
        except OSError:
            sizes.append(0)  # unreadable: reading it will say why
    return sizes


def byte_batches(files: Sequence[str], sizes: Sequence[int], batches: int) -> list[list[str]]:
    """`files` cut into runs of consecutive files of about equal bytes (at most `batches`
    runs, none empty), so results come back in file order and each worker gets equal work
    whatever the mix of small and large files."""
    total = sum(sizes)
    if not files:
        return []
    target = max(1, total // max(1, batches))
    out: list[list[str]] = [[]]
    acc = 0
    for path, size in zip(files, sizes, strict=True):
        if out[-1] and acc + size > target and len(out) < batches:
            out.append([])
            acc = 0
        out[-1].append(path)
        acc += size
    return out


def choose_jobs(jobs: int | None, files: Sequence[str], sizes: Sequence[int]) -> int:
    """Processes for this run: one when the work is too small to pay for a pool; else the
    number asked for, or by default the cores that are free now."""
    if len(files) < PARALLEL_MIN_FILES:
        return 1
    if jobs is not None:
        return max(1, jobs)
    if sum(sizes) < PARALLEL_MIN_BYTES:
        return 1
    return free_cores()


def lint_paths(
    paths: Sequence[str | Path],
    glossary: Glossary | None = None,
    selection: RuleSelection | None = None,
    jobs: int | None = None,
    encoded: bool = False,
) -> LintResult:
    """Lint every supported file under `paths`, on all cores when there are many files.

    Results come back in file order whatever the number of processes. `encoded`: pool workers
    send each file's findings back as JSON (EncodedFindings), for a caller that writes JSON
    anyway; `result.findings` still decodes them into objects when it is read.
    """
    files, errors = discover(paths)
    result = lint_files(files, glossary, selection, jobs=jobs, encoded=encoded)
    result.errors[:0] = errors
    return result


def run_batches(
    work: Callable[[list[str]], list[T]],
    files: Sequence[str],
    sizes: Sequence[int],
    jobs: int,
    tick: Callable[[int], None] | None = None,
) -> list[T]:
    """`work(batch)` over `files` in file order: on `jobs` processes forked from this one, in
    batches of about equal bytes (`byte_batches`), or here when `jobs` is 1. Forked workers
    inherit everything the caller set up before (the compiled glossary, module state that
    `work` reads); `work` itself must be a module-level function. `tick(n)`: told as each
    batch of n files is done (a progress bar); without it one process does all in one call."""
    if jobs <= 1:
        if tick is None:
            return work(list(files))
        step = max(1, len(files) // PROGRESS_STEPS)
        out: list[T] = []
        for k in range(0, len(files), step):
            out += work(list(files[k : k + step]))
            tick(len(files[k : k + step]))
        return out
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    batches = byte_batches(files, sizes, jobs * BATCHES_PER_JOB)
    with ProcessPoolExecutor(
        max_workers=jobs, mp_context=multiprocessing.get_context("fork")
    ) as pool:
        if tick is None:
            return [o for batch in pool.map(work, batches) for o in batch]
        out = []
        for batch in pool.map(work, batches):
            out += batch
            tick(len(batch))
        return out


def plan_jobs(files: Sequence[str], jobs: int | None) -> tuple[int, list[int]]:
    """(processes, file sizes) for a run over `files` (see choose_jobs)."""
    sizes = _file_sizes(files) if len(files) >= PARALLEL_MIN_FILES else []
    return choose_jobs(jobs, files, sizes), sizes


def lint_files(
    files: Sequence[str],
    glossary: Glossary | None = None,
    selection: RuleSelection | None = None,
    jobs: int | None = None,
    encoded: bool = False,
    tick: Callable[[int], None] | None = None,
    options: ReadOptions = DEFAULT_OPTIONS,
) -> LintResult:
    """`lint_paths` for files already discovered (a run's plan has found them); `tick(n)`:
    told as files are done; `options`: how the files are read."""
    selection = selection or RuleSelection()
    result = LintResult()
    jobs, sizes = plan_jobs(files, jobs)
    if jobs > 1:
        # Compiled and imported here, once: the forked workers inherit them.
        _init_worker(_compiled_context(glossary, selection), selection, encoded, options)
        import_for_workers(files, selection)
    else:
        _init_worker(CheckContext(glossary=glossary), selection, options=options)
    outcomes = run_batches(_lint_batch, files, sizes, jobs, tick)
    for path, findings, words, error, note in outcomes:
        if error is not None:
            result.errors.append(error)
            continue
        if note:
            result.notes.append(note)
        result.files.append(path)
        result.words += words
        result.findings.extend(findings)
    return result
