"""What `mtqa fix` and the reports do to files: links kept, patches that apply, sane modes.

Every test builds its own small tree in a temporary folder and runs the CLI on it.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mtqa.cli import app
from mtqa.documents.io import write_atomic
from mtqa.files import discover

runner = CliRunner()

SLIP = "It was the the first base.\n"
FIXED = "It was the first base.\n"


def fix(*args: str):
    return runner.invoke(app, ["fix", "--no-glossary", *args])


# ---------------------------------------------------------------- symlinks
@pytest.fixture
def linked(tmp_path):
    """a.md, and link.md -> a.md in the same folder."""
    target = tmp_path / "a.md"
    target.write_text(SLIP, encoding="utf-8")
    (tmp_path / "link.md").symlink_to("a.md")
    return tmp_path


def test_symlink_stays_a_symlink_and_its_target_is_fixed(linked):
    r = fix(str(linked / "link.md"))
    assert r.exit_code == 0, r.output
    assert (linked / "link.md").is_symlink()
    assert os.readlink(linked / "link.md") == "a.md"
    assert (linked / "a.md").read_text(encoding="utf-8") == FIXED


def test_file_reached_twice_is_fixed_once(linked):
    preview = fix(str(linked), str(linked / "link.md"), "--diff")
    assert preview.stdout.count("+++ ") == 1
    assert "Would fix 1 finding in 1 file" in preview.output
    r = fix(str(linked), str(linked / "a.md"))
    assert r.exit_code == 0, r.output
    # One finding fixed in one file, though the folder holds two names for it.
    assert "Fixed 1 finding in 1 file" in r.output
    assert (linked / "link.md").is_symlink()
    assert (linked / "a.md").read_text(encoding="utf-8") == FIXED
    assert sorted(p.name for p in linked.iterdir()) == ["a.md", "link.md"]  # no temp file left


def test_discovery_lists_each_file_once_under_its_first_name(linked):
    files, errors = discover([linked, linked / "link.md", linked / "a.md"])
    assert errors == []
    assert files == [str(linked / "a.md")]


def test_symlinked_report_file_stays_a_link(tmp_path):
    (tmp_path / "a.md").write_text(SLIP, encoding="utf-8")
    (tmp_path / "reports").mkdir()
    (tmp_path / "latest.md").symlink_to(tmp_path / "reports" / "r.md")  # dangling until written
    r = runner.invoke(
        app, ["report", "--no-glossary", str(tmp_path / "a.md"), "-o", str(tmp_path / "latest.md")]
    )
    assert r.exit_code in (0, 1), r.output
    assert (tmp_path / "latest.md").is_symlink()
    assert "REP001" in (tmp_path / "reports" / "r.md").read_text(encoding="utf-8")


# ---------------------------------------------------------------- hard links
def test_hard_links_are_kept(tmp_path):
    a = tmp_path / "a.md"
    a.write_text(SLIP, encoding="utf-8")
    b = tmp_path / "b.txt"  # another name of the same file, not itself linted
    os.link(a, b)
    inode = a.stat().st_ino
    r = fix(str(a))
    assert r.exit_code == 0, r.output
    assert a.stat().st_ino == inode and a.stat().st_nlink == 2
    assert b.read_text(encoding="utf-8") == FIXED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.txt"]


def test_hard_linked_file_that_changed_is_refused(tmp_path):
    a = tmp_path / "a.md"
    a.write_bytes(b"old")
    os.link(a, tmp_path / "b.md")
    from mtqa.documents.io import digest

    stale = digest(b"older")
    from mtqa.errors import InputError

    with pytest.raises(InputError, match="changed on disk"):
        write_atomic(a, b"new", expected_digest=stale)
    assert (tmp_path / "b.md").read_bytes() == b"old"


# ---------------------------------------------------------------- --diff is a patch
def _apply(tool: str, folder: Path, patch: str) -> subprocess.CompletedProcess:
    if tool == "git":
        cmd = ["git", "apply", "-p1", "-"]
        subprocess.run(["git", "init", "-q", "."], cwd=folder, check=True)
    else:
        cmd = ["patch", "-p1", "--batch", "--silent"]
    return subprocess.run(cmd, cwd=folder, input=patch.encode("utf-8"), capture_output=True)


@pytest.mark.parametrize("tool", ["patch", "git"])
@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("plain.md", "First line.\nIt was the the end"),  # no final newline
        ("with space.md", "It was the the end.\nLast line.\n"),
        ("crlf.md", "It was the the end.\r\nLast line without newline"),
        ("ff.md", "A page\x0cbreak line.\nIt was the the end.\n"),  # \f is not a line end
    ],
)
def test_diff_applies_with_patch_and_git(tmp_path, monkeypatch, tool, name, text):
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    work = tmp_path / "work"
    work.mkdir()
    (work / name).write_bytes(text.encode("utf-8"))
    monkeypatch.chdir(work)
    r = fix(name, "--diff")
    assert r.exit_code == 1, r.output  # 1: there is something to fix
    patch = r.stdout_bytes.decode("utf-8")  # `.stdout` would turn CRLF into LF
    assert (work / name).read_bytes() == text.encode("utf-8")  # --diff writes nothing
    done = _apply(tool, work, patch)
    assert done.returncode == 0, done.stderr.decode() + patch
    fixed = fix(name)
    assert fixed.exit_code == 0
    # Applying the patch gives exactly what `mtqa fix` writes.
    expected = (work / name).read_bytes()
    (work / name).write_bytes(text.encode("utf-8"))
    _apply(tool, work, patch)
    assert (work / name).read_bytes() == expected


def test_diff_marks_a_missing_final_newline(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("a.md").write_text("It was the the end", encoding="utf-8")
    r = fix("a.md", "--diff")
    assert r.stdout.splitlines()[-1] == "\\ No newline at end of file"
    assert r.stdout.startswith("--- a/a.md\n+++ b/a.md\n")


# ---------------------------------------------------------------- modes
def test_new_report_file_gets_the_umask_mode(tmp_path):
    (tmp_path / "a.md").write_text(SLIP, encoding="utf-8")
    old = os.umask(0o022)
    try:
        for cmd in (["lint", "-f", "json"], ["report"]):
            out = tmp_path / f"{cmd[0]}.out.{'json' if cmd[0] == 'lint' else 'md'}"
            r = runner.invoke(app, [*cmd, "--no-glossary", str(tmp_path / "a.md"), "-o", str(out)])
            assert r.exit_code in (0, 1), r.output
            assert stat.S_IMODE(out.stat().st_mode) == 0o644, cmd
        write_atomic(tmp_path / "plain.bin", b"x")
        assert stat.S_IMODE((tmp_path / "plain.bin").stat().st_mode) == 0o644
    finally:
        os.umask(old)


def test_existing_file_keeps_its_mode(tmp_path):
    a = tmp_path / "a.md"
    a.write_text(SLIP, encoding="utf-8")
    a.chmod(0o600)
    assert fix(str(a)).exit_code == 0
    assert stat.S_IMODE(a.stat().st_mode) == 0o600
    assert a.read_text(encoding="utf-8") == FIXED


# ---------------------------------------------------------------- empty files
def test_empty_markdown_file_is_an_empty_document(tmp_path):
    e = tmp_path / "e.md"
    e.write_bytes(b"")
    r = runner.invoke(app, ["lint", "--no-glossary", str(e)])
    assert r.exit_code == 0, r.output
    assert "error" not in r.output
    r = fix(str(e))
    assert r.exit_code == 0, r.output
    assert e.read_bytes() == b""


# ---------------------------------------------------------------- failures
def test_unwritable_file_is_a_one_line_error_and_left_as_it_was(tmp_path, monkeypatch):
    import tempfile

    a = tmp_path / "a.md"
    a.write_text(SLIP, encoding="utf-8")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)  # as in a read-only folder
    r = fix(str(a))
    assert r.exit_code == 2
    assert "Traceback" not in r.output
    assert "cannot write (Permission denied)" in r.stderr
    assert a.read_text(encoding="utf-8") == SLIP


def test_failed_in_place_write_puts_the_original_back(tmp_path, monkeypatch):
    a = tmp_path / "a.md"
    a.write_bytes(b"old text")
    os.link(a, tmp_path / "b.md")
    from mtqa.documents import io

    real_fsync = os.fsync
    calls = []

    def fsync_fails_on_the_in_place_write(fd):
        calls.append(fd)
        if len(calls) == 2:  # the first is the temporary copy's
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(io.os, "fsync", fsync_fails_on_the_in_place_write)
    with pytest.raises(OSError):
        write_atomic(a, b"new", expected_digest=io.digest(b"old text"))
    assert (tmp_path / "b.md").read_bytes() == b"old text"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md", "b.md"]


def test_second_hard_link_in_a_run_is_the_same_file(tmp_path):
    (tmp_path / "a.md").write_text(SLIP, encoding="utf-8")
    os.link(tmp_path / "a.md", tmp_path / "b.md")
    files, _ = discover([tmp_path])
    assert files == [str(tmp_path / "a.md")]


def test_report_to_a_pipe_is_streamed_and_the_pipe_stays(tmp_path):
    import threading

    (tmp_path / "a.md").write_text(SLIP, encoding="utf-8")
    fifo = tmp_path / "out.pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    # A daemon, so a writer that never opens the pipe fails the test instead of hanging it.
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    r = runner.invoke(
        app, ["lint", "--no-glossary", str(tmp_path / "a.md"), "-f", "json", "-o", str(fifo)]
    )
    reader.join(timeout=30)
    assert r.exit_code in (0, 1), r.output
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
    assert b"REP001" in got[0]


def test_diff_names_are_relative(tmp_path, monkeypatch):
    from mtqa.fixing import FixResult

    monkeypatch.chdir(tmp_path)
    inside = FixResult(path=str(tmp_path / "d" / "a.md"), original="a\n", fixed="b\n")
    assert inside.diff().startswith("--- a/d/a.md\n+++ b/d/a.md\n")
    dotted = FixResult(path="./d/../a.md", original="a\n", fixed="b\n")
    assert dotted.diff().startswith("--- a/a.md\n")
    elsewhere = FixResult(path="/elsewhere/x.md", original="a\n", fixed="b\n")
    assert elsewhere.diff().startswith("--- a/elsewhere/x.md\n+++ b/elsewhere/x.md\n")
