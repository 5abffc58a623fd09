"""Running mtqa on hostile input without letting a regression hang or exhaust the machine:
each run is a child process with a time limit and a memory limit."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

TIMEOUT_S = 60
MEMORY_BYTES = 2 << 30  # far above any of these runs' needs, far below the machine's


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def run_mtqa(
    *args: str | Path, cwd: str | Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """`mtqa ARGS` in a child process; a run past TIMEOUT_S fails the test (TimeoutExpired)."""
    return subprocess.run(
        [sys.executable, "-m", "mtqa", *map(str, args)],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
        preexec_fn=_limits,
        stdin=subprocess.DEVNULL,
    )


def one_line_error(proc: subprocess.CompletedProcess[str]) -> None:
    """Exit 2 with `mtqa:` lines on stderr, and no traceback."""
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr
    assert proc.stderr.startswith("mtqa:"), proc.stderr
