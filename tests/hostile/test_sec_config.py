"""Configuration is taken from the project, not from any folder above it, and broken
configuration is one line."""

from __future__ import annotations

import os

import pytest

from .bounded import one_line_error, run_mtqa

SLIP = "They left Iraq in 2011, the the report says.\n"


def test_config_of_another_user_in_a_world_writable_folder_is_skipped(tmp_path):
    if os.geteuid() != 0:
        pytest.skip("making a file another user's needs root")
    shared = tmp_path / "shared"
    draft = shared / "victim"
    draft.mkdir(parents=True)
    shared.chmod(0o777)
    (shared / "planted.yaml").write_text(
        "entries:\n  - preferred: Iran\n    variants: [Iraq]\n", encoding="utf-8"
    )
    planted = shared / "mtqa.toml"
    planted.write_text('glossaries = ["planted.yaml"]\n', encoding="utf-8")
    os.chown(planted, 4242, 4242)
    a = draft / "a.md"
    a.write_text(SLIP, encoding="utf-8")
    r = run_mtqa(["fix", "a.md"], draft)
    assert "Iran" not in a.read_text(encoding="utf-8")
    assert "skipped: owned by another user" in r.stderr


def test_search_stops_at_the_repository_root(tmp_path):
    (tmp_path / "mtqa.toml").write_text('select = ["WS"]\n', encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "a.md").write_text(SLIP, encoding="utf-8")
    r = run_mtqa(["lint", "a.md"], repo)
    assert "REP001" in r.stdout  # the folder above the repository selected WS only


def test_tool_that_is_not_a_table_is_one_line(tmp_path):
    (tmp_path / "pyproject.toml").write_text("tool = 5\n", encoding="utf-8")
    child = tmp_path / "child"
    child.mkdir()
    (child / "a.md").write_text(SLIP, encoding="utf-8")
    line = one_line_error(run_mtqa(["lint", "a.md"], child))
    assert "'tool' must be a table" in line


def test_toml_nested_fifty_thousand_deep_is_one_line(tmp_path):
    depth = 50_000
    (tmp_path / "mtqa.toml").write_text(
        "x = " + "[" * depth + "]" * depth + "\n", encoding="utf-8"
    )
    (tmp_path / "a.md").write_text(SLIP, encoding="utf-8")
    line = one_line_error(run_mtqa(["lint", "a.md"], tmp_path))
    assert "nested too deeply" in line
