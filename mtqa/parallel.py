"""One function over many files: here, on forked processes of this machine, or on Dask.

`map_files(work, files, jobs)` is the one pool of mtqa: lint, fix, corpus and retranslation hand
it a module-level `work(batch) -> list` and get the results back in file order. Locally it cuts
the files into batches of about equal bytes and runs them on the cores that are free now (one
process when the work is too small to pay for a pool). On Dask the batches go to the cluster's
workers, with the values every task needs sent to each worker once.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .errors import MtqaError

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
Tick = Callable[[int], None]


@dataclass(frozen=True)
class Dask:
    """Run `map_files` on a Dask cluster: `scheduler` is an address or a `Client`; `shared`
    holds the values every task needs, sent to each worker once and passed to `work` as
    keywords; `batches`: how many tasks (by default one per worker thread)."""

    scheduler: Any
    shared: Mapping[str, Any] = field(default_factory=dict)
    batches: int | None = None


def map_files(
    work: Callable[..., list[T]],
    files: Sequence[str],
    jobs: int | None = None,
    *,
    tick: Tick | None = None,
    before_fork: Callable[[], None] | None = None,
    dask: Dask | None = None,
) -> list[T]:
    """`work(batch)` over `files`, its results joined in file order.

    `jobs`: processes (None: the cores free now; one for little work, see `choose_jobs`).
    Forked workers inherit everything set up before: `before_fork()` is called, in this
    process, only when a pool will run (compile there what every worker would compile again).
    `tick(n)`: told as each batch of n files is done (a progress bar). With `dask`, the batches
    run on its cluster as `work(batch, **dask.shared)` instead."""
    if dask is not None:
        return _map_dask(work, files, dask, tick)
    jobs, sizes = plan_jobs(files, jobs)
    if jobs > 1 and before_fork is not None:
        before_fork()
    return run_batches(work, files, sizes, jobs, tick)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def runnable_now() -> float | None:
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


def busy_cores() -> float:
    """How many cores other work holds now; the one-minute load average where the kernel's
    runnable count cannot be read. The average lags: right after another CPU-bound command
    (a benchmark's previous one) it still counts that command, and a run then keeps to one
    process on a machine that is free."""
    now = runnable_now()
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
    return max(1, min(cores, int(cores - busy_cores() + 0.5)))


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


def plan_jobs(files: Sequence[str], jobs: int | None) -> tuple[int, list[int]]:
    """(processes, file sizes) for a run over `files` (see choose_jobs)."""
    sizes = _file_sizes(files) if len(files) >= PARALLEL_MIN_FILES else []
    return choose_jobs(jobs, files, sizes), sizes


def run_batches(
    work: Callable[[list[str]], list[T]],
    files: Sequence[str],
    sizes: Sequence[int],
    jobs: int,
    tick: Tick | None = None,
) -> list[T]:
    """`work(batch)` over `files` in file order: on `jobs` processes forked from this one, in
    batches of about equal bytes (`byte_batches`), or here when `jobs` is 1. `work` must be a
    module-level function. Without `tick`, one process does all in one call."""
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


def _map_dask(
    work: Callable[..., list[T]], files: Sequence[str], dask: Dask, tick: Tick | None
) -> list[T]:
    """The batches on a Dask cluster, by count of files: the files may lie where only the
    workers can see them, so their sizes are not read here."""
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise MtqaError(
            "the dask engine needs the 'dask' extra: pip install 'mtqa[dask]'"
        ) from None
    scheduler = dask.scheduler
    try:
        client = scheduler if isinstance(scheduler, Client) else Client(scheduler, timeout="10s")
    except OSError as exc:
        raise MtqaError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        n = dask.batches or max(1, sum(client.nthreads().values()))
        batches = byte_batches(files, [1] * len(files), n)
        # Each value once to every worker (a glossary is large), not once per task; in a list,
        # as scatter would send a list's items one by one.
        shared = {
            k: v if v is None else client.scatter([v], broadcast=True)[0]
            for k, v in dask.shared.items()
        }
        futures = client.map(work, batches, **shared, pure=False)
        index = {future.key: i for i, future in enumerate(futures)}
        done: list[list[T] | None] = [None] * len(futures)
        for future in as_completed(futures):
            i = index[future.key]
            done[i] = future.result()
            if tick is not None:
                tick(len(batches[i]))
        return [o for part in done for o in part]
    finally:
        if client is not scheduler:
            client.close()
