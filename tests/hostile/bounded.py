"""Run mtqa on hostile input in a child process that cannot hang or swamp the test run.

Every run has a wall-clock limit (the subprocess timeout) and an address-space limit (set in the
child before it starts), so a regression (a bomb that expands, a path that turns quadratic)
fails its test in seconds instead of hanging CI or taking the machine's memory.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import mtqa

# The mtqa under test, whatever the current folder of the child.
SOURCE_ROOT = str(Path(mtqa.__file__).resolve().parents[1])
MEMORY = 2 << 30  # bytes of address space: a bomb stops at MemoryError, not at the machine's
TIMEOUT = 60  # seconds: each case takes a second or two when it holds


def _limits(memory: int):
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    return apply


def _env(extra: dict[str, str] | None) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = SOURCE_ROOT + os.pathsep + env.get("PYTHONPATH", "")
    env["MTQA_NO_CACHE"] = "1"  # each case reads its own files, never a cached copy
    env["OPENBLAS_NUM_THREADS"] = "1"  # numpy's thread pool reserves address space per thread
    env.pop("MTQA_DEBUG", None)
    env.update(extra or {})
    return env


def run_python(
    args: list[str],
    cwd: str | Path,
    env: dict[str, str] | None = None,
    timeout: float = TIMEOUT,
    memory: int = MEMORY,
) -> subprocess.CompletedProcess:
    """`python ARGS` in `cwd`, bounded; a run past the timeout fails the test that asked."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=str(cwd),
        env=_env(env),
        capture_output=True,
        text=True,
        errors="replace",
        timeout=timeout,
        preexec_fn=_limits(memory),
    )


def run_mtqa(args: list[str], cwd: str | Path, **kwargs) -> subprocess.CompletedProcess:
    """`mtqa ARGS` in `cwd`, bounded (see run_python)."""
    return run_python(["-m", "mtqa", *args], cwd, **kwargs)


def one_line_error(result: subprocess.CompletedProcess) -> str:
    """The run's single `mtqa:` line on stderr (beside a summary): exit code 2, no traceback."""
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    lines = [line for line in result.stderr.splitlines() if line.startswith("mtqa:")]
    assert len(lines) == 1, result.stderr[-2000:]
    return lines[0]
