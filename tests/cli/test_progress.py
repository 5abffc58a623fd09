"""A progress bar on stderr when stderr is a terminal, for lint, fix, report and corpus; nothing
on a pipe, in CI or with -q. The terminal is a real pseudo-terminal (the `pty` module)."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys

import pytest

from ..conftest import ROOT

# The bar waits a second before it shows (a short run draws nothing); here it shows at once,
# so a small folder stands for a long run.
RUN = (
    "import sys, mtqa.terminal as t; t.PROGRESS_DELAY_S = 0; "
    "from mtqa.__main__ import main; sys.argv = ['mtqa', *sys.argv[1:]]; main()"
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    d = tmp_path_factory.mktemp("articles")
    for i in range(40):
        (d / f"a{i:02}.md").write_text(
            f"# Article {i}\n\nThe US military existence in Iraq, at the Taji camp.\n",
            encoding="utf-8",
        )
    return d


def _env(**extra) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR", "FORCE_COLOR")}
    return {**env, "TERM": "xterm-256color", "COLUMNS": "100", **extra}


def _on_a_terminal(args: list[str], env: dict) -> str:
    """Run with stderr on a pseudo-terminal (stdout on a pipe); what the terminal got."""
    controller, terminal = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-c", RUN, *args],
        stdout=subprocess.DEVNULL,
        stderr=terminal,
        stdin=subprocess.DEVNULL,
        env=env,
        cwd=ROOT,
    )
    os.close(terminal)
    got = b""
    while True:
        ready, _, _ = select.select([controller], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the other end closed
            break
        if not chunk:
            break
        got += chunk
    proc.wait(timeout=60)
    os.close(controller)
    return got.decode("utf-8", "replace")


@pytest.mark.parametrize(
    ("command", "label"),
    [("lint", "files"), ("fix", "files"), ("report", "files"), ("corpus", "articles")],
)
def test_a_terminal_sees_progress(folder, tmp_path, command, label):
    args = [command, str(folder)]
    if command == "fix":
        args += ["--diff"]  # the folder stays as it is for the other commands
    if command == "report":
        args += ["-o", str(tmp_path / "r.md")]
    seen = _on_a_terminal(args, _env())
    assert label in seen and "/40" in seen, seen[-500:]


def test_a_pipe_ci_or_quiet_sees_none(folder):
    piped = subprocess.run(
        [sys.executable, "-c", RUN, "lint", str(folder), "-f", "json"],
        capture_output=True,
        env=_env(),
        cwd=ROOT,
        timeout=120,
    )
    assert piped.returncode == 1 and piped.stderr == b""
    assert "/40" not in _on_a_terminal(["lint", str(folder), "-q"], _env())
    assert "/40" not in _on_a_terminal(["lint", str(folder)], _env(CI="true"))
