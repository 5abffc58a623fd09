"""The composite GitHub Action (action.yml): its shell steps run here as a runner runs them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
STEPS = {s.get("name", s.get("uses")): s for s in ACTION["runs"]["steps"]}

pytestmark = pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")


def _run_step(name: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    step = STEPS[name]
    assert step["shell"] == "bash"
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"
    return subprocess.run(
        ["bash", "-e", "-c", step["run"]],
        env={**os.environ, "PATH": path, **env},
        cwd=cwd, capture_output=True, text=True,
    )


def test_every_input_the_steps_use_is_declared():
    used = set(re.findall(r"inputs\.([\w-]+)", (ROOT / "action.yml").read_text(encoding="utf-8")))
    assert used == set(ACTION["inputs"])
    assert STEPS["Upload to code scanning"]["uses"] == "github/codeql-action/upload-sarif@v3"


def test_the_lint_step_writes_sarif_and_keeps_the_exit_code(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "draft.md").write_text("The US military existence.\n", encoding="utf-8")
    output = tmp_path / "github_output"
    lint = _run_step(
        "mtqa lint",
        {"PATHS": "docs", "ARGS": "--select TERM", "SARIF": "mtqa.sarif", "GITHUB_OUTPUT": str(output)},
        tmp_path,
    )
    assert lint.returncode == 0, lint.stderr  # the upload still runs; the last step decides
    assert output.read_text(encoding="utf-8") == "exit-code=1\n"
    sarif = json.loads((tmp_path / "mtqa.sarif").read_text(encoding="utf-8"))
    assert [r["ruleId"] for r in sarif["runs"][0]["results"]] == ["TERM001"]


@pytest.mark.parametrize(
    ("code", "fail", "status"), [("0", "true", 0), ("1", "true", 1), ("1", "false", 0), ("2", "false", 2)]
)
def test_the_result_step_fails_as_asked(tmp_path, code, fail, status):
    assert _run_step("Result", {"CODE": code, "FAIL": fail}, tmp_path).returncode == status
