"""The pre-commit hooks (.pre-commit-hooks.yaml): files chosen as the reader registry says, and
run by pre-commit itself in a temporary repository."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from .conftest import ROOT

HOOKS = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))


def _registry() -> tuple[set[str], set[str]]:
    """(every built-in reader's extensions, those a folder walk picks up), from a fresh process:
    tests here may register readers of their own."""
    code = (
        "import json\nfrom mtqa.readers import readers, supported_extensions\n"
        "print(json.dumps([sorted({e for r in readers() for e in r.extensions}),"
        " sorted(supported_extensions())]))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    known, walked = json.loads(out.stdout)
    return set(known), set(walked)


def test_hooks_pick_exactly_the_files_a_folder_walk_reads():
    """Each hook's `files` matches every extension the registry's folder walk picks up, in any
    case, and no other: a new reader (or one dropped) fails here until the hooks follow."""
    known, walked = _registry()
    others = {".py", ".json", ".yaml", ".html", ".docx", ".mdx", ".xml", ".md.bak"}
    assert {h["id"] for h in HOOKS} == {"mtqa-lint", "mtqa-fix"}
    for hook in HOOKS:
        files = re.compile(hook["files"])
        for ext in known | others:
            for name in (f"a{ext}", f"docs/B{ext.upper()}"):
                assert bool(files.search(name)) == (ext in walked), (hook, name)


def _git(*args: str, cwd) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


def _hook_repository(where) -> None:
    """This working tree, committed into a repository of its own (pre-commit installs hooks
    from a commit)."""
    files = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split("\0")
    for name in filter(None, files):
        source = ROOT / name
        if source.is_file():
            (where / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, where / name)
    _git("init", "-q", cwd=where)
    _git("add", ".", cwd=where)
    _git("commit", "-qm", "hooks", cwd=where)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_hooks_run_in_a_temporary_repository(tmp_path):
    pytest.importorskip("pre_commit")
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the hook repository is made from git's file list")
    hooks, project = tmp_path / "hooks", tmp_path / "project"
    hooks.mkdir()
    project.mkdir()
    _hook_repository(hooks)
    draft = "The US military existence in Iraq.\n"
    (project / "draft.md").write_text(draft, encoding="utf-8")
    (project / "notes.py").write_text("existence = 'existence'\n", encoding="utf-8")
    rev = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=hooks, capture_output=True, text=True, check=True
    ).stdout.strip()
    # The hook repository by path and commit, as a team's config names a release by URL and tag.
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {hooks.as_posix()}\n  rev: {rev}\n"
        "  hooks:\n  - id: mtqa-lint\n  - id: mtqa-fix\n",
        encoding="utf-8",
    )
    _git("init", "-q", cwd=project)
    _git("add", ".", cwd=project)
    _git("commit", "-qm", "drafts", cwd=project)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")}

    def run(hook: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "run", hook, "--all-files"],
            cwd=project, env=env, capture_output=True, text=True,
        )

    lint = run("mtqa-lint")  # installs mtqa into pre-commit's environment, once for both hooks
    if lint.returncode == 3 or "An unexpected error" in lint.stdout:
        log = (tmp_path / "cache" / "pre-commit.log")
        detail = log.read_text(encoding="utf-8") if log.exists() else lint.stdout
        if "Could not find a version" in detail or "NewConnectionError" in detail:
            pytest.skip("pre-commit could not install mtqa's dependencies: no package index")
        pytest.fail(detail[-3000:])
    assert lint.returncode == 1, lint.stdout
    assert "draft.md:1:17: TERM001" in lint.stdout and "notes.py" not in lint.stdout

    fix = run("mtqa-fix")
    assert fix.returncode == 1 and "files were modified by this hook" in fix.stdout
    assert (project / "draft.md").read_text(encoding="utf-8") == draft.replace(
        "existence", "presence"
    )
    assert (project / "notes.py").read_text(encoding="utf-8") == "existence = 'existence'\n"

    again = run("mtqa-lint")
    assert again.returncode == 0 and "Passed" in again.stdout, again.stdout
