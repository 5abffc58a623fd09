"""The README's two commands and CI: CI runs the README's test command verbatim, and a run
that collects no tests fails."""

from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
CI = ROOT / ".ci" / "run"


def _commands() -> list[str]:
    block = README.split("## Two commands", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line and not line.startswith("#")]


def test_readme_commands_make_their_own_environment():
    install, test = _commands()
    for command in (install, test):
        # PEP 668: never pip into the system Python; the command makes the venv it uses.
        assert command.startswith("python3 -m venv .venv && .venv/bin/python -m pip install")
        assert not re.search(r"(^|&& )(python3 -m pip|pip) ", command)
    assert install.endswith(".venv/bin/mtqa lint corpora/")
    assert test.endswith(".venv/bin/python -m pytest")


def test_ci_runs_the_readme_test_command_verbatim():
    assert _commands()[1] in CI.read_text(encoding="utf-8").splitlines()


def _fake(path: Path, body: str) -> None:
    path.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


@pytest.mark.parametrize(("pytest_status", "expected"), [(0, 0), (1, 1), (5, 5)])
def test_ci_status_is_pytests(tmp_path, pytest_status, expected):
    """With a stand-in python3 whose venv's pytest exits with `pytest_status`."""
    if shutil.which("sh") is None:
        pytest.skip("needs a POSIX shell")
    repo = tmp_path / "repo"
    (repo / ".ci").mkdir(parents=True)
    shutil.copy(CI, repo / ".ci" / "run")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    _fake(bin_dir / "chromium", "exit 0\n")  # so CI does not install the real one
    venv_python = 'case "$2" in pytest) exit ' + str(pytest_status) + ";; *) exit 0;; esac\n"
    _fake(
        bin_dir / "python3",
        'mkdir -p .venv/bin && cat > .venv/bin/python <<"EOS"\n#!/bin/sh\n'
        + venv_python
        + "EOS\nchmod +x .venv/bin/python\n",
    )
    env = {**os.environ, "PATH": f"{bin_dir}:/usr/bin:/bin"}
    r = subprocess.run(
        ["bash", str(repo / ".ci" / "run")], env=env, capture_output=True, text=True, timeout=60
    )
    assert r.returncode == expected, r.stderr
    assert ("collected no tests" in r.stderr) == (pytest_status == 5)
