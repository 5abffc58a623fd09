"""Input stays inside what was given: under a folder only regular files, links only to files
inside it (or with --follow-links), FIFOs and devices refused in one line wherever a path comes
from, reads capped by the bytes actually read. Every run that could hang or exhaust memory is
a bounded child process (bounded.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.documents import io as docio
from mtqa.errors import InputError

from .bounded import run_mtqa


def _refused(proc) -> None:
    """Exit 2, every stderr line an `mtqa:` line (one per refused path), and no traceback."""
    assert proc.returncode == 2, (proc.returncode, proc.stderr)
    assert "Traceback" not in proc.stderr
    assert proc.stderr and all(line.startswith("mtqa:") for line in proc.stderr.splitlines())

GLOSSARY = "entries:\n- preferred: presence\n  variants: [existence]\n"
SECRET = "The existence of SECRET-TOKEN troops.\n"
runner = CliRunner()


@pytest.fixture
def tree(tmp_path):
    """docs/ with one page of its own and a link to a file outside it."""
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "secret.md").write_text(SECRET, encoding="utf-8")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text("A page of its own.\n", encoding="utf-8")
    (docs / "notes.md").symlink_to(Path("..") / "outside" / "secret.md")
    (tmp_path / "g.yaml").write_text(GLOSSARY, encoding="utf-8")
    return tmp_path


def _invoke(tree: Path, *args: str):
    return runner.invoke(app, [*args, "-g", str(tree / "g.yaml")])  # snippets show the text


def test_a_link_out_of_the_folder_is_not_read(tree):
    result = _invoke(tree, "lint", str(tree / "docs"))
    assert "SECRET-TOKEN" not in result.stdout
    assert result.exit_code == 2
    assert "notes.md: a symbolic link to a file outside" in result.stderr


def test_fix_never_rewrites_a_file_outside_the_folder(tree):
    runner.invoke(app, ["fix", str(tree / "docs"), "-g", str(tree / "g.yaml")])
    assert (tree / "outside" / "secret.md").read_text(encoding="utf-8") == SECRET


def test_follow_links_follows_them(tree):
    result = _invoke(tree, "lint", "--follow-links", str(tree / "docs"))
    assert result.exit_code == 1, result.output
    assert "notes.md:1:5: TERM001" in result.stdout and "SECRET-TOKEN" in result.stdout


def test_a_link_inside_the_folder_is_followed(tree):
    (tree / "docs" / "notes.md").unlink()
    (tree / "docs" / "sub").mkdir()
    (tree / "docs" / "sub" / "real.md").write_text(SECRET, encoding="utf-8")
    (tree / "docs" / "alias.md").symlink_to(Path("sub") / "real.md")
    result = _invoke(tree, "lint", str(tree / "docs"))
    assert result.exit_code == 1 and "mtqa:" not in result.stderr, result.output
    assert "SECRET-TOKEN" in result.stdout  # the file is inside: its text is the user's


def test_a_fifo_in_the_folder_is_refused_without_waiting(tree):
    os.mkfifo(tree / "docs" / "pipe.md")
    proc = run_mtqa(["lint", tree / "docs", "-g", tree / "g.yaml"], tree)
    _refused(proc)
    assert "pipe.md: is a FIFO, not a regular file" in proc.stderr


@pytest.mark.parametrize("where", ["argument", "-g", "--source", "config", "prh import"])
def test_a_fifo_is_refused_wherever_the_path_comes_from(tree, where):
    fifo = tree / ("pipe.md" if where in ("argument", "--source") else "pipe.yaml")
    os.mkfifo(fifo)
    draft = tree / "docs" / "page.md"
    if where == "argument":
        proc = run_mtqa(["lint", fifo, "-g", tree / "g.yaml"], tree)
    elif where == "-g":
        proc = run_mtqa(["lint", draft, "-g", fifo], tree)
    elif where == "--source":
        proc = run_mtqa(["lint", draft, "-g", tree / "g.yaml", "--source", fifo], tree)
    elif where == "config":
        (tree / "docs" / "mtqa.toml").write_text(f'glossaries = ["{fifo}"]\n', encoding="utf-8")
        proc = run_mtqa(["lint", draft], tree)
    else:
        (tree / "prh.yml").write_text(f"version: 1\nimports:\n  - {fifo}\nrules: []\n")
        proc = run_mtqa(["lint", draft, "-g", tree / "prh.yml"], tree)
    _refused(proc)
    assert "is a FIFO, not a regular file" in proc.stderr


@pytest.mark.parametrize("where", ["link in folder", "-g", "--source", "config", "prh import"])
def test_dev_zero_is_refused(tree, where):
    draft = tree / "docs" / "page.md"
    if where == "link in folder":
        (tree / "docs" / "zero.md").symlink_to("/dev/zero")
        proc = run_mtqa(["lint", tree / "docs", "-g", tree / "g.yaml"], tree)
    elif where == "-g":
        proc = run_mtqa(["lint", draft, "-g", "/dev/zero"], tree)
    elif where == "--source":
        proc = run_mtqa(["lint", draft, "-g", tree / "g.yaml", "--source", "/dev/zero"], tree)
    elif where == "config":
        (tree / "docs" / "mtqa.toml").write_text('glossaries = ["/dev/zero"]\n', encoding="utf-8")
        proc = run_mtqa(["lint", draft], tree)
    else:
        (tree / "prh.yml").write_text("version: 1\nimports:\n  - /dev/zero\nrules: []\n")
        proc = run_mtqa(["lint", draft, "-g", tree / "prh.yml"], tree)
    _refused(proc)
    assert "character device" in proc.stderr


@pytest.mark.parametrize("where", ["in folder", "argument", "-g"])
def test_a_symlink_loop_is_one_line(tree, where):
    loop = tree / "docs" / ("loop.yaml" if where == "-g" else "loop.md")
    loop.symlink_to(loop.name)
    if where == "in folder":
        proc = run_mtqa(["lint", tree / "docs", "-g", tree / "g.yaml"], tree)
    elif where == "argument":
        proc = run_mtqa(["lint", loop, "-g", tree / "g.yaml"], tree)
    else:
        proc = run_mtqa(["lint", tree / "docs" / "page.md", "-g", loop], tree)
    _refused(proc)
    assert "symbolic link loop" in proc.stderr


def test_a_loop_of_folder_links_ends_with_follow_links(tree):
    (tree / "docs" / "notes.md").unlink()
    (tree / "docs" / "sub").mkdir()
    (tree / "docs" / "sub" / "back").symlink_to("..")
    proc = run_mtqa(["lint", "--follow-links", tree / "docs", "-g", tree / "g.yaml"], tree)
    assert proc.returncode == 0, proc.stderr


def test_a_read_is_capped_by_the_bytes_read_not_the_size_claimed(monkeypatch):
    status = Path("/proc/self/status")
    if not status.exists() or status.stat().st_size != 0:
        pytest.skip("needs a /proc file whose size reads as 0")
    monkeypatch.setattr(docio, "MAX_BYTES", 64)
    with pytest.raises(InputError, match="too large"):
        docio.read_bytes(status)


@pytest.mark.parametrize("size", [0, 1, 4095, (1 << 20) + 7, 3 << 20])
def test_a_read_gives_the_whole_file_up_to_the_cap(tmp_path, monkeypatch, size):
    path = tmp_path / "f.md"
    data = os.urandom(size)
    path.write_bytes(data)
    assert docio.read_bytes(path) == data
    monkeypatch.setattr(docio, "MAX_BYTES", size)
    assert docio.read_bytes(path) == data  # exactly the cap: read
    path.write_bytes(data + b"x")
    with pytest.raises(InputError, match="too large"):
        docio.read_bytes(path)
